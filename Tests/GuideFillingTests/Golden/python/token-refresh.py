"""Keep an OAuth 2.0 client-credentials access token fresh and call an API with it.

TokenManager caches the token, renews it before it expires (one request for all concurrent
callers, retried with backoff) and retries an API call once when it gets a 401.

Run:   CLIENT_ID=... CLIENT_SECRET=... python3 token_manager.py
Needs: pip install requests
"""
import email.utils
import os
import random
import sys
import threading
import time
from concurrent.futures import Future
from urllib.parse import quote

import requests

TOKEN_URL = "https://auth.example.com/oauth2/token"
API_URL = "https://api.example.com/v1/resource"
TIMEOUT_SECONDS = 20
RENEW_MARGIN_SECONDS = 300  # renew this long before expiry...
MAX_RENEW_FRACTION = 0.5  # ...but by at most this fraction of the lifetime
DEFAULT_LIFETIME_SECONDS = 600  # when the server omits expires_in
MAX_ATTEMPTS = 3  # token requests in all, retries included
INITIAL_BACKOFF_SECONDS = 1  # first retry delay, then doubled
BACKOFF_JITTER = 0.1  # ± this fraction of randomness on each delay
MAX_RETRY_AFTER_SECONDS = 60  # cap on a server's Retry-After
RETRY_STATUSES = [408, 429, 500, 502, 503, 504]  # transient token-endpoint answers


class TokenError(Exception):
    """A failed token request: HTTP status, error, error_description; never a secret."""

    def __init__(self, message, status=None, error=None, description=None):
        super().__init__(message)
        self.status, self.error, self.description = status, error, description


def _env(name):
    value = os.environ.get(name)
    if not value:
        raise TokenError(f"set the {name} environment variable")
    return value


def _lifetime(expires_in):
    """expires_in in seconds (a number or a numeric string), else the default."""
    try:
        seconds = float(expires_in)
    except (TypeError, ValueError):
        return DEFAULT_LIFETIME_SECONDS
    return seconds if 0 < seconds < float("inf") else DEFAULT_LIFETIME_SECONDS


def _retry_delay(retry, response=None):
    """Seconds to wait before retry number `retry` (1, 2, ...)."""
    value = response.headers.get("Retry-After", "").strip() if response is not None else ""
    try:  # RFC 9110 §10.2.3: delta-seconds or an HTTP-date
        if value.isdigit():
            return min(int(value), MAX_RETRY_AFTER_SECONDS)
        if value:
            wait = email.utils.parsedate_to_datetime(value).timestamp() - time.time()
            return min(max(wait, 0), MAX_RETRY_AFTER_SECONDS)
    except (TypeError, ValueError):
        pass  # unparseable: fall back to exponential backoff
    jitter = random.uniform(-BACKOFF_JITTER, BACKOFF_JITTER)
    return INITIAL_BACKOFF_SECONDS * 2 ** (retry - 1) * (1 + jitter)


class TokenManager:
    """Thread-safe access-token cache for the client-credentials grant."""

    def __init__(self, client_id=None, client_secret=None, session=None):
        self._client_id = _env("CLIENT_ID") if client_id is None else client_id
        self._client_secret = _env("CLIENT_SECRET") if client_secret is None else client_secret
        self._session = requests.Session() if session is None else session
        self._lock = threading.Lock()  # guards the fields below
        self._token = None
        self._expires_at = self._renew_at = 0.0  # time.monotonic() values
        self._pending = None  # Future of the token request in flight, shared by all callers

    def get_token(self):
        """Return the cached token, or renew it when it is due."""
        with self._lock:
            if self._token is not None and time.monotonic() < self._renew_at:
                return self._token
            leader = self._pending is None
            if leader:
                self._pending = Future()
            pending = self._pending
        if leader:  # this caller sends the request; the others wait for its outcome
            try:
                pending.set_result(self._renew())
            except BaseException as exc:  # whatever happens, no waiter is left hanging
                pending.set_exception(exc)
            finally:
                with self._lock:
                    self._pending = None
        return pending.result()

    def invalidate(self, token=None):
        """Drop the cached token; with `token`, only if that is still the cached one."""
        with self._lock:
            if token is None or token == self._token:
                self._token = None

    def request(self, method, url, **kwargs):
        """Send an API request with the bearer token (RFC 6750 §2.1); on a 401, retry once."""
        headers = dict(kwargs.pop("headers", None) or {})
        kwargs.setdefault("timeout", TIMEOUT_SECONDS)
        for attempt in (1, 2):
            token = self.get_token()
            headers["Authorization"] = f"Bearer {token}"
            response = self._session.request(method, url, headers=headers, **kwargs)
            if response.status_code != 401 or attempt == 2:
                return response
            # Revoked or expired early: drop it, unless another caller has already replaced it.
            self.invalidate(token)

    def _renew(self):
        started = time.monotonic()  # read before sending, so the expiry errs early
        try:
            token = self._fetch()
        except TokenError:
            with self._lock:  # renewal failed: keep using the cached token until it expires
                if self._token is not None and time.monotonic() < self._expires_at:
                    return self._token
            raise
        lifetime = _lifetime(token.get("expires_in"))
        margin = min(RENEW_MARGIN_SECONDS, lifetime * MAX_RENEW_FRACTION)
        with self._lock:
            self._token = token["access_token"]  # any refresh_token is ignored (RFC 6749 §4.4.3)
            self._expires_at = started + lifetime
            self._renew_at = self._expires_at - margin
            return self._token

    def _fetch(self):
        """POST the client-credentials grant, retrying transient failures."""
        form = {
            "grant_type": "client_credentials",
            "client_id": self._client_id,
        }
        # RFC 6749 §2.3.1: percent-encode the ID and secret before they go into the Basic
        # header. Most samples skip this and fail on secrets containing ":", "%" or "+".
        auth = (quote(self._client_id, safe=""), quote(self._client_secret, safe=""))
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                response = self._session.post(
                    TOKEN_URL, data=form, auth=auth, headers={"Accept": "application/json"},
                    timeout=TIMEOUT_SECONDS)
            except requests.RequestException as exc:
                transient = isinstance(exc, (requests.ConnectionError, requests.Timeout))
                if not transient or attempt == MAX_ATTEMPTS:
                    raise TokenError(f"token request failed: {exc}") from None
                time.sleep(_retry_delay(attempt))
                continue
            if response.status_code not in RETRY_STATUSES or attempt == MAX_ATTEMPTS:
                return self._parse(response)
            time.sleep(_retry_delay(attempt, response))

    @staticmethod
    def _parse(response):
        status = response.status_code
        failed = f"token request failed with HTTP {status}"
        try:
            token = response.json()
        except ValueError:
            token = None
        if not isinstance(token, dict):
            raise TokenError(f"{failed}: the response is not JSON", status)
        if not 200 <= status < 300 or "error" in token:  # RFC 6749 §5.2
            error, description = token.get("error"), token.get("error_description")
            message = ": ".join(str(d) for d in (failed, error, description) if d)
            raise TokenError(message, status, error, description)
        if not token.get("access_token"):
            raise TokenError("the token response has no access_token", status)
        if str(token.get("token_type", "")).lower() != "bearer":
            raise TokenError(f"the token_type is {token.get('token_type')!r}, not bearer", status)
        return token


if __name__ == "__main__":
    try:
        response = TokenManager().request("GET", API_URL)
    except (TokenError, requests.RequestException) as exc:
        sys.exit(f"error: {exc}")
    print(f"GET {API_URL} -> HTTP {response.status_code}")
    sys.exit(0 if 200 <= response.status_code < 300 else 1)
