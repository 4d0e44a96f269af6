#!/usr/bin/env python3
"""A webhook receiver and WebSub hub for the webhook tests, listening on 127.0.0.1.

Every message is checked with the `standardwebhooks` package (the reference library
of the Standard Webhooks specification), not with the service's own code. The
service under test runs on a clock the tests move, days away from this machine's, so
the library's freshness window (five minutes of the receiver's clock) cannot hold:
the receiver has the library compute the signature of the `webhook-id` and
`webhook-timestamp` it was sent, and compares it with each signature of the
`webhook-signature` header, as `Webhook.verify` does after its freshness check.
The tests compare the timestamps with their clock themselves.

Prints its port on the first line of standard output, then serves until killed.

POST /secret        the secret (`whsec_...`) to check messages with.
POST /<any path>    a message: answered 500 while the path (with its query) has had
                    fewer than `fail` requests (`?fail=N`, default 0), then 200; a
                    message whose signature does not match is answered 400.
                    A form body (`application/x-www-form-urlencoded`) is a WebSub
                    ping and is recorded as such, unsigned.
GET /log            everything received, in order, as JSON.
"""

import hmac
import json
import sys
import threading
import urllib.parse
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks import Webhook

LOCK = threading.Lock()
STATE = {"secret": None, "log": [], "counts": {}}


def verified(secret, headers, body):
    msg_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not (secret and msg_id and timestamp and signatures):
        return False
    at = datetime.fromtimestamp(int(timestamp), tz=timezone.utc)
    expected = Webhook(secret).sign(msg_id=msg_id, timestamp=at, data=body).encode()
    return any(hmac.compare_digest(expected, s.encode()) for s in signatures.split(" "))


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, payload=b""):
        self.send_response(status)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self):
        if self.path != "/log":
            return self.answer(404)
        with LOCK:
            payload = json.dumps(STATE["log"]).encode()
        self.answer(200, payload)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/secret":
            with LOCK:
                STATE["secret"] = body.decode()
            return self.answer(204)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        fail = int(query.get("fail", ["0"])[0])
        headers = {k.lower(): v for k, v in self.headers.items()}
        form = headers.get("content-type", "").startswith("application/x-www-form-urlencoded")
        with LOCK:
            seen = STATE["counts"].get(self.path, 0)
            STATE["counts"][self.path] = seen + 1
            ok = True if form else verified(STATE["secret"], headers, body)
            status = 400 if not ok else (500 if seen < fail else 200)
            entry = {
                "path": self.path,
                "status": status,
                "verified": ok,
                "id": headers.get("webhook-id"),
                "timestamp": headers.get("webhook-timestamp"),
                "contentType": headers.get("content-type"),
            }
            if form:
                entry["form"] = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode()).items()}
            else:
                entry["body"] = json.loads(body) if ok else body.decode(errors="replace")
            STATE["log"].append(entry)
        self.answer(status)


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
