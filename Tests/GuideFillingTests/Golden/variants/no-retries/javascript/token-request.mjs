// Gets an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).
// Run: CLIENT_ID=... CLIENT_SECRET=... node token-request.mjs   (Node 18+, no packages)
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";

const TOKEN_URL = "https://auth.example.com/oauth2/token";
const TIMEOUT_SECONDS = 0.5;

/** @param {string} name @returns {string} */
function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`set the ${name} environment variable`);
  return value;
}

// RFC 6749 §2.3.1: the client ID and secret are form-encoded BEFORE Base64. Most samples skip
// this and break on secrets containing ":", "%" or "+". Keeps only A-Z a-z 0-9 - . _ ~ as is.
/** @param {string} value @returns {string} */
function formEncode(value) {
  const hex = (/** @type {string} */ c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
  return encodeURIComponent(value).replace(/[!'()*]/g, hex); // encodeURIComponent keeps !'()*
}

/**
 * The parsed token response (RFC 6749 §5.1).
 * @typedef {object} TokenResponse
 * @property {string} access_token
 * @property {string} token_type
 * @property {number | string} [expires_in] seconds
 */

/**
 * Requests a token and returns the parsed token response.
 * @param {object} credentials
 * @param {string} [credentials.clientId] default: the CLIENT_ID environment variable
 * @param {string} [credentials.clientSecret] default: the CLIENT_SECRET environment variable
 * @returns {Promise<TokenResponse>}
 * @throws {Error} when the request fails or the server refuses it; the message never holds the secret
 */
export async function fetchToken({
  clientId = requireEnv("CLIENT_ID"),
  clientSecret = requireEnv("CLIENT_SECRET"),
} = {}) {
  /** @type {Record<string, string>} */
  const headers = {
    Accept: "application/json",
    "Content-Type": "application/x-www-form-urlencoded",
  };
  const credentials = `${formEncode(clientId)}:${formEncode(clientSecret)}`;
  headers.Authorization = `Basic ${Buffer.from(credentials, "utf8").toString("base64")}`;
  const body = new URLSearchParams({ grant_type: "client_credentials" });
  body.append("client_id", clientId);

  let response, text;
  try {
    // One deadline for the whole exchange: it also aborts reading the body.
    const signal = AbortSignal.timeout(Math.round(TIMEOUT_SECONDS * 1000));
    response = await fetch(TOKEN_URL, { method: "POST", headers, body, signal });
    text = await response.text();
  } catch (err) {
    // No answer: a timeout, or a network error (fetch() rejects with a TypeError).
    if (err instanceof Error && err.name === "TimeoutError") {
      throw new Error(`token request timed out after ${TIMEOUT_SECONDS} s`);
    }
    const reason = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    throw new Error(`token request failed: ${reason instanceof Error ? reason.message : reason}`);
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`token request failed with HTTP ${response.status}: the body is not JSON`);
  }
  if (!response.ok || data?.error) {
    let message = `token request failed with HTTP ${response.status}`;
    if (data?.error) message += `: ${data.error}`;
    if (data?.error_description) message += `: ${data.error_description}`;
    throw new Error(message);
  }
  if (typeof data?.access_token !== "string" || !data.access_token) {
    throw new Error("the token response has no access_token");
  }
  if (String(data.token_type).toLowerCase() !== "bearer") {
    throw new Error(`the token_type is ${data.token_type ?? "missing"}, not bearer`);
  }
  return data; // a refresh_token, if any, is not used: RFC 6749 §4.4.3
}

// Runs only when started as a program, not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  try {
    const token = await fetchToken();
    const expiresIn = Number.parseFloat(String(token.expires_in));
    console.log(Number.isFinite(expiresIn)
      ? `Got a ${token.token_type} token that expires in ${expiresIn} seconds.`
      : `Got a ${token.token_type} token; the server did not say when it expires.`);
  } catch (err) {
    console.error(`error: ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
  }
}
