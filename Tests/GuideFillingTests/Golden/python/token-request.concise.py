# Get an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).
# Run: CLIENT_ID=... CLIENT_SECRET=... python3 token_request.py   (pip install requests)
import os
from urllib.parse import quote

import requests

TOKEN_URL = "https://auth.example.com/oauth2/token"
for name in ("CLIENT_ID", "CLIENT_SECRET"):
    if not os.environ.get(name):
        raise SystemExit(f"error: set the {name} environment variable")
client_id, secret = os.environ["CLIENT_ID"], os.environ["CLIENT_SECRET"]
form = {"grant_type": "client_credentials", "client_id": client_id}
# RFC 6749 §2.3.1: Basic takes the ID and secret form-encoded, so a ":" or "%" in them is safe.
basic = (quote(client_id, safe=""), quote(secret, safe=""))
r = requests.post(TOKEN_URL, form, auth=basic, headers={"Accept": "application/json"}, timeout=20)
token = r.json()
if not r.ok or "error" in token:  # the server says why (RFC 6749 §5.2)
    why = ": ".join(token[key] for key in ("error", "error_description") if key in token)
    raise SystemExit(f"error: token request failed with HTTP {r.status_code}: {why}")
when = "; the server did not say when it expires"
if "expires_in" in token:  # a number or a numeric string
    when = f" that expires in {int(float(token['expires_in']))} seconds"
print(f"Got a {token['token_type']} token{when}.")
