"""The in-memory buffer and the sender.

Events wait in a buffer; a consumer thread (started by the first event, like
the real package's, and likewise not a daemon) sends them when the buffer
reaches flush_queue_size or flush_interval_millis has passed. flush() sends
everything now on a worker pool and returns the Future; stop() flushes and
waits for the pool.
"""

import json
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib import error, request

from amplitude import constants

_HEADERS = {"Content-Type": "application/json; charset=UTF-8", "Accept": "*/*"}


class Worker:
    def __init__(self, configuration):
        self.configuration = configuration
        self._cond = threading.Condition()
        self._events = []
        self._consumer_running = False
        self._active = True
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="amplitude-send")

    # -- buffer -------------------------------------------------------------
    def push(self, event):
        with self._cond:
            self._events.append(event)
            if len(self._events) >= max(1, self.configuration.flush_queue_size):
                self._cond.notify_all()
            if not self._consumer_running and self._active:
                self._consumer_running = True
                threading.Thread(target=self._consume, name="amplitude-consumer").start()

    def _consume(self):
        try:
            with self._cond:
                size = max(1, self.configuration.flush_queue_size)
                if len(self._events) < size and self._active:
                    self._cond.wait(self.configuration.flush_interval_millis / 1000.0)
                while self._events and self._active:
                    batch, self._events = self._events[:size], self._events[size:]
                    self._pool.submit(self._send, batch)
        except Exception:  # a dead consumer must not take the app down
            self.configuration.logger.exception("Consumer thread error")
        finally:
            with self._cond:
                self._consumer_running = False

    def flush(self):
        with self._cond:
            batch, self._events = self._events, []
        if batch and self._active:
            return self._pool.submit(self._send, batch)
        return None

    def stop(self):
        future = self.flush()
        with self._cond:
            self._active = False
            # Wake the consumer so it does not hold the process open after shutdown.
            self._cond.notify_all()
        self._pool.shutdown(wait=True)
        return future

    # -- sending ------------------------------------------------------------
    def _payload(self, events) -> bytes:
        body = {"api_key": self.configuration.api_key,
                "events": [e.get_event_body() for e in events]}
        if self.configuration.options:
            body["options"] = self.configuration.options
        return json.dumps(body, sort_keys=True).encode("utf-8")

    def _post(self, url, payload):
        """Returns (code, body dict). code -1 means no answer (refused, DNS...)."""
        req = request.Request(url, data=payload, headers=_HEADERS, method="POST")
        try:
            with request.urlopen(req, timeout=constants.CONNECTION_TIMEOUT) as res:
                return _parse(res.status, res.read())
        except error.HTTPError as e:
            return _parse(e.code, e.read())
        except (socket.timeout, TimeoutError):
            return 408, {"error": "timeout"}
        except error.URLError as e:
            return -1, {"error": str(e.reason)}

    def _send(self, events):
        log = self.configuration.logger
        try:
            url = self.configuration.server_url
        except KeyError:
            log.exception("Unknown server_zone %r", self.configuration.server_zone)
            self._callback(events, -1, "Unknown server zone")
            return
        code, body = self._post(url, self._payload(events))
        err = str(body.get("error") or "")
        if 200 <= code < 300:
            self._callback(events, code, "Event sent successfully.")
        elif code in (-1, 408, 429) or code >= 500:  # -1: refused or unreachable, retried as the real one
            self._retry(events, code, err or "Retryable error")
        elif code == 413:
            if len(events) == 1:
                self._callback(events, code, err)
            else:
                self._retry(events, code, err)
        elif 400 <= code < 500:
            if err.startswith("Invalid API key"):
                log.error("Invalid API Key")
                return
            if body.get("missing_field"):
                self._callback(events, code, "Request missing required field %s" % body["missing_field"])
                return
            bad = _invalid_indexes(body)
            self._callback([e for i, e in enumerate(events) if i in bad], code, err)
            self._retry([e for i, e in enumerate(events) if i not in bad], code, err)
        else:
            self._callback(events, code, err or "Unknown error")

    def _retry(self, events, code, message):
        for event in events:
            event.retry += 1
            if event.retry > self.configuration.flush_max_retries:
                self._callback([event], code, "Event reached max retry times %d."
                               % self.configuration.flush_max_retries)
            elif self._active:
                self.push(event)

    def _callback(self, events, code, message):
        for event in events:
            try:
                if callable(self.configuration.callback):
                    self.configuration.callback(event, code, message)
                event.callback(code, message)
            except Exception:
                self.configuration.logger.exception("Error callback for event %s", event)
            self.configuration.logger.info(message, extra={"code": code, "event": event})


def _parse(status, raw):
    try:
        body = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return status, {"error": raw.decode("utf-8", "replace")}
    if not isinstance(body, dict):
        return status, {}
    code = body.get("code", status)
    return (code if isinstance(code, int) else status), body


def _invalid_indexes(body):
    """Indexes of events the server refused (missing or invalid fields, short ids, silenced)."""
    bad = set()
    for key in ("events_with_missing_fields", "events_with_invalid_fields",
                "events_with_invalid_id_lengths"):
        for indexes in (body.get(key) or {}).values():
            bad.update(indexes)
    bad.update(body.get("silenced_events") or [])
    return bad
