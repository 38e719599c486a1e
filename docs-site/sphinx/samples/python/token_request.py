"""Get an OAuth 2.0 access token with the client-credentials grant (RFC 6749 §4.4).

Run:   CLIENT_ID=... CLIENT_SECRET=... python3 token_request.py
Needs: Python 3.9 or later, pip install requests "urllib3>=2.2".
Prints the token's type and lifetime, never the token.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import TypedDict, cast
from urllib.parse import quote

import requests

TOKEN_URL = "https://auth.example.com/oauth2/token"
TIMEOUT_SECONDS = 20  # the whole request, from connect to the last byte


class TokenError(Exception):
    """A failed token request: the HTTP status and the server's error, never a secret or token.

    `response` is the token endpoint's answer; None when none came (a network error, a timeout).
    """

    def __init__(self, message: str, response: requests.Response | None = None) -> None:
        super().__init__(message)
        self.response = response


class TokenResponse(TypedDict, total=False):
    """The token endpoint's JSON object (RFC 6749 §5.1, §5.2)."""

    access_token: str
    token_type: str
    expires_in: float | str  # seconds, a number or a numeric string
    error: str
    error_description: str


def request_token(client_id: str, secret: str, timeout: float = TIMEOUT_SECONDS) -> TokenResponse:
    """POST the client-credentials grant (RFC 6749 §4.4.2) and return the token response."""
    deadline = time.monotonic() + timeout
    try:
        with requests.post(
            TOKEN_URL,
            data={
                "grant_type": "client_credentials",
                "client_id": client_id,
            },
            # RFC 6749 §2.3.1: the ID and secret are form-encoded before they go into the Basic
            # header. Most samples skip this and fail on secrets containing ":", "%" or "+".
            auth=(quote(client_id, safe=""), quote(secret, safe="")),
            headers={"Accept": "application/json"},
            timeout=timeout,
            stream=True,  # the body is read by _read_body, within the deadline
        ) as response:
            body = _read_body(response, deadline)
    except requests.Timeout:
        raise TokenError(f"the token request timed out after {timeout:g} s") from None
    except requests.RequestException as exc:
        raise TokenError(f"token request failed: {exc}") from None
    failed = f"token request failed with HTTP {response.status_code}"
    token = _json_object(body)
    if token is None:
        raise TokenError(f"{failed}: the response is not a JSON object", response)
    if not 200 <= response.status_code < 300 or "error" in token:  # RFC 6749 §5.2
        details = [failed, token.get("error"), token.get("error_description")]
        raise TokenError(": ".join(str(d) for d in details if d), response)
    access_token = token.get("access_token")
    if not isinstance(access_token, str) or not access_token:
        raise TokenError("the token response has no access_token", response)
    if str(token.get("token_type", "")).lower() != "bearer":
        raise TokenError(f"the token_type is {token.get('token_type')!r}, not bearer", response)
    return token  # a refresh_token, if any, is ignored: the grant is run again (RFC 6749 §4.4.3)


def _read_body(response: requests.Response, deadline: float) -> bytes:
    """The response body as it arrives, given up at `deadline` (a time.monotonic() value).

    A defence you can skip when reading: requests' timeout limits each socket read, not the
    whole response, so a server sending a byte now and then could hold the caller for ever.
    urllib3's read1 (2.2+) returns what one socket read brings, so the deadline is checked
    after every read.
    """
    body = bytearray()
    while chunk := response.raw.read1(65536, decode_content=True):
        body += chunk
        if time.monotonic() >= deadline:
            raise requests.Timeout
    return bytes(body)


def _json_object(body: bytes) -> TokenResponse | None:
    """The body read as a token response; None when it is not a JSON object."""
    try:
        data: object = json.loads(body)
    except ValueError:
        return None
    return cast("TokenResponse", data) if isinstance(data, dict) else None


def _env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise TokenError(f"set the {name} environment variable")
    return value


if __name__ == "__main__":
    try:
        token = request_token(_env("CLIENT_ID"), _env("CLIENT_SECRET"))
    except TokenError as exc:
        sys.exit(f"error: {exc}")  # prints to stderr, exits with status 1
    kind = token.get("token_type")
    try:
        seconds = int(float(token.get("expires_in", "")))  # a number or a numeric string
    except (ValueError, OverflowError):
        print(f"Got a {kind} token; the server did not say when it expires.")
    else:
        print(f"Got a {kind} token that expires in {seconds} seconds.")
