"""Keep an OAuth 2.0 client-credentials access token fresh and call an API with it.

TokenManager caches the token and renews it in the background before it expires, so callers
never wait while the cached token is usable. Without a usable token, all callers share one
token request (retried with backoff). An API call that gets a 401 is retried once.

Run:   CLIENT_ID=... CLIENT_SECRET=... python3 token_manager.py
Needs: Python 3.9 or later, pip install requests
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
from concurrent import futures
from typing import Any

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
    """A failed token request: HTTP status, error, error_description; never a secret."""

    def __init__(
        self,
        message: str,
        status: int | None = None,
        error: str | None = None,
        description: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.error, self.description = status, error, description
        self.retry_after = retry_after  # seconds the server asked us to wait, if it did


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


def _retry_after(response: requests.Response) -> float | None:
    """The server's Retry-After in seconds, capped; None when absent or unparseable."""
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


class TokenManager:
    """Thread-safe access-token cache for the client-credentials grant."""

    def __init__(
        self,
        client_id: str | None = None,
        client_secret: str | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self._client_id = _env("CLIENT_ID") if client_id is None else client_id
        self._client_secret = _env("CLIENT_SECRET") if client_secret is None else client_secret
        self._owns_session = session is None
        self._session = requests.Session() if session is None else session
        self._lock = threading.Lock()  # guards the fields below
        self._token: str | None = None
        self._expires_at = self._renew_at = 0.0  # time.monotonic() values
        self._retry_at = 0.0  # no background renewal before this (cool-down)
        self._refreshing: threading.Thread | None = None  # the background renewal
        self._pending: futures.Future[str] | None = None  # the request all waiting callers share

    def get_token(self) -> str:
        """Return the cached token while it is usable, else wait for a new one."""
        with self._lock:
            now = time.monotonic()
            if self._token is not None and now < self._expires_at:
                if now >= max(self._renew_at, self._retry_at) and self._refreshing is None:
                    self._refreshing = threading.Thread(target=self._refresh, daemon=True)
                    self._refreshing.start()
                return self._token
            leader = self._pending is None
            pending: futures.Future[str] = self._pending or futures.Future()
            self._pending = pending
        if leader:  # one thread sends the request; every caller waits for its outcome
            threading.Thread(target=self._renew, args=(pending,), daemon=True).start()
        try:
            # _renew itself gives up by then; the bound also covers stalls that requests'
            # timeout misses, such as a slow DNS lookup or headers sent a byte at a time.
            return pending.result(timeout=MAX_WAIT_SECONDS)
        except futures.TimeoutError:
            raise TokenError(f"no token within {MAX_WAIT_SECONDS} s") from None

    def invalidate(self, token: str | None = None) -> None:
        """Drop the cached token; with `token`, only if that is still the cached one."""
        with self._lock:
            if token is None or token == self._token:
                self._token = None

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """Send an API request with the bearer token (RFC 6750 §2.1); on a 401, retry once."""
        headers = dict(kwargs.pop("headers", None) or {})
        kwargs.setdefault("timeout", TIMEOUT_SECONDS)
        token = self.get_token()
        headers["Authorization"] = f"Bearer {token}"
        response = self._session.request(method, url, headers=headers, **kwargs)
        if response.status_code == 401:
            # Revoked or expired early: drop it, unless another caller has already replaced it.
            self.invalidate(token)
            response.close()
            headers["Authorization"] = f"Bearer {self.get_token()}"
            response = self._session.request(method, url, headers=headers, **kwargs)
        return response

    def close(self) -> None:
        """Close the HTTP session, unless the caller passed it in."""
        if self._owns_session:
            self._session.close()

    def __enter__(self) -> TokenManager:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _refresh(self) -> None:
        """Background renewal of a usable token: one attempt; if it fails, cool down."""
        started = time.monotonic()  # read before sending, so the expiry errs early
        try:
            self._store(started, *self._attempt(started + TIMEOUT_SECONDS))
        except TokenError as exc:  # keep the cached token until it expires
            delay = max(REFRESH_RETRY_DELAY_SECONDS, exc.retry_after or 0)
            with self._lock:
                self._retry_at = time.monotonic() + delay
        finally:
            with self._lock:
                self._refreshing = None

    def _renew(self, pending: futures.Future[str]) -> None:
        """No usable token: get one for every waiting caller."""
        try:
            pending.set_result(self._new_token())
        except BaseException as exc:  # whatever happens, no waiter is left hanging
            pending.set_exception(exc)
        finally:
            with self._lock:
                self._pending = None

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
            return token

    def _fetch(self, deadline: float) -> tuple[str, float]:
        """The token request, retrying transient failures with backoff until `deadline`."""
        for attempt in range(1, MAX_ATTEMPTS):
            try:
                return self._attempt(deadline)
            except TokenError as exc:
                if exc.status is not None and exc.status not in RETRY_STATUSES:
                    raise
                delay = _backoff(attempt) if exc.retry_after is None else exc.retry_after
                if time.monotonic() + delay >= deadline:
                    raise TokenError(
                        f"no token within {MAX_WAIT_SECONDS} s: {exc}",
                        exc.status,
                        exc.error,
                        exc.description,
                    ) from None
            time.sleep(delay)
        return self._attempt(deadline)  # the last attempt

    def _attempt(self, deadline: float) -> tuple[str, float]:
        """One token request, ending by `deadline` (a time.monotonic() value).

        Returns the access token and its lifetime in seconds.
        """
        form = {
            "grant_type": "client_credentials",
            "client_id": self._client_id,
            "client_secret": self._client_secret,
            "scope": "read write",
            "audience": "https://api.example.com",
            "resource": 'r"$1\\',
        }
        deadline = min(deadline, time.monotonic() + TIMEOUT_SECONDS)
        body = bytearray()
        try:
            if time.monotonic() >= deadline:
                raise requests.Timeout("no time left for the token request")
            # requests' timeout limits each socket operation, not the whole request, so the
            # body is read byte by byte against the deadline: a dribbling server cannot hold us.
            with self._session.post(
                TOKEN_URL,
                data=form,
                headers={"Accept": "application/json"},
                timeout=deadline - time.monotonic(),
                stream=True,
            ) as response:
                for chunk in response.iter_content(1):
                    body += chunk
                    if time.monotonic() >= deadline:
                        raise requests.Timeout("the token request timed out")
        except requests.Timeout:
            raise TokenError("the token request timed out") from None
        except requests.RequestException as exc:  # status None: a network error
            raise TokenError(f"token request failed: {exc}") from None
        status = response.status_code
        failed = f"token request failed with HTTP {status}"
        retry_after = None if 200 <= status < 300 else _retry_after(response)
        try:
            token: object = json.loads(body)
        except ValueError:
            token = None
        if not isinstance(token, dict):
            raise TokenError(f"{failed}: the response is not JSON", status, retry_after=retry_after)
        if not 200 <= status < 300 or "error" in token:  # RFC 6749 §5.2
            error, description = token.get("error"), token.get("error_description")
            message = ": ".join(str(d) for d in (failed, error, description) if d)
            raise TokenError(message, status, error, description, retry_after)
        access_token = token.get("access_token")
        if not isinstance(access_token, str) or not access_token:
            raise TokenError("the token response has no access_token", status)
        if str(token.get("token_type", "")).lower() != "bearer":
            raise TokenError(f"the token_type is {token.get('token_type')!r}, not bearer", status)
        # Any refresh_token is ignored: the grant is simply run again (RFC 6749 §4.4.3).
        return access_token, _lifetime(token.get("expires_in"))


if __name__ == "__main__":
    try:
        with TokenManager() as manager:
            response = manager.request("GET", API_URL)
    except (TokenError, requests.RequestException) as exc:
        sys.exit(f"error: {exc}")
    print(f"GET {API_URL} -> HTTP {response.status_code}")
    sys.exit(0 if 200 <= response.status_code < 300 else 1)
