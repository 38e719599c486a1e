// An OAuth 2.0 client-credentials token manager (RFC 6749 §4.4): caches the access token, renews
// it in the background shortly before it expires, shares one token request among concurrent
// callers and retries an API call once with a new token after a 401.
// While no token is usable, it retries the token endpoint with backoff.
// Run: CLIENT_ID=... CLIENT_SECRET=... node token-manager.mjs   (Node 18+, no packages)
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";

const TOKEN_URL = "https://auth.example.com/oauth2/token";
const API_URL = "https://api.example.com/v1/resource";
const TIMEOUT_SECONDS = 20; // one token request, from connect to the last body byte
const RENEW_MARGIN_SECONDS = 300; // renew this long before expiry...
const MAX_RENEW_FRACTION = 0.5; // ...but never more than this fraction of the lifetime
const DEFAULT_LIFETIME_SECONDS = 600; // when the server does not send expires_in
const REFRESH_RETRY_DELAY_SECONDS = 30; // after a failed renewal, wait this long before the next
const MAX_WAIT_SECONDS = 60; // the longest a caller waits when no token is usable
const MAX_ATTEMPTS = 3; // token requests in all while no token is usable, first one included
const INITIAL_BACKOFF_SECONDS = 1; // doubled on each retry
const BACKOFF_JITTER = 0.1; // ± this fraction of random jitter on each delay
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const MAX_RETRY_AFTER_SECONDS = 60;

// Carries the HTTP status and the server's error and error_description, never a secret or token.
export class TokenError extends Error {
  /**
   * @param {string} message
   * @param {object} details
   * @param {number} [details.status]
   * @param {string} [details.error]
   * @param {string} [details.description]
   * @param {number} [details.retryAfter]
   */
  constructor(message, { status, error, description, retryAfter } = {}) {
    super(message);
    this.name = "TokenError";
    /** @type {number | undefined} the token endpoint's HTTP status; undefined when no answer came */
    this.status = status;
    /** @type {string | undefined} */
    this.error = error;
    /** @type {string | undefined} */
    this.description = description;
    /** @type {number | undefined} seconds the server asked to wait (Retry-After), capped */
    this.retryAfter = retryAfter;
  }
}

/** @param {string} name @returns {string} */
function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new TokenError(`set the ${name} environment variable`);
  return value;
}

// A Retry-After header (delta-seconds or an HTTP-date, RFC 9110 §10.2.3) in seconds, capped.
/** @param {string | null} header @returns {number | undefined} */
function retryAfterSeconds(header) {
  if (!header) return undefined;
  const seconds = /^\d+$/.test(header.trim())
    ? Number(header)
    : (Date.parse(header) - Date.now()) / 1000;
  return Number.isNaN(seconds) ? undefined : Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_SECONDS);
}

/** @param {number} seconds @returns {Promise<void>} */
const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

// Exponential backoff with jitter before retry number `retry` (1, 2, ...).
/** @param {number} retry @returns {number} seconds */
function backoffSeconds(retry) {
  const jitter = 1 + BACKOFF_JITTER * (2 * Math.random() - 1); // uniform in [1 - j, 1 + j)
  return INITIAL_BACKOFF_SECONDS * 2 ** (retry - 1) * jitter;
}

// Worth another attempt: no answer at all (a network error or a timeout), or a retryable status.
/** @param {unknown} err @returns {err is TokenError} */
function isTransient(err) {
  return err instanceof TokenError && (err.status === undefined || RETRY_STATUSES.has(err.status));
}

/**
 * The cached token; times are performance.now() milliseconds (a monotonic clock).
 * @typedef {object} CachedToken
 * @property {string} accessToken
 * @property {number} renewAt renewal is due from here...
 * @property {number} expiresAt ...and the token is usable until here
 */

