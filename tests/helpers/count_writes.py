#!/usr/bin/env python3
"""count_writes.py DIR NAME COUNTFILE: counts the times NAME in DIR is replaced or written.

The credential store replaces the file by rename (temp file, fsync, rename), so every
store write is one IN_MOVED_TO event for NAME (a direct write would be IN_CLOSE_WRITE;
both are counted). The kernel queues the events, so nothing is missed however fast
the writes come. COUNTFILE holds the running count (rewritten after each event);
"ready" is written to COUNTFILE.ready once the watch is in place. Stops on SIGTERM
after reading every event already queued.
"""
import ctypes
import os
import select
import signal
import struct
import sys

IN_CLOSE_WRITE = 0x00000008
IN_MOVED_TO = 0x00000080
IN_NONBLOCK = 0o4000

def main():
    directory, name, countfile = sys.argv[1], sys.argv[2].encode(), sys.argv[3]
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    fd = libc.inotify_init1(IN_NONBLOCK)
    if fd < 0:
        sys.exit("inotify_init1 failed")
    if libc.inotify_add_watch(fd, directory.encode(), IN_MOVED_TO | IN_CLOSE_WRITE) < 0:
        sys.exit("inotify_add_watch failed")
    count = 0
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))

    def publish():
        tmp = countfile + ".tmp"
        try:
            with open(tmp, "w") as f:
                f.write("%d\n" % count)
            os.rename(tmp, countfile)
        except FileNotFoundError:
            pass  # the test's directory is already gone

    publish()
    with open(countfile + ".ready", "w") as f:
        f.write("ready\n")
    while True:
        try:
            r, _, _ = select.select([fd], [], [], 0.2)
        except InterruptedError:
            r = []
        data = b""
        while True:
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                break
            if not chunk:
                break
            data += chunk
        off = 0
        while off + 16 <= len(data):
            _wd, mask, _cookie, length = struct.unpack_from("iIII", data, off)
            fname = data[off + 16:off + 16 + length].rstrip(b"\0")
            off += 16 + length
            if fname == name and mask & (IN_MOVED_TO | IN_CLOSE_WRITE):
                count += 1
        if data:
            publish()
        if stop and not r:
            break
    publish()

if __name__ == "__main__":
    main()
