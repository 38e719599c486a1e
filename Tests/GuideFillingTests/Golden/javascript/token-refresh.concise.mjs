// Keeps an OAuth 2.0 client-credentials token fresh and calls an API with it (RFC 6749 §4.4).
// Run: CLIENT_ID=... CLIENT_SECRET=... node token-manager.mjs   (Node 18+, no packages)
import { fileURLToPath } from "node:url";

/** @param {string} clientId @param {string} clientSecret @returns {Promise<Record<string, any>>} */
export async function requestToken(clientId, clientSecret) {
  const body = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId });
  // RFC 6749 §2.3.1: Basic takes the ID and secret percent-encoded, so a ":" or "%" in them is safe.
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64");
  const response = await fetch("https://auth.example.com/oauth2/token", {
    method: "POST",
    headers: { Accept: "application/json", Authorization: `Basic ${basic}` },
    body,
    signal: AbortSignal.timeout(20 * 1000),
  });
  const token = /** @type {Record<string, any>} */ (await response.json().catch(() => ({})));
  if (response.ok && !token.error) return token;
  throw new Error([`token request failed with HTTP ${response.status}`, token.error, token.error_description].filter(Boolean).join(": "));
}

export class TokenManager {
  #request;
  /** @type { { accessToken: string, renewAt: number } | null } */ #token = null;
  /** @type {Promise<string> | null} */ #pending = null; // the token request under way: every caller awaits it
  constructor({ clientId = process.env["CLIENT_ID"], clientSecret = process.env["CLIENT_SECRET"] } = {}) {
    if (!clientId || !clientSecret) throw new Error("set the CLIENT_ID and CLIENT_SECRET environment variables");
    this.#request = () => requestToken(clientId, clientSecret);
  }
  async getToken() {
    if (this.#token && performance.now() < this.#token.renewAt) return this.#token.accessToken;
    return (this.#pending ??= this.#request().then((token) => {
      const lifetime = Number.parseFloat(token.expires_in) || 600; // a number, a numeric string, or absent
      // Renew ahead of expiry by the margin, but by at most this fraction of the lifetime.
      const renewAt = performance.now() + 1000 * (lifetime - Math.min(300, 0.5 * lifetime));
      this.#token = { accessToken: token.access_token, renewAt };
      return token.access_token;
    }).finally(() => (this.#pending = null)));
  }
  /** @param {string} [token] drops the cached token; given one, only if it is still the cached one */
  invalidate(token) {
    if (token === undefined || token === this.#token?.accessToken) this.#token = null;
  }
  /** @param {string | URL} url @param {RequestInit} [init] */
  async fetch(url, init = {}) {
    for (let attempt = 1; ; attempt++) {
      const token = await this.getToken();
      const headers = new Headers(init.headers);
      headers.set("Authorization", `Bearer ${token}`);
      const response = await globalThis.fetch(url, { ...init, headers });
      if (response.status !== 401 || attempt === 2) return response;
      this.invalidate(token); // revoked or expired early (RFC 6750 §3.1): once more with a new token
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const apiUrl = "https://api.example.com/v1/resource";
  const response = await new TokenManager().fetch(apiUrl);
  console.log(`GET ${apiUrl} -> HTTP ${response.status}`);
}
