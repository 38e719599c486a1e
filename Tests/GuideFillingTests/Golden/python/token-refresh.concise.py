# Run: CLIENT_ID=... CLIENT_SECRET=... python3 token_manager.py   (pip install requests)
import os
import threading
import time
from typing import Any, Optional
from urllib.parse import quote

import requests

TOKEN_URL = "https://auth.example.com/oauth2/token"


def request_token(client_id: str, secret: str, timeout: float = 20) -> Any:
    form = {"grant_type": "client_credentials", "client_id": client_id}
    # RFC 6749 §2.3.1: Basic takes the ID and secret form-encoded, so a ":" or "%" in them is safe.
    basic = (quote(client_id, safe=""), quote(secret, safe=""))
    headers = {"Accept": "application/json"}
    r = requests.post(TOKEN_URL, form, auth=basic, headers=headers, timeout=timeout)
    token = r.json()
    if not r.ok or "error" in token:  # the server says why (RFC 6749 §5.2)
        why = ": ".join(token[key] for key in ("error", "error_description") if key in token)
        raise RuntimeError(f"token request failed with HTTP {r.status_code}: {why}")
    return token


class TokenManager:
    def __init__(self, client_id: Optional[str] = None, client_secret: Optional[str] = None):
        self._client_id = client_id or os.environ["CLIENT_ID"]
        self._secret = client_secret or os.environ["CLIENT_SECRET"]
        self._lock = threading.Lock()  # one token request at a time; the others wait for it
        self._token, self._renew_at = "", 0.0  # renew_at: a time.monotonic() value

    def get_token(self) -> str:
        with self._lock:
            if time.monotonic() >= self._renew_at:  # none yet, dropped, or due for renewal
                token = request_token(self._client_id, self._secret)
                lifetime = float(token.get("expires_in", 600))  # the default when absent
                # Renew ahead of expiry by the margin, but by at most this fraction of the lifetime.
                self._renew_at = time.monotonic() + lifetime - min(300, 0.5 * lifetime)
                self._token = token["access_token"]
            return self._token

    def invalidate(self, token: Optional[str] = None) -> None:
        with self._lock:
            if token is None or token == self._token:
                self._renew_at = 0.0

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        token = self.get_token()
        r = requests.request(method, url, headers={"Authorization": f"Bearer {token}"}, **kwargs)
        if r.status_code == 401:  # revoked or expired early: drop it and try once more
            self.invalidate(token)
            bearer = {"Authorization": f"Bearer {self.get_token()}"}
            r = requests.request(method, url, headers=bearer, **kwargs)
        return r


if __name__ == "__main__":
    r = TokenManager().request("GET", "https://api.example.com/v1/resource", timeout=20)
    print(f"GET {r.url} -> HTTP {r.status_code}")
