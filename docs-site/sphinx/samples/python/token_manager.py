"""Keep an OAuth 2.0 client-credentials access token fresh and call an API with it.

TokenManager caches the token and renews it in the background before it expires, so callers
never wait while the cached token is usable. Without a usable token, all callers share one
token request (retried with backoff). An API call that gets a 401 is retried once.

Run:   CLIENT_ID=... CLIENT_SECRET=... python3 token_manager.py
Needs: Python 3.9 or later, pip install requests "urllib3>=2.2"
"""

from __future__ import annotations

import email.utils
import json
import math
import os
import random
import sys
import threading
import time
from typing import Any, TypedDict, cast
from urllib.parse import quote

import requests

TOKEN_URL = "https://auth.example.com/oauth2/token"
API_URL = "https://api.example.com/v1/resource"
TIMEOUT_SECONDS = 20  # one token request, from connect to the last byte
RENEW_MARGIN_SECONDS = 300  # renew this long before expiry...
MAX_RENEW_FRACTION = 0.5  # ...but by at most this fraction of the lifetime
DEFAULT_LIFETIME_SECONDS = 600  # when the server omits expires_in
REFRESH_RETRY_DELAY_SECONDS = 30  # after a failed background renewal
MAX_WAIT_SECONDS = 60  # the longest a caller waits when no token is usable
MAX_ATTEMPTS = 3  # token requests in all while no token is usable
INITIAL_BACKOFF_SECONDS = 1  # first retry delay, then doubled
BACKOFF_JITTER = 0.1  # ± this fraction of randomness on each delay
MAX_RETRY_AFTER_SECONDS = 60  # cap on a server's Retry-After
RETRY_STATUSES = [408, 429, 500, 502, 503, 504]  # transient answers; network errors are retried too


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


def _lifetime(expires_in: object) -> float:
    """expires_in in seconds (a number or a numeric string), else the default."""
    try:
        seconds = float(expires_in) if isinstance(expires_in, (int, float, str)) else 0.0
    except (ValueError, OverflowError):
        seconds = 0.0
    return seconds if 0 < seconds < math.inf else DEFAULT_LIFETIME_SECONDS


def _retry_after(response: requests.Response | None) -> float | None:
    """The server's Retry-After in seconds, capped; None when absent or unparseable."""
    if response is None or 200 <= response.status_code < 300:
        return None
    value = response.headers.get("Retry-After", "").strip()
    try:  # RFC 9110 §10.2.3: delta-seconds or an HTTP-date
        if value.isdecimal():
            return min(float(value), MAX_RETRY_AFTER_SECONDS)
        wait = email.utils.parsedate_to_datetime(value).timestamp() - time.time()
    except (TypeError, ValueError, OverflowError):
        return None
    return min(max(wait, 0.0), MAX_RETRY_AFTER_SECONDS)


def _backoff(retry: int) -> float:
    """Seconds to wait before retry number `retry` (1, 2, ...), with jitter."""
    jitter = random.uniform(-BACKOFF_JITTER, BACKOFF_JITTER)
    return INITIAL_BACKOFF_SECONDS * 2.0 ** (retry - 1) * (1 + jitter)


