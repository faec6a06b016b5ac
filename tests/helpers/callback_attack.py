#!/usr/bin/env python3
"""Attacks the wizard's OAuth callback listener while a login waits for it.
Usage: callback_attack.py URL_FILE. Reads the authorize URL the test browser saved,
takes the port and state from its redirect_uri, then: checks the listening socket is
bound to 127.0.0.1 only, requests another path, sends an oversized request, holds a
slow connection open, opens a burst of 1,000 connections, and finally sends a callback
with a wrong state. Prints one line per check; exit 1 on the first failed check."""
import socket
import sys
import time
import urllib.parse


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


deadline = time.time() + 20
while True:
    try:
        url = open(sys.argv[1]).read().strip()
        if url:
            break
    except OSError:
        pass
    if time.time() > deadline:
        fail("no authorize URL")
    time.sleep(0.02)
q = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
redirect = urllib.parse.urlsplit(q["redirect_uri"][0])
port, state = redirect.port, q["state"][0]

# bound to 127.0.0.1 only: the kernel's table of listening TCP sockets
hexport = "%04X" % port
binds = [l.split()[1] for l in open("/proc/net/tcp").read().splitlines()[1:]
         if l.split()[1].endswith(":" + hexport) and l.split()[3] == "0A"]
if binds != ["0100007F:" + hexport]:
    fail("listener on port %d bound to %s, not 127.0.0.1 only" % (port, binds))
print("bound: 127.0.0.1:%d only" % port)


def request(raw, timeout=10):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.sendall(raw)
    data = b""
    try:
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, socket.timeout):
        pass
    s.close()
    return data


r = request(b"GET /favicon.ico HTTP/1.1\r\nHost: localhost\r\n\r\n")
if not r.startswith(b"HTTP/1.") or b" 200 " in r.split(b"\r\n")[0]:
    fail("other path answered: %r" % r[:80])
print("other path: " + r.split(b"\r\n")[0].decode())

r = request(b"GET /callback?code=" + b"A" * 100000 + b"&state=" + state.encode() + b" HTTP/1.1\r\n\r\n")
if b" 200 " in r.split(b"\r\n")[0]:
    fail("oversized request accepted: %r" % r[:80])
print("oversized: " + (r.split(b"\r\n")[0].decode() or "connection closed"))

slow = socket.create_connection(("127.0.0.1", port))
slow.sendall(b"GET /callback?code=slow")   # and nothing more
burst = 0
for _ in range(1000):
    try:
        c = socket.create_connection(("127.0.0.1", port), timeout=5)
        c.sendall(b"GET /nope HTTP/1.1\r\n\r\n")
        c.close()
        burst += 1
    except OSError:
        pass
print("burst: %d of 1000 connections opened" % burst)

r = request(b"GET /callback?code=stolen&state=" + b"0" * len(state) + b" HTTP/1.1\r\n\r\n", timeout=30)
print("wrong state: " + (r.split(b"\r\n")[0].decode() or "connection closed"))
slow.close()
