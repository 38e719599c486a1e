"""Execution-test driver for the Python token manager sample (test fixture, not a sample).

Usage: SAMPLE_DIR=<folder with token_manager.py> python3 driver.py '<case JSON>'
The case is {"client_id", "client_secret", "api_url", "server", "steps": [...]}; prints one
JSON object {"results": [...]} to stdout; each result has "op", "t" (seconds since the driver
started, when the step finished) and "elapsed" (seconds the step took). Tokens appear only as
short sha256 hashes.
"""
import hashlib
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import requests

sys.dont_write_bytecode = True  # leave the exported sample folder as it is
sys.path.insert(0, os.environ["SAMPLE_DIR"])
import token_manager  # noqa: E402  (the exported sample)

START = time.monotonic()


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()[:12]


def concurrently(n, call):
    """Run call() n times at once; return (results, error messages)."""
    barrier = threading.Barrier(n)

    def task():
        barrier.wait()
        try:
            return call(), None
        except Exception as exc:
            return None, str(exc)

    with ThreadPoolExecutor(max_workers=n) as pool:
        outcomes = [f.result() for f in [pool.submit(task) for _ in range(n)]]
    return [r for r, e in outcomes if e is None], [e for r, e in outcomes if e is not None]


def run(step, case, manager):
    op = step["op"]
    result = {"op": op}
    started = time.monotonic()
    try:
        if op == "request":
            result["status"] = manager.request("GET", case["api_url"]).status_code
        elif op == "get_token":
            result["token"] = token_hash(manager.get_token())
        elif op == "concurrent_get_token":
            tokens, result["errors"] = concurrently(step["n"], manager.get_token)
            result["tokens"] = [token_hash(t) for t in tokens]
        elif op == "concurrent_request":
            responses, result["errors"] = concurrently(
                step["n"], lambda: manager.request("GET", case["api_url"]))
            result["statuses"] = [r.status_code for r in responses]
        elif op == "sleep":
            time.sleep(step["seconds"])
        elif op == "revoke":
            url = f"{case['server']}/_test/revoke?client_id={quote(case['client_id'], safe='')}"
            requests.post(url, timeout=10).raise_for_status()
        elif op == "invalidate":
            manager.invalidate()
        elif op == "repeat":
            result["results"] = []
            for i in range(step["count"]):
                if i:
                    time.sleep(step.get("interval", 0))
                result["results"].append(run(step["step"], case, manager))
        else:
            raise ValueError(f"unknown op {op!r}")
    except Exception as exc:
        result["error"] = str(exc)
    finished = time.monotonic()
    result["t"] = finished - START  # when the step finished
    result["elapsed"] = finished - started  # how long the step took, in seconds
    return result


def main():
    case = json.loads(sys.argv[1])
    manager = token_manager.TokenManager(case["client_id"], case["client_secret"])
    results = [run(step, case, manager) for step in case["steps"]]
    # A background renewal may still be in flight: let it reach the server before exiting, so
    # the server's log is complete (the sample's timeouts bound it).
    for thread in threading.enumerate():
        if thread is not threading.current_thread():
            thread.join(timeout=10)
    json.dump({"results": results}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
