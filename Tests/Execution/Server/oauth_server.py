"""In-memory OAuth 2.0 authorization server for SampleGen's execution tests.

This is TEST INFRASTRUCTURE, not a sample: generated client samples are run
against it. It is a real Authlib server: the token endpoint is Authlib's
``AuthorizationServer.create_token_response()`` with the client credentials
grant (client_secret_basic / client_secret_post, per client), and the API is
protected by Authlib's ``ResourceProtector`` with a Bearer token validator.

Run:
    python3 oauth_server.py [--port 0] [--exit-on-stdin-eof]

It binds 127.0.0.1 (port 0 = any free port), prints exactly one line
``READY http://127.0.0.1:<port>`` to stdout and serves until SIGTERM/SIGINT
(exit status 0), or until stdin reaches EOF when ``--exit-on-stdin-eof`` is
given. Nothing else is written to stdout.

Endpoints:
    POST /oauth/token          Authlib token endpoint (grant_type=client_credentials)
    GET|POST /api/resource     protected; {"ok": true, "client_id": ...}

Admin API for the test harness (JSON; client ids are URL-quoted in queries).
Each test creates its own client, so many tests can share one server:
    POST /_test/clients        body: optional config, see CLIENT_DEFAULTS.
                               -> {"client_id": ..., "client_secret": ...}; both
                               contain the reserved characters : % + / = &
    POST /_test/revoke?client_id=ID   revoke every token issued so far to ID
    GET  /_test/tokens?client_id=ID   access tokens issued to ID
    GET  /_test/log?client_id=ID      requests recorded for ID, in order; an
                               empty ID returns requests that matched no client.
Token requests are attributed to a client before Authlib authenticates them
(see token_request_client); a fractional lifetime is advertised rounded up in
expires_in, while the token really expires after the exact lifetime.
Token log records: kind="token", t (time.monotonic() at arrival), method, path,
headers, content_type, form, raw_body, authorization, basic ([user, password]
base64-decoded but not unquoted, or null), status, response (JSON or null).
API log records: kind="api", t, method, authorization, status.
"""

import argparse
import base64
import binascii
import itertools
import json
import logging
import math
import secrets
import signal
import sys
import threading
import time
from urllib.parse import unquote

from authlib.common.security import generate_token
from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector, current_token
from authlib.oauth2.rfc6749 import ClientMixin, TokenMixin, grants
from authlib.oauth2.rfc6750 import BearerTokenGenerator, BearerTokenValidator
from flask import Flask, g, jsonify, request
from werkzeug.serving import make_server

TOKEN_PATH = "/oauth/token"
API_PATH = "/api/resource"

CLIENT_DEFAULTS = {
    "auth_method": "client_secret_basic",  # or "client_secret_post"
    "lifetime": 3600.0,        # seconds (float) until the access token expires
    "expires_in": "number",    # "number" | "string" | "absent" in the token response
    "token_type": None,        # override of the response's token_type string
    "token_delay": 0.0,        # seconds slept before each token request
    "token_failures": [],      # [{"status": 503}, {"status": 429, "retry_after": "1"}] answered first
    "always_fail": None,       # {"status": 503, "retry_after": optional} for every token request
    "born_revoked": False,     # tokens are revoked as soon as issued
    "error_in_2xx": False,     # answer 200 {"error": "server_error", ...}
    "refresh_token": False,    # add a refresh_token to the token response
    # How a 401 invalid_client answer challenges the client (RFC 6749 §5.2): "basic-realm" is
    # RFC 7617's form, Basic realm="oauth" (the default, and what hangs a naive URLSession);
    # "basic" is Authlib's own realm-less form; "bearer" is django-oauth-toolkit's.
    "challenge": "basic-realm",
    # An outage of the token endpoint: {"after": N, "mode": "503" | "hang", "duration": s | null,
    # "hang_seconds": s, "retry_after": optional}. Once N tokens were issued, every token request
    # fails (503 at once, or after hanging hang_seconds, default 30) for duration seconds from the
    # first failed one (null: for good), with that Retry-After if given; then the endpoint recovers.
    "outage": None,
}


class Client(ClientMixin):
    """A confidential client; only the ClientMixin methods this grant calls."""

    def __init__(self, client_id, client_secret, config):
        self.client_id = client_id
        self.client_secret = client_secret
        self.config = config
        self.pending_failures = list(config["token_failures"])
        self.issued = 0             # tokens issued so far
        self.outage_started = None  # time.monotonic() of the outage's first failed request

    def get_client_id(self):
        return self.client_id

    def get_allowed_scope(self, scope):
        return scope or ""

    def check_client_secret(self, client_secret):
        return secrets.compare_digest(client_secret.encode(), self.client_secret.encode())

    def check_endpoint_auth_method(self, method, endpoint):
        return endpoint == "token" and method == self.config["auth_method"]

    def check_grant_type(self, grant_type):
        return grant_type == "client_credentials"