export class TokenManager {
  /** @type {URL} */
  #url;
  /** @type {RequestInit} the token request, built once */
  #request;
  /** @type {CachedToken | null} */
  #token = null;
  /** @type {Promise<void> | null} the one background renewal in flight; it never rejects */
  #renewal = null;
  /** @type {number} no background renewal before this time (the cool-down after a failed one) */
  #retryAt = 0;
  /** @type {Promise<string> | null} the one request that callers without a usable token share */
  #waiting = null;

  /**
   * @param {object} credentials
   * @param {string} [credentials.clientId] default: the CLIENT_ID environment variable
   * @param {string} [credentials.clientSecret] default: the CLIENT_SECRET environment variable
   */
  constructor({
    clientId = requireEnv("CLIENT_ID"),
    clientSecret = requireEnv("CLIENT_SECRET"),
  } = {}) {
    this.#url = new URL(TOKEN_URL); // a malformed URL fails here, not as a retried network error
    /** @type {Record<string, string>} */
    const headers = {
      Accept: "application/json",
      "Content-Type": "application/x-www-form-urlencoded",
    };
    const body = new URLSearchParams({ grant_type: "client_credentials" });
    body.append("client_id", clientId);
    body.append("client_secret", clientSecret);
    body.append("scope", "read write");
    body.append("audience", "https://api.example.com");
    body.append("resource", "r\"$1\\");
    this.#request = { method: "POST", headers, body };
  }

