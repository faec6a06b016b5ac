"""A tiny HTTP V2 ingestion imitation on 127.0.0.1 that records every POST.

Replies are scripted per test (a queue of (status, body)); by default it
answers like the real endpoint does on success.
"""

import json
import queue
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Collector:
    def __init__(self):
        self.posts = queue.Queue()
        self.replies = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                body = json.loads(raw.decode("utf-8"))
                outer.posts.put({"path": self.path, "body": body,
                                 "content_type": self.headers.get("Content-Type")})
                if outer.replies:
                    status, reply = outer.replies.pop(0)
                else:
                    status, reply = 200, {"code": 200, "events_ingested": len(body.get("events", [])),
                                          "payload_size_bytes": len(raw), "server_upload_time": 1}
                data = json.dumps(reply).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/2/httpapi" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def next_post(self, timeout=10):
        """The next recorded POST; raises queue.Empty if none comes (a failure, not a timing check)."""
        return self.posts.get(timeout=timeout)

    def close(self):
        self.server.shutdown()
        self.server.server_close()