class Token(TokenMixin):
    """An access token; only the TokenMixin methods the Bearer validator calls."""

    def __init__(self, access_token, client, scope):
        self.access_token = access_token
        self.client = client
        self.scope = scope
        self.issued_at = time.time()
        self.lifetime = client.config["lifetime"]
        self.revoked = client.config["born_revoked"]

    def get_scope(self):
        return self.scope

    def is_expired(self):
        return time.time() >= self.issued_at + self.lifetime

    def is_revoked(self):
        return self.revoked


class Store:
    """All server state, guarded by one lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.clients = {}   # client_id -> Client
        self.tokens = {}    # access_token -> Token
        self.logs = {}      # client_id or None -> [record]
        self.serial = itertools.count(1)

    def create_client(self, overrides):
        unknown = set(overrides) - set(CLIENT_DEFAULTS)
        if unknown:
            raise ValueError(f"unknown config keys: {sorted(unknown)}")
        config = {**CLIENT_DEFAULTS, **overrides}
        config["lifetime"] = float(config["lifetime"])
        with self.lock:
            client_id = f"client:%+/=&-{next(self.serial):05d}"
            client = Client(client_id, f"s3cr:et%+/=&-{secrets.token_hex(8)}", config)
            self.clients[client_id] = client
        return client

    def get_client(self, client_id):
        with self.lock:
            return self.clients.get(client_id)

    def save_token(self, token_data, oauth_request):
        token = Token(token_data["access_token"], oauth_request.client, token_data.get("scope"))
        with self.lock:
            self.tokens[token.access_token] = token
            oauth_request.client.issued += 1

    def get_token(self, access_token):
        with self.lock:
            return self.tokens.get(access_token)

    def tokens_of(self, client_id):
        with self.lock:
            return [t for t in self.tokens.values() if t.client.client_id == client_id]

    def next_failure(self, client):
        """The canned failure answer owed to this client's token request, if any."""
        with self.lock:
            if client.config["always_fail"]:
                return client.config["always_fail"]
            if client.pending_failures:
                return client.pending_failures.pop(0)
        return None

    def in_outage(self, client):
        """Whether the client's configured outage covers a token request arriving now."""
        outage = client.config["outage"]
        with self.lock:
            if not outage or client.issued < outage.get("after", 0):
                return None
            now = time.monotonic()
            if client.outage_started is None:
                client.outage_started = now
            duration = outage.get("duration")
            return outage if duration is None or now - client.outage_started < duration else None

    def record(self, client_id, entry):
        with self.lock:
            self.logs.setdefault(client_id, []).append(entry)

    def log_of(self, client_id):
        with self.lock:
            return list(self.logs.get(client_id, []))


store = Store()
app = Flask(__name__)


class ClientCredentialsGrant(grants.ClientCredentialsGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]


def advertised_expires_in(client, grant_type):
    return math.ceil(client.config["lifetime"])


authorization = AuthorizationServer(app, query_client=store.get_client, save_token=store.save_token)
authorization.register_token_generator(
    "default", BearerTokenGenerator(lambda **_: generate_token(42), expires_generator=advertised_expires_in)
)
authorization.register_grant(ClientCredentialsGrant)


class StoreBearerTokenValidator(BearerTokenValidator):
    def authenticate_token(self, token_string):
        return store.get_token(token_string)


require_oauth = ResourceProtector()
require_oauth.register_token_validator(StoreBearerTokenValidator())


def decoded_basic_credentials():
    """[user, password] from a Basic Authorization header, base64-decoded only."""
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(credentials.strip()).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, _, password = decoded.partition(":")
    return [user, password]


def token_request_client(basic):
    """The client a token request claims to be, before Authlib authenticates it.

    Uses the §2.3.1-decoded Basic user name or the form client_id; falls back to
    a known client id appearing verbatim in the credentials or body, so that
    requests from clients that forgot to encode still land in their log.
    """
    candidates = [request.form.get("client_id")]
    if basic:
        candidates.insert(0, unquote(basic[0]))
    for client_id in candidates:
        if client_id and store.get_client(client_id):
            return store.get_client(client_id)
    haystack = (":".join(basic) if basic else "") + " " + request.get_data(as_text=True)
    with store.lock:
        matches = [c for c in store.clients.values() if c.client_id in haystack]
    return matches[0] if len(matches) == 1 else None


