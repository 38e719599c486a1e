// An OAuth 2.0 client-credentials token manager (RFC 6749 §4.4): caches the access token, renews
// it shortly before it expires, shares one token request among concurrent callers, retries the
// token endpoint with backoff, and retries an API call once with a new token after a 401.
// Run: CLIENT_ID=... CLIENT_SECRET=... node token-manager.mjs   (Node 18+, no packages)
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";

const TOKEN_URL = "https://auth.example.com/oauth2/token";
const API_URL = "https://api.example.com/v1/resource";
const TIMEOUT_SECONDS = 20;
const RENEW_MARGIN_SECONDS = 300; // renew this long before expiry...
const MAX_RENEW_FRACTION = 0.5; // ...but never more than this fraction of the lifetime
const DEFAULT_LIFETIME_SECONDS = 600; // when the server does not send expires_in
const MAX_ATTEMPTS = 3; // token requests in all, first one included
const INITIAL_BACKOFF_SECONDS = 1; // doubled on each retry
const BACKOFF_JITTER = 0.1; // ± this fraction of random jitter on each delay
const MAX_RETRY_AFTER_SECONDS = 60;
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

// Carries the HTTP status and the server's error and error_description, never a secret or token.
export class TokenError extends Error {
  constructor(message, { status, error, description } = {}) {
    super(message);
    this.name = "TokenError";
    this.status = status;
    this.error = error;
    this.description = description;
  }
}

function requireEnv(name) {
  if (!process.env[name]) throw new TokenError(`set the ${name} environment variable`);
  return process.env[name];
}

// RFC 6749 §2.3.1: the client ID and secret are form-encoded BEFORE Base64. Most samples skip
// this and break on secrets containing ":", "%" or "+". Keeps only A-Z a-z 0-9 - . _ ~ as is.
function formEncode(value) {
  const hex = (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
  return encodeURIComponent(value).replace(/[!'()*]/g, hex); // encodeURIComponent keeps !'()*
}

const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

// Delay before retry number `retry` (1, 2, ...): the server's Retry-After (delta-seconds or an
// HTTP-date, RFC 9110 §10.2.3) when present, else exponential backoff with jitter.
function retryDelay(retry, retryAfter) {
  if (retryAfter) {
    const seconds = /^\d+$/.test(retryAfter)
      ? Number(retryAfter)
      : (Date.parse(retryAfter) - Date.now()) / 1000;
    if (!Number.isNaN(seconds)) return Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_SECONDS);
  }
  const jitter = 1 + BACKOFF_JITTER * (2 * Math.random() - 1); // uniform in [1 - j, 1 + j)
  return INITIAL_BACKOFF_SECONDS * 2 ** (retry - 1) * jitter;
}

export class TokenManager {
  #request; // the token request: headers and body, built once
  #token = null; // { accessToken, renewAt, expiresAt }, in performance.now() milliseconds
  #inFlight = null; // the one pending token request, shared by all concurrent callers

  constructor({
    clientId = requireEnv("CLIENT_ID"),
    clientSecret = requireEnv("CLIENT_SECRET"),
  } = {}) {
    const headers = {
      Accept: "application/json",
      "Content-Type": "application/x-www-form-urlencoded",
    };
    const credentials = `${formEncode(clientId)}:${formEncode(clientSecret)}`;
    headers.Authorization = `Basic ${Buffer.from(credentials, "utf8").toString("base64")}`;
    const body = new URLSearchParams({ grant_type: "client_credentials" });
    body.append("client_id", clientId);
    this.#request = { method: "POST", headers, body };
  }

  // Returns a valid access token, requesting a new one only when needed.
  async getToken() {
    if (this.#token && performance.now() < this.#token.renewAt) return this.#token.accessToken;
    if (!this.#inFlight) {
      this.#inFlight = this.#renew().finally(() => {
        this.#inFlight = null;
      });
      this.#inFlight.catch(() => {}); // each caller gets the error; never an unhandled rejection
    }
    return this.#inFlight;
  }

  // Drops the cached token; given a token, only if it is still the cached one.
  invalidate(token) {
    if (token == null || token === this.#token?.accessToken) this.#token = null;
  }

  // fetch() with "Authorization: Bearer <token>". On a 401 (RFC 6750 §3.1: the token was revoked
  // or expired early) it retries once with a new token; a second 401 is returned to the caller.
  // A request body must therefore be re-sendable (a string, not a stream).
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

  async #renew() {
    try {
      return await this.#requestToken();
    } catch (err) {
      // Renewal failed, but the cached token has not expired yet: keep using it for now.
      if (this.#token && performance.now() < this.#token.expiresAt) return this.#token.accessToken;
      throw err;
    }
  }

  async #requestToken() {
    for (let attempt = 1; ; attempt++) {
      const started = performance.now(); // read before sending: the lifetime counts from here
      let response, text;
      try {
        const signal = AbortSignal.timeout(TIMEOUT_SECONDS * 1000);
        response = await globalThis.fetch(TOKEN_URL, { ...this.#request, signal });
        text = await response.text();
      } catch (err) {
        if (attempt >= MAX_ATTEMPTS) {
          const reason = err.cause?.message ?? err.message;
          const tries = attempt > 1 ? ` after ${attempt} attempts` : "";
          throw new TokenError(`token request failed${tries}: ${reason}`);
        }
        await sleep(retryDelay(attempt));
        continue;
      }
      let data;
      try {
        data = JSON.parse(text);
      } catch {
        data = undefined;
      }
      if (response.ok && data !== undefined && !data?.error) {
        return this.#store(data, started);
      }

      const { status } = response;
      if (RETRY_STATUSES.has(status) && attempt < MAX_ATTEMPTS) {
        await sleep(retryDelay(attempt, response.headers.get("Retry-After")));
        continue;
      }
      const { error, error_description: description } = data ?? {};
      let message = `token request failed with HTTP ${status}`;
      if (attempt > 1) message += ` after ${attempt} attempts`;
      if (data === undefined) message += ": the body is not JSON";
      for (const part of [error, description]) if (part) message += `: ${part}`;
      throw new TokenError(message, { status, error, description });
    }
  }

  #store(data, started) {
    if (typeof data?.access_token !== "string" || !data.access_token) {
      throw new TokenError("the token response has no access_token");
    }
    if (String(data.token_type).toLowerCase() !== "bearer") {
      throw new TokenError(`the token_type is ${data.token_type ?? "missing"}, not bearer`);
    }
    // A refresh_token, if any, is ignored (RFC 6749 §4.4.3): renewing means running the grant.
    let lifetime = Number.parseFloat(data.expires_in); // a number or a numeric string
    if (!(lifetime > 0 && Number.isFinite(lifetime))) lifetime = DEFAULT_LIFETIME_SECONDS;
    const margin = Math.min(RENEW_MARGIN_SECONDS, lifetime * MAX_RENEW_FRACTION);
    const expiresAt = started + lifetime * 1000;
    this.#token = { accessToken: data.access_token, renewAt: expiresAt - margin * 1000, expiresAt };
    return data.access_token;
  }
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
    console.error(`error: ${err.cause?.message ?? err.message}`);
    process.exitCode = 1;
  }
}
