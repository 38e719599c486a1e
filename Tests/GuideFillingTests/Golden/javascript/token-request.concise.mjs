// Gets an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).
// Run: CLIENT_ID=... CLIENT_SECRET=... node token-request.mjs   (Node 18+, no packages)
const [clientId, clientSecret] = ["CLIENT_ID", "CLIENT_SECRET"]
  .map((name) => process.env[name] || fail(`set the ${name} environment variable`));
const body = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId });
// RFC 6749 §2.3.1: Basic takes the ID and secret percent-encoded, so a ":" or "%" in them is safe.
const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64");
const response = await fetch("https://auth.example.com/oauth2/token", {
  method: "POST",
  headers: { Accept: "application/json", Authorization: `Basic ${basic}` },
  body,
  signal: AbortSignal.timeout(20 * 1000),
}).catch((err) => fail(`token request failed: ${err.cause?.message ?? err.message}`));
const token = /** @type {Record<string, any>} */ (await response.json().catch(() => ({})));
if (!response.ok || token.error) {
  const reason = [token.error, token.error_description].filter(Boolean).join(": "); // RFC 6749 §5.2
  fail(`token request failed with HTTP ${response.status}: ${reason}`);
}
const expiresIn = Number.parseFloat(token.expires_in); // a number, or a numeric string
const when = Number.isFinite(expiresIn) ? ` that expires in ${expiresIn} seconds` : "; the server did not say when it expires";
console.log(`Got a ${token.token_type} token${when}.`);

/** @param {string} message @returns {never} */
function fail(message) { console.error(`error: ${message}`); process.exit(1); }