@app.before_request
def intercept_token_request():
    g.arrival = time.monotonic()
    if request.path != TOKEN_PATH:
        return None
    request.get_data()  # cache the raw body; form parsing still works afterwards
    g.basic = decoded_basic_credentials()
    g.client = token_request_client(g.basic)
    if g.client is None:
        return None
    config = g.client.config
    if config["token_delay"]:
        time.sleep(config["token_delay"])
    outage = store.in_outage(g.client)
    if outage:
        if outage.get("mode") == "hang":
            time.sleep(outage.get("hang_seconds", 30))
        response = jsonify(error="temporarily_unavailable", error_description="Simulated outage.")
        response.status_code = 503
        if outage.get("retry_after") is not None:
            response.headers["Retry-After"] = str(outage["retry_after"])
        return response
    failure = store.next_failure(g.client)
    if failure:
        response = jsonify(error="temporarily_unavailable")
        response.status_code = failure["status"]
        if failure.get("retry_after") is not None:
            response.headers["Retry-After"] = str(failure["retry_after"])
        return response
    if config["error_in_2xx"]:
        return jsonify(error="server_error", error_description="Simulated error with HTTP 200.")
    return None


def shape_token_response(response):
    """Apply the issuing client's response quirks to a successful token response."""
    body = response.get_json(silent=True)
    token = store.get_token(body.get("access_token")) if isinstance(body, dict) else None
    if token is None:
        return
    config = token.client.config
    expires_in = math.ceil(config["lifetime"])
    body.pop("expires_in", None)
    if config["expires_in"] == "number":
        body["expires_in"] = expires_in
    elif config["expires_in"] == "string":
        body["expires_in"] = str(expires_in)
    if config["token_type"]:
        body["token_type"] = config["token_type"]
    if config["refresh_token"]:
        body["refresh_token"] = generate_token(48)
    response.set_data(json.dumps(body))


CHALLENGES = {
    "basic-realm": 'Basic realm="oauth", error="invalid_client"',
    "basic": 'Basic error="invalid_client"',
    "bearer": 'Bearer error="invalid_client"',
}


def challenge_invalid_client(response):
    """Answer a failed Basic authentication with the configured WWW-Authenticate challenge."""
    client = g.get("client")
    if response.status_code != 401 or not g.get("basic"):
        return
    response.headers["WWW-Authenticate"] = CHALLENGES[client.config["challenge"] if client else "basic-realm"]


@app.after_request
def finish_request(response):
    if request.path == TOKEN_PATH:
        shape_token_response(response)
        challenge_invalid_client(response)
        client = g.get("client")
        store.record(client.client_id if client else None, {
            "kind": "token",
            "t": g.arrival,
            "method": request.method,
            "path": request.path,
            "headers": dict(request.headers),
            "content_type": request.content_type,
            "form": request.form.to_dict(),
            "raw_body": request.get_data(as_text=True),
            "authorization": request.headers.get("Authorization"),
            "basic": g.get("basic"),
            "status": response.status_code,
            "response": response.get_json(silent=True),
        })
    elif request.path == API_PATH:
        _, _, token_string = request.headers.get("Authorization", "").partition(" ")
        token = store.get_token(token_string.strip())
        store.record(token.client.client_id if token else None, {
            "kind": "api",
            "t": g.arrival,
            "method": request.method,
            "authorization": request.headers.get("Authorization"),
            "status": response.status_code,
        })
    return response


@app.post(TOKEN_PATH)
def issue_token():
    return authorization.create_token_response()


@app.route(API_PATH, methods=["GET", "POST"])
@require_oauth()
def protected_resource():
    return jsonify(ok=True, client_id=current_token.client.client_id)


@app.post("/_test/clients")
def create_client():
    try:
        client = store.create_client(request.get_json(silent=True) or {})
    except ValueError as error:
        return jsonify(error=str(error)), 400
    return jsonify(client_id=client.client_id, client_secret=client.client_secret)


@app.post("/_test/revoke")
def revoke_tokens():
    tokens = store.tokens_of(request.args.get("client_id"))
    with store.lock:
        for token in tokens:
            token.revoked = True
    return jsonify(revoked=len(tokens))


@app.get("/_test/tokens")
def list_tokens():
    return jsonify([t.access_token for t in store.tokens_of(request.args.get("client_id"))])


@app.get("/_test/log")
def request_log():
    return jsonify(store.log_of(request.args.get("client_id") or None))


def set_on_stdin_eof(stop):
    while sys.stdin.buffer.read1(4096):
        pass
    stop.set()


def main():
    parser = argparse.ArgumentParser(description="Test OAuth 2.0 authorization server.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--exit-on-stdin-eof", action="store_true")
    args = parser.parse_args()

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no per-request logging
    server = make_server("127.0.0.1", args.port, app, threaded=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if args.exit_on_stdin_eof:
        threading.Thread(target=set_on_stdin_eof, args=(stop,), daemon=True).start()
    threading.Thread(target=server.serve_forever, daemon=True).start()

    print(f"READY http://127.0.0.1:{server.server_port}", flush=True)
    stop.wait()
    server.shutdown()
    server.server_close()


if __name__ == "__main__":
    main()
