// Gets an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).
// Run: CLIENT_ID=... CLIENT_SECRET=... node token-request.mjs   (Node 18+, no packages)
// Prints the token's type and lifetime, never the token.

const TOKEN_URL = "https://auth.example.com/oauth2/token";
const TIMEOUT_SECONDS = 20;

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

try {
  const token = await requestToken(requireEnv("CLIENT_ID"), requireEnv("CLIENT_SECRET"));
  const expiresIn = Number.parseFloat(String(token.expires_in));
  console.log(Number.isFinite(expiresIn)
    ? `Got a ${token.token_type} token that expires in ${expiresIn} seconds.`
    : `Got a ${token.token_type} token; the server did not say when it expires.`);
} catch (err) {
  console.error(`error: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