class _SharedRequest:
    """The one token request that callers without a usable token wait for together."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.token: str | None = None
        self.error: Exception | None = None


class TokenManager:
    """Thread-safe access-token cache for the client-credentials grant."""

    def __init__(self, client_id: str | None = None, client_secret: str | None = None) -> None:
        self._client_id = _env("CLIENT_ID") if client_id is None else client_id
        self._client_secret = _env("CLIENT_SECRET") if client_secret is None else client_secret
        self._lock = threading.Lock()  # guards the fields below
        self._token: str | None = None
        self._expires_at = self._renew_at = 0.0  # time.monotonic() values
        self._retry_at = 0.0  # no background renewal before this (cool-down)
        self._refreshing: threading.Thread | None = None  # the background renewal
        self._shared: _SharedRequest | None = None  # the request all waiting callers share

    def __repr__(self) -> str:
        return f"{type(self).__name__}(client_id={self._client_id!r})"  # never the secret or token

    def get_token(self) -> str:
        """Return the cached token while it is usable, else wait for a new one."""
        with self._lock:
            now = time.monotonic()
            if self._token is not None and now < self._expires_at:
                if now >= max(self._renew_at, self._retry_at) and self._refreshing is None:
                    self._refreshing = threading.Thread(target=self._refresh, daemon=True)
                    self._refreshing.start()
                return self._token
            shared = self._shared
            if shared is None:  # this caller starts the request; later ones wait for it too
                shared = self._shared = _SharedRequest()
                threading.Thread(target=self._renew, args=(shared,), daemon=True).start()
        # _renew itself gives up by then; the bound also covers stalls that requests'
        # timeout misses, such as a slow DNS lookup or headers sent a byte at a time.
        if not shared.done.wait(MAX_WAIT_SECONDS):
            raise TokenError(f"no token within {MAX_WAIT_SECONDS} s")
        if shared.token is None:
            raise shared.error or TokenError("the token request was stopped")
        return shared.token

    def invalidate(self, token: str | None = None) -> None:
        """Drop the cached token; with `token`, only if that is still the cached one."""
        with self._lock:
            if token is None or token == self._token:
                self._token = None

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """Send an API request with the bearer token (RFC 6750 §2.1); on a 401, retry once.

        Each call has a connection of its own: requests does not promise that one Session is
        safe to share between threads.
        """
        headers = dict(kwargs.pop("headers", None) or {})
        kwargs.setdefault("timeout", TIMEOUT_SECONDS)
        token = self.get_token()
        headers["Authorization"] = f"Bearer {token}"
        response = requests.request(method, url, headers=headers, **kwargs)
        if response.status_code == 401:
            # Revoked or expired early: drop it, unless another caller has already replaced it.
            self.invalidate(token)
            headers["Authorization"] = f"Bearer {self.get_token()}"
            response = requests.request(method, url, headers=headers, **kwargs)
        return response

    def _refresh(self) -> None:
        """Background renewal of a usable token: one attempt; if it fails, cool down."""
        started = time.monotonic()  # read before sending, so the expiry errs early
        try:
            self._store(started, *self._attempt(started + TIMEOUT_SECONDS))
        except TokenError as exc:  # keep the cached token until it expires
            delay = max(REFRESH_RETRY_DELAY_SECONDS, _retry_after(exc.response) or 0)
            with self._lock:
                self._retry_at = time.monotonic() + delay
        finally:
            with self._lock:
                self._refreshing = None

    def _renew(self, shared: _SharedRequest) -> None:
        """No usable token: get one for every waiting caller."""
        try:
            shared.token = self._new_token()
        except Exception as exc:
            shared.error = exc
        finally:  # whatever happens, no waiter is left hanging
            with self._lock:
                self._shared = None
            shared.done.set()

    def _new_token(self) -> str:
        """A token within MAX_WAIT_SECONDS, or TokenError."""
        deadline = time.monotonic() + MAX_WAIT_SECONDS
        with self._lock:
            refreshing = self._refreshing
        if refreshing is not None:  # one request at a time: let the background renewal end
            refreshing.join(deadline - time.monotonic())
            with self._lock:
                if self._token is not None and time.monotonic() < self._expires_at:
                    return self._token
        started = time.monotonic()  # read before sending, so the expiry errs early
        return self._store(started, *self._fetch(deadline))

    def _store(self, started: float, token: str, lifetime: float) -> str:
        margin = min(RENEW_MARGIN_SECONDS, lifetime * MAX_RENEW_FRACTION)
        with self._lock:
            self._token = token
            self._expires_at = started + lifetime
            self._renew_at = self._expires_at - margin
            self._retry_at = 0.0  # a renewal that failed before this token delays no other
            return token

    def _fetch(self, deadline: float) -> tuple[str, float]:
        """The token request, retrying transient failures with backoff until `deadline`."""
        for attempt in range(1, MAX_ATTEMPTS):
            try:
                return self._attempt(deadline)
            except TokenError as exc:
                if exc.response is not None and exc.response.status_code not in RETRY_STATUSES:
                    raise
                retry_after = _retry_after(exc.response)
                delay = _backoff(attempt) if retry_after is None else retry_after
                if time.monotonic() + delay >= deadline:
                    message = f"no token within {MAX_WAIT_SECONDS} s: {exc}"
                    raise TokenError(message, exc.response) from None
            time.sleep(delay)
        return self._attempt(deadline)  # the last attempt

    def _attempt(self, deadline: float) -> tuple[str, float]:
        """One token request, ending by `deadline` (a time.monotonic() value).

        Returns the access token and its lifetime in seconds.
        """
        timeout = min(deadline - time.monotonic(), TIMEOUT_SECONDS)
        if timeout <= 0:
            raise TokenError("no time left for the token request")
        token = request_token(self._client_id, self._client_secret, timeout)
        return token.get("access_token", ""), _lifetime(token.get("expires_in"))


if __name__ == "__main__":
    try:
        response = TokenManager().request("GET", API_URL)
    except (TokenError, requests.RequestException) as exc:
        sys.exit(f"error: {exc}")
    print(f"GET {API_URL} -> HTTP {response.status_code}")
    sys.exit(0 if 200 <= response.status_code < 300 else 1)
