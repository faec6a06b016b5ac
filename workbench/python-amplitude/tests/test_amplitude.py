"""Unit tests of the amplitude-analytics stand-in, against a local collector.

Run: /usr/bin/python3 -m unittest discover -s workbench/python-amplitude/tests
"""

import logging
import os
import queue
import subprocess
import sys
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from amplitude import Amplitude, BaseEvent, Config, EventOptions  # noqa: E402
from collector import Collector  # noqa: E402


class ListHandler(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)

    def messages(self, level=logging.ERROR):
        return [r.getMessage() for r in self.records if r.levelno >= level]


class StandInTest(unittest.TestCase):
    def setUp(self):
        self.collector = Collector()
        self.logs = ListHandler()
        self.logger = logging.getLogger("amplitude.test.%s" % self.id())
        self.logger.propagate = False
        self.logger.setLevel(logging.DEBUG)
        self.logger.addHandler(self.logs)
        self.calls = []
        self.clients = []

    def tearDown(self):
        for c in self.clients:
            c.shutdown()
        self.collector.close()

    def client(self, api_key="test-key-123", **cfg):
        cfg.setdefault("server_url", self.collector.url)
        cfg.setdefault("logger", self.logger)
        cfg.setdefault("callback", lambda e, code, msg: self.calls.append((e.event_type, code, msg)))
        c = Amplitude(api_key, configuration=Config(**cfg))
        self.clients.append(c)
        return c

    def assertNoPost(self):
        # After flush() returned a completed future, nothing is in flight.
        self.assertTrue(self.collector.posts.empty())

    def test_track_and_flush_posts_http_v2_json(self):
        c = self.client()
        c.track(BaseEvent("Page Viewed", user_id="user-42", event_properties={"path": "/"}))
        futures = c.flush()
        futures[0].result(timeout=10)
        post = self.collector.next_post()
        self.assertEqual(post["path"], "/2/httpapi")
        self.assertTrue(post["content_type"].startswith("application/json"))
        body = post["body"]
        self.assertEqual(body["api_key"], "test-key-123")
        self.assertNotIn("options", body)
        (event,) = body["events"]
        self.assertEqual(event["event_type"], "Page Viewed")
        self.assertEqual(event["user_id"], "user-42")
        self.assertEqual(event["event_properties"], {"path": "/"})
        self.assertTrue(event["library"].startswith("amplitude-python/"))
        self.assertIsInstance(event["time"], int)
        self.assertEqual(len(event["insert_id"]), 36)
        self.assertEqual(self.calls, [("Page Viewed", 200, "Event sent successfully.")])

    def test_event_without_any_id_is_dropped_with_an_error(self):
        c = self.client()
        c.track(BaseEvent("No Id"))
        self.assertEqual(c.flush(), [None])
        self.assertNoPost()
        self.assertTrue(any("Invalid event body" in m for m in self.logs.messages()))

    def test_tracking_something_else_than_a_base_event_logs_and_does_not_raise(self):
        c = self.client()
        c.track({"event_type": "dict", "user_id": "user-1"})
        c.track("Page Viewed")
        self.assertEqual(c.flush(), [None])
        self.assertEqual(len([m for m in self.logs.messages() if "Invalid event body" in m]), 2)

    def test_base_event_requires_event_type_and_rejects_unknown_keywords(self):
        with self.assertRaises(TypeError):
            BaseEvent(user_id="user-1")  # pylint: disable=no-value-for-parameter
        with self.assertRaises(TypeError):
            BaseEvent("x", userId="user-1")

    def test_wrong_attribute_type_is_logged_and_ignored(self):
        logger = logging.getLogger("amplitude")
        handler = ListHandler()
        logger.addHandler(handler)
        try:
            event = BaseEvent("Typed", user_id=12345, device_id="device-1", price=5)
        finally:
            logger.removeHandler(handler)
        self.assertIsNone(event.user_id)
        self.assertIsNone(event.price)
        self.assertEqual(event.device_id, "device-1")
        self.assertEqual(len(handler.messages()), 2)

    def test_invalid_properties_are_dropped_silently_and_the_event_sent(self):
        # the real package's is_validate_properties: a tuple, a nested list or a non-string
        # key makes the whole property dict invalid; None values are left out of the body
        c = self.client()
        bad = BaseEvent("Bad Props", device_id="device-1", event_properties={"pair": (1, 2)})
        self.assertIsNone(bad["event_properties"])
        c.track(bad)
        c.track(BaseEvent("Nested", device_id="device-1", event_properties={"m": [[1]]}))
        c.track(BaseEvent("Ok", device_id="device-1", event_properties={"n": 1, "gone": None, "l": ["a", {"b": 2}]}))
        c.flush()[0].result(timeout=10)
        events = self.collector.next_post()["body"]["events"]
        self.assertEqual([e["event_type"] for e in events], ["Bad Props", "Nested", "Ok"])
        self.assertNotIn("event_properties", events[0])
        self.assertNotIn("event_properties", events[1])
        self.assertEqual(events[2]["event_properties"], {"n": 1, "l": ["a", {"b": 2}]})

    def test_flush_queue_size_sends_without_flush(self):
        c = self.client(flush_queue_size=3, flush_interval_millis=3600 * 1000)
        for i in range(3):
            c.track(BaseEvent("Batch", device_id="device-%d" % i))
        post = self.collector.next_post()
        self.assertEqual([e["device_id"] for e in post["body"]["events"]],
                         ["device-0", "device-1", "device-2"])

    def test_interval_sends_without_flush(self):
        c = self.client(flush_interval_millis=20)
        c.track(BaseEvent("Later", device_id="device-1"))
        post = self.collector.next_post()
        self.assertEqual(post["body"]["events"][0]["event_type"], "Later")

    def test_shutdown_sends_buffered_events_and_stops_accepting(self):
        c = self.client(flush_interval_millis=3600 * 1000)
        c.track(BaseEvent("Before", user_id="user-1"))
        c.shutdown()
        post = self.collector.posts.get_nowait()  # shutdown waited for the send
        self.assertEqual(post["body"]["events"][0]["event_type"], "Before")
        c.track(BaseEvent("After", user_id="user-1"))
        self.assertEqual(c.flush(), [None])
        self.assertNoPost()

    def test_default_urls_by_zone_and_batch(self):
        self.assertEqual(Config().server_url, "https://api2.amplitude.com/2/httpapi")
        self.assertEqual(Config(server_zone="EU").server_url, "https://api.eu.amplitude.com/2/httpapi")
        self.assertEqual(Config(use_batch=True).server_url, "https://api2.amplitude.com/batch")
        self.assertEqual(Config(server_zone="EU", server_url="http://127.0.0.1:9/x").server_url,
                         "http://127.0.0.1:9/x")
        with self.assertRaises(KeyError):  # the real package knows "US" and "EU" only
            Config(server_zone="eu").server_url  # pylint: disable=expression-not-assigned

    def test_defaults_match_the_real_package(self):
        cfg = Config()
        self.assertEqual((cfg.flush_queue_size, cfg.flush_interval_millis, cfg.flush_max_retries,
                          cfg.min_id_length, cfg.server_zone, cfg.use_batch, cfg.api_key),
                         (200, 10000, 12, None, "US", False, None))
        self.assertFalse(cfg.is_valid())
        self.assertTrue(Config(api_key="k").is_valid())
        self.assertFalse(Config(api_key="k", min_id_length=0).is_valid())

    def test_min_id_length_is_sent_and_short_ids_refused_by_the_server(self):
        c = self.client(min_id_length=3)
        self.collector.replies.append((400, {
            "code": 400, "error": "Invalid id length for user_id or device_id",
            "events_with_invalid_id_lengths": {"user_id": [0]}}))
        c.track(BaseEvent("Short", user_id="ab"))
        c.track(BaseEvent("Long", user_id="abcdef"))
        c.flush()[0].result(timeout=10)
        first = self.collector.next_post()
        self.assertEqual(first["body"]["options"], {"min_id_length": 3})
        self.assertEqual(self.calls[0], ("Short", 400, "Invalid id length for user_id or device_id"))
        # The valid one went back to the buffer and goes out with the next flush.
        c.flush()[0].result(timeout=10)
        second = self.collector.next_post()
        self.assertEqual([e["event_type"] for e in second["body"]["events"]], ["Long"])
        self.assertEqual(self.calls[1], ("Long", 200, "Event sent successfully."))

    def test_invalid_api_key_is_logged_and_events_dropped(self):
        c = self.client(api_key="bad")
        self.collector.replies.append((400, {"code": 400, "error": "Invalid API key: bad"}))
        c.track(BaseEvent("X", user_id="user-1"))
        c.flush()[0].result(timeout=10)
        self.collector.next_post()
        self.assertIn("Invalid API Key", self.logs.messages())
        self.assertEqual(c.flush(), [None])

    def test_server_error_is_retried_until_max_retries(self):
        c = self.client(flush_max_retries=1, flush_interval_millis=3600 * 1000)
        self.collector.replies += [(500, {"code": 500, "error": "boom"}),
                                   (503, {"code": 503, "error": "boom"})]
        c.track(BaseEvent("Retry", device_id="device-1"))
        c.flush()[0].result(timeout=10)
        c.flush()[0].result(timeout=10)
        self.assertEqual(len([self.collector.next_post(), self.collector.next_post()]), 2)
        self.assertEqual(self.calls, [("Retry", 503, "Event reached max retry times 1.")])
        self.assertEqual(c.flush(), [None])

    def test_refused_connection_is_retried(self):
        # nothing listens there: the real package retries, then gives up after max retries
        import socket
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        dead = "http://127.0.0.1:%d/2/httpapi" % probe.getsockname()[1]
        probe.close()
        c = self.client(server_url=dead, flush_max_retries=1, flush_interval_millis=3600 * 1000)
        c.track(BaseEvent("Refused", device_id="device-1"))
        c.flush()[0].result(timeout=10)
        self.assertEqual(self.calls, [])  # queued again, not dropped
        c.flush()[0].result(timeout=10)
        self.assertEqual([(e, code) for e, code, _ in self.calls], [("Refused", -1)])

    def test_event_options_and_event_callback(self):
        got = threading.Event()
        c = self.client()
        event = BaseEvent("Opt", callback=lambda e, code, msg: got.set())
        event.load_event_options(EventOptions(device_id="device-9", app_version="1.2.3"))
        c.track(event)
        c.flush()[0].result(timeout=10)
        body = self.collector.next_post()["body"]["events"][0]
        self.assertEqual((body["device_id"], body["app_version"]), ("device-9", "1.2.3"))
        self.assertTrue(got.is_set())

    def test_long_strings_are_truncated(self):
        c = self.client()
        c.track(BaseEvent("Long", user_id="user-1", event_properties={"t": "x" * 5000}))
        c.flush()[0].result(timeout=10)
        props = self.collector.next_post()["body"]["events"][0]["event_properties"]
        self.assertEqual(len(props["t"]), 1024)


    def _run_script(self, body):
        script = ("import atexit, sys\nsys.path.insert(0, %r)\n"
                  "from amplitude import Amplitude, BaseEvent, Config\n"
                  "c = Amplitude('k', configuration=Config(server_url=%r, flush_interval_millis=2000))\n"
                  "c.track(BaseEvent('Script', device_id='device-1'))\n" % (
                      os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."), self.collector.url)) + body
        return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                              check=False)

    def test_shutdown_before_exit_delivers(self):
        proc = self._run_script("c.shutdown()\n")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(self.collector.posts.get_nowait()["body"]["events"][0]["event_type"], "Script")

    def test_exit_hook_delivers_without_shutdown(self):
        # The current real client shuts itself down from threading's exit hook
        # (amplitude/Amplitude-Python src/amplitude/client.py _register_on_exit), while
        # the interpreter still runs: a program that never flushes still sends its events.
        proc = self._run_script("")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(self.collector.posts.get(timeout=10)["body"]["events"][0]["event_type"], "Script")


if __name__ == "__main__":
    unittest.main()
