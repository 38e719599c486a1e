"""Get an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).

Run:   CLIENT_ID=... CLIENT_SECRET=... python3 token_request.py
Needs: Python 3.9 or later, pip install requests.
Prints the token's type and lifetime, never the token.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

import requests

TOKEN_URL = "https://auth.example.com/oauth2/token"
TIMEOUT_SECONDS = 20  # the whole request, from connect to the last byte


class TokenError(Exception):
    """The token request failed; the message never contains a secret or a token."""


def _env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise TokenError(f"set the {name} environment variable")
    return value


def fetch_token(client_id: str | None = None, client_secret: str | None = None) -> dict[str, Any]:
    """POST the client-credentials grant and return the parsed token response."""
    client_id = _env("CLIENT_ID") if client_id is None else client_id
    client_secret = _env("CLIENT_SECRET") if client_secret is None else client_secret
    form = {
        "grant_type": "client_credentials",
        "client_id": client_id,
        "client_secret": client_secret,
        "scope": "read write",
        "audience": "https://api.example.com",
        "resource": 'r"$1\\',
    }
    deadline = time.monotonic() + TIMEOUT_SECONDS
    body = bytearray()
    try:
        # requests' timeout limits each socket operation, not the whole request, so the
        # body is read byte by byte against the deadline: a dribbling server cannot hold us.
        with requests.post(
            TOKEN_URL,
            data=form,
            headers={"Accept": "application/json"},
            timeout=TIMEOUT_SECONDS,
            stream=True,
        ) as response:
            for chunk in response.iter_content(1):
                body += chunk
                if time.monotonic() >= deadline:
                    raise requests.Timeout("the token request timed out")
    except requests.Timeout:
        raise TokenError("the token request timed out") from None
    except requests.RequestException as exc:
        raise TokenError(f"token request failed: {exc}") from None
    failed = f"token request failed with HTTP {response.status_code}"
    try:
        token: object = json.loads(body)
    except ValueError:
        token = None
    if not isinstance(token, dict):
        raise TokenError(f"{failed}: the response is not JSON")
    if not 200 <= response.status_code < 300 or "error" in token:  # RFC 6749 §5.2
        details = [failed, token.get("error"), token.get("error_description")]
        raise TokenError(": ".join(str(d) for d in details if d))
    if not token.get("access_token"):
        raise TokenError("the token response has no access_token")
    if str(token.get("token_type", "")).lower() != "bearer":
        raise TokenError(f"the token_type is {token.get('token_type')!r}, not bearer")
    return token  # a refresh_token, if any, is ignored: re-run the grant instead


if __name__ == "__main__":
    try:
        token = fetch_token()
    except TokenError as exc:
        sys.exit(f"error: {exc}")  # prints to stderr, exits with status 1
    try:
        seconds = int(float(token["expires_in"]))  # a number or a numeric string
    except (KeyError, TypeError, ValueError, OverflowError):
        print(f"Got a {token['token_type']} token; the server did not say when it expires.")
    else:
        print(f"Got a {token['token_type']} token that expires in {seconds} seconds.")