  /**
   * Returns the cached token at once while it has not expired, starting a background renewal
   * when it is due; a failed renewal never reaches the caller. Without a usable token, waits for
   * a new one, at most MAX_WAIT_SECONDS.
   * @returns {Promise<string>} the access token
   * @throws {TokenError} when no usable token could be obtained
   */
  async getToken() {
    const token = this.#token;
    const now = performance.now();
    if (token && now < token.expiresAt) {
      if (now >= token.renewAt && now >= this.#retryAt && !this.#renewal) this.#renewInBackground();
      return token.accessToken;
    }
    this.#waiting ??= this.#requestToken().finally(() => {
      this.#waiting = null;
    });
    return this.#waiting;
  }

  /**
   * Drops the cached token; given a token, only if it is still the cached one.
   * @param {string} [token]
   */
  invalidate(token) {
    if (token == null || token === this.#token?.accessToken) this.#token = null;
  }

  /**
   * fetch() with "Authorization: Bearer <token>". On a 401 (RFC 6750 §3.1: the token was revoked
   * or expired early) it retries once with a new token; a second 401 is returned to the caller.
   * A request body must therefore be re-sendable (a string, not a stream).
   * @param {string | URL} url
   * @param {RequestInit} [init]
   * @returns {Promise<Response>}
   * @throws {TokenError} when no token could be obtained
   */
  async fetch(url, init = {}) {
    for (let attempt = 1; ; attempt++) {
      const token = await this.getToken();
      const headers = new Headers(init.headers);
      headers.set("Authorization", `Bearer ${token}`);
      const response = await globalThis.fetch(url, { ...init, headers });
      if (response.status !== 401 || attempt === 2) return response;
      await response.body?.cancel();
      this.invalidate(token); // unless another caller has already replaced it
    }
  }

  // One attempt that no caller awaits. After a failure the cached token stays in use, and the
  // next attempt waits out REFRESH_RETRY_DELAY_SECONDS, or a longer Retry-After.
  #renewInBackground() {
    this.#renewal = this.#attempt(TIMEOUT_SECONDS * 1000)
      .then(
        () => {},
        (err) => {
          const delay = Math.max(REFRESH_RETRY_DELAY_SECONDS, err?.retryAfter ?? 0);
          this.#retryAt = performance.now() + delay * 1000;
        },
      )
      .finally(() => {
        this.#renewal = null;
      });
  }

  // No usable token: one request with retries, bounded by MAX_WAIT_SECONDS in all.
  /** @returns {Promise<string>} */
  async #requestToken() {
    const deadline = performance.now() + MAX_WAIT_SECONDS * 1000;
    await this.#renewal; // a background renewal under way ends first (within TIMEOUT_SECONDS)
    const token = this.#token;
    if (token && performance.now() < token.expiresAt) return token.accessToken;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#attempt(Math.min(TIMEOUT_SECONDS * 1000, deadline - performance.now()));
      } catch (err) {
        if (!isTransient(err) || attempt >= MAX_ATTEMPTS) throw failedAfter(err, attempt);
        const delay = err.retryAfter ?? backoffSeconds(attempt);
        if (performance.now() + delay * 1000 >= deadline) {
          throw failedAfter(err, attempt, `, no time left to retry within ${MAX_WAIT_SECONDS} s`);
        }
        await sleep(delay);
      }
    }
  }

  // One token request, bounded by timeoutMs from connect to the last body byte; stores the token.
  /** @param {number} timeoutMs @returns {Promise<string>} */
  async #attempt(timeoutMs) {
    const started = performance.now(); // read before sending: the lifetime counts from here
    const ms = Math.max(Math.round(timeoutMs), 0);
    let response, text;
    try {
      const signal = AbortSignal.timeout(ms); // also aborts reading the body
      response = await globalThis.fetch(this.#url, { ...this.#request, signal });
      text = await response.text();
    } catch (err) {
      // No answer. fetch() rejects with a TypeError on a network error (the URL is valid).
      if (err instanceof Error && err.name === "TimeoutError") {
        throw new TokenError(`token request timed out after ${ms / 1000} s`);
      }
      if (err instanceof TypeError) {
        const reason = err.cause instanceof Error ? err.cause.message : err.message;
        throw new TokenError(`token request failed: ${reason}`);
      }
      throw err;
    }
    const { status } = response;
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    if (!response.ok || data === undefined || data?.error) {
      const { error, error_description: description } = data ?? {};
      let message = `token request failed with HTTP ${status}`;
      if (data === undefined) message += ": the body is not JSON";
      for (const part of [error, description]) if (part) message += `: ${part}`;
      const retryAfter = retryAfterSeconds(response.headers.get("Retry-After"));
      throw new TokenError(message, { status, error, description, retryAfter });
    }
    if (typeof data?.access_token !== "string" || !data.access_token) {
      throw new TokenError("the token response has no access_token", { status });
    }
    if (String(data.token_type).toLowerCase() !== "bearer") {
      throw new TokenError(`the token_type is ${data.token_type ?? "missing"}, not bearer`, { status });
    }
    // A refresh_token, if any, is ignored (RFC 6749 §4.4.3): renewing means running the grant.
    let lifetime = Number.parseFloat(data.expires_in); // a number or a numeric string
    if (!(lifetime > 0 && Number.isFinite(lifetime))) lifetime = DEFAULT_LIFETIME_SECONDS;
    const margin = Math.min(RENEW_MARGIN_SECONDS, lifetime * MAX_RENEW_FRACTION);
    const expiresAt = started + lifetime * 1000;
    this.#token = { accessToken: data.access_token, renewAt: expiresAt - margin * 1000, expiresAt };
    this.#retryAt = 0;
    return data.access_token;
  }
}

// The last attempt's error, saying how many attempts were made.
/** @param {unknown} err @param {number} attempts @param {string} [note] @returns {unknown} */
function failedAfter(err, attempts, note = "") {
  if (!(err instanceof TokenError) || (attempts === 1 && !note)) return err;
  return new TokenError(`${err.message} (${attempts} attempt${attempts > 1 ? "s" : ""}${note})`, err);
}

// Runs only when started as a program, not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  try {
    const manager = new TokenManager();
    const response = await manager.fetch(API_URL);
    await response.body?.cancel();
    console.log(`GET ${API_URL} -> HTTP ${response.status}`);
    process.exitCode = response.ok ? 0 : 1;
  } catch (err) {
    const reason = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    console.error(`error: ${reason instanceof Error ? reason.message : reason}`);
    process.exitCode = 1;
  }
}
