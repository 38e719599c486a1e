// Gets an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).
// Run: CLIENT_ID=... CLIENT_SECRET=... node token-request.mjs   (Node 18+, no packages)
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";

const TOKEN_URL = "https://auth.example.com/oauth2/token";
const TIMEOUT_SECONDS = 20;

function requireEnv(name) {
  if (!process.env[name]) throw new Error(`set the ${name} environment variable`);
  return process.env[name];
}

// RFC 6749 §2.3.1: the client ID and secret are form-encoded BEFORE Base64. Most samples skip
// this and break on secrets containing ":", "%" or "+". Keeps only A-Z a-z 0-9 - . _ ~ as is.
function formEncode(value) {
  const hex = (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
  return encodeURIComponent(value).replace(/[!'()*]/g, hex); // encodeURIComponent keeps !'()*
}

// Requests a token and returns the parsed token response.
export async function fetchToken({
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

  let response, data;
  try {
    const signal = AbortSignal.timeout(TIMEOUT_SECONDS * 1000);
    response = await fetch(TOKEN_URL, { method: "POST", headers, body, signal });
    data = await response.json();
  } catch (err) {
    if (err instanceof SyntaxError) {
      throw new Error(`token request failed with HTTP ${response.status}: the body is not JSON`);
    }
    throw new Error(`token request failed: ${err.cause?.message ?? err.message}`);
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
    const expiresIn = Number.parseFloat(token.expires_in);
    console.log(Number.isFinite(expiresIn)
      ? `Got a ${token.token_type} token that expires in ${expiresIn} seconds.`
      : `Got a ${token.token_type} token; the server did not say when it expires.`);
  } catch (err) {
    console.error(`error: ${err.message}`);
    process.exitCode = 1;
  }
}
