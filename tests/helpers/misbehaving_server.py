#!/usr/bin/env python3
"""A tiny HTTP server that misbehaves on purpose, for the network fault tests.
Usage: misbehaving_server.py PORT_FILE MODE_FILE. Listens on 127.0.0.1 (ephemeral port,
written to PORT_FILE). Every POST reads MODE_FILE (one word) and answers:
  500        500 with a JSON error body
  badjson    200 with a body that is not JSON
  truncated  200 with a JSON prefix (Content-Length matches: the JSON itself is cut)
  midbody    200 announcing 4096 bytes, sending 20, then closing the connection
  huge       200 with a 2 MiB JSON string body (over the client's 1 MiB cap)
  hang       accepts the request and answers nothing for 60 s
  grant      400 {"error":"invalid_grant"} (the session is over)
"""
import http.server
import socketserver
import sys
import time


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def send(self, code, body, length=None):
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        if n:
            self.rfile.read(n)
        with open(sys.argv[2]) as f:
            mode = f.read().strip()
        if mode == "500":
            self.send(500, b'{"error":"server_error","errors":[{"message":"boom"}]}')
        elif mode == "badjson":
            self.send(200, b"<html>not json</html>")
        elif mode == "truncated":
            self.send(200, b'{"access_token":"ory_at_x","data":{"orgs":[{"id":"1"')
        elif mode == "midbody":
            self.send(200, b'{"access_token":"ory', length=4096)
            self.connection.shutdown(2)
        elif mode == "huge":
            self.send(200, b'{"access_token":"' + b"a" * (2 * 1024 * 1024) + b'"}')
        elif mode == "hang":
            time.sleep(60)
        elif mode == "grant":
            self.send(400, b'{"error":"invalid_grant","error_description":"refresh token spent"}')
        else:
            self.send(418, b'{"error":"unknown mode"}')

    do_GET = do_POST


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


srv = Server(("127.0.0.1", 0), Handler)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
import os
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
srv.serve_forever()
