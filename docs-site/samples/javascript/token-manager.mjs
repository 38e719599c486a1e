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

/**
 * The token endpoint's JSON object (RFC 6749 §5.1).
 * @typedef {object} TokenResponse
 * @property {string} access_token
 * @property {string} token_type
 * @property {number | string} [expires_in] seconds
 */

// A failed token request: the HTTP status and the server's error, never a secret or a token.
export class TokenError extends Error {
  /**
   * @param {string} message
   * @param {Response} [response] the token endpoint's answer; undefined when none came
   */
  constructor(message, response) {
    super(message);
    this.name = "TokenError";
    this.response = response;
  }
}

// RFC 6749 §2.3.1: the ID and secret are form-encoded before they go into the Basic header. Most
// samples skip this and fail on secrets containing ":", "%" or "+". encodeURIComponent keeps !'()*.
/** @param {string} value */
const formEncode = (value) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * POSTs the client-credentials grant (RFC 6749 §4.4.2) and returns the token response.
 * @param {string} clientId
 * @param {string} clientSecret
 * @param {number} [timeoutSeconds] from connect to the last body byte
 * @returns {Promise<TokenResponse>}
 */
export async function requestToken(clientId, clientSecret, timeoutSeconds = TIMEOUT_SECONDS) {
  const body = new URLSearchParams({ grant_type: "client_credentials" });
  body.append("client_id", clientId);
  const basic = Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString("base64");
  let response, text;
  try {
    response = await fetch(TOKEN_URL, {
      method: "POST",
      headers: { Accept: "application/json", Authorization: `Basic ${basic}` },
      body,
      signal: AbortSignal.timeout(Math.max(Math.round(timeoutSeconds * 1000), 0)), // the body too
    });
    text = await response.text();
  } catch (err) {
    // No answer: the timeout, or a network error (fetch() rejects with a TypeError, its cause says why).
    if (err instanceof Error && err.name === "TimeoutError") {
      throw new TokenError(`token request timed out after ${timeoutSeconds} s`);
    }
    const reason = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    throw new TokenError(`token request failed: ${reason instanceof Error ? reason.message : reason}`);
  }
  const failed = `token request failed with HTTP ${response.status}`;
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new TokenError(`${failed}: the body is not JSON`, response);
  }
  if (!response.ok || data?.error) {
    const details = [failed, data?.error, data?.error_description].filter(Boolean);
    throw new TokenError(details.join(": "), response); // RFC 6749 §5.2
  }
  if (typeof data?.access_token !== "string" || !data.access_token) {
    throw new TokenError("the token response has no access_token", response);
  }
  if (String(data.token_type).toLowerCase() !== "bearer") {
    throw new TokenError(`the token_type is ${data.token_type ?? "missing"}, not bearer`, response);
  }
  return data; // a refresh_token, if any, is ignored: the grant is run again (RFC 6749 §4.4.3)
}

/** @param {string} name */
function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new TokenError(`set the ${name} environment variable`);
  return value;
}

// The server's Retry-After (delta-seconds or an HTTP-date, RFC 9110 §10.2.3) in seconds, capped.
/** @param {unknown} err */
function retryAfterSeconds(err) {
  const header = err instanceof TokenError && !err.response?.ok ? err.response?.headers.get("Retry-After") : null;
  if (!header) return undefined;
  const seconds = /^\d+$/.test(header.trim())
    ? Number(header)
    : (Date.parse(header) - Date.now()) / 1000;
  return Number.isNaN(seconds) ? undefined : Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_SECONDS);
}

/** @param {number} seconds */
const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

// Seconds of exponential backoff, with jitter, before retry number `retry` (1, 2, ...).
/** @param {number} retry */
function backoffSeconds(retry) {
  const jitter = 1 + BACKOFF_JITTER * (2 * Math.random() - 1); // uniform in [1 - j, 1 + j)
  return INITIAL_BACKOFF_SECONDS * 2 ** (retry - 1) * jitter;
}

// Worth another attempt: no answer at all (a network error or a timeout), or a retryable status.
/** @param {unknown} err @returns {err is TokenError} */
function isTransient(err) {
  return err instanceof TokenError && (!err.response || RETRY_STATUSES.has(err.response.status));
}

/**
 * The cached token; times are performance.now() milliseconds (a monotonic clock).
 * @typedef {object} CachedToken
 * @property {string} accessToken
 * @property {number} renewAt renewal is due from here...
 * @property {number} expiresAt ...and the token is usable until here
 */

export class TokenManager {
  #clientId;
  #clientSecret;
  /** @type {CachedToken | null} */
  #token = null;
  /** @type {Promise<void> | null} the one background renewal in flight; it never rejects */
  #renewal = null;
  // no background renewal before this time (the cool-down after a failed one)
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
    this.#clientId = clientId;
    this.#clientSecret = clientSecret;
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
    this.#renewal = this.#attempt(TIMEOUT_SECONDS)
      .then(
        () => {},
        (err) => {
          const delay = Math.max(REFRESH_RETRY_DELAY_SECONDS, retryAfterSeconds(err) ?? 0);
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
        return await this.#attempt(Math.min(TIMEOUT_SECONDS, (deadline - performance.now()) / 1000));
      } catch (err) {
        if (!isTransient(err) || attempt >= MAX_ATTEMPTS) throw failedAfter(err, attempt);
        const delay = retryAfterSeconds(err) ?? backoffSeconds(attempt);
        if (performance.now() + delay * 1000 >= deadline) {
          throw failedAfter(err, attempt, `, no time left to retry within ${MAX_WAIT_SECONDS} s`);
        }
        await sleep(delay);
      }
    }
  }

  // One token request, bounded by timeoutSeconds from connect to the last body byte; stores the token.
  /** @param {number} timeoutSeconds */
  async #attempt(timeoutSeconds) {
    const started = performance.now(); // read before sending: the lifetime counts from here
    const data = await requestToken(this.#clientId, this.#clientSecret, timeoutSeconds);
    let lifetime = Number.parseFloat(String(data.expires_in)); // a number or a numeric string
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
  return new TokenError(`${err.message} (${attempts} attempt${attempts > 1 ? "s" : ""}${note})`, err.response);
}

async function main() {
  try {
    const manager = new TokenManager();
    const response = await manager.fetch(API_URL);
    await response.body?.cancel();
    console.log(`GET ${API_URL} -> HTTP ${response.status}`);
    process.exitCode = response.ok ? 0 : 1;
  } catch (err) {
    console.error(`error: ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
  }
}

// Node 18 has no import.meta.main: main() runs when this file is the program, not when it is
// imported. (Node resolves symbolic links in import.meta.url, so argv[1] is resolved too.)
if (import.meta.url === pathToFileURL(realpathSync(process.argv[1] ?? ".")).href) await main();
