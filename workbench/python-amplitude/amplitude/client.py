"""Amplitude: the client the application creates once and reuses."""

import atexit
import copy
import threading
import time
import uuid
from typing import Optional

from amplitude import constants
from amplitude.config import Config
from amplitude.event import BaseEvent
from amplitude.exception import InvalidEventError
from amplitude.worker import Worker


class Amplitude:
    """Amplitude(api_key, configuration=Config(...)).

    track() never raises on a bad event: like the real package it logs the
    problem on configuration.logger and drops the event.
    """

    def __init__(self, api_key: str, configuration: Optional[Config] = None):
        self.configuration = configuration if configuration is not None else Config()
        self.configuration.api_key = api_key
        self._worker = Worker(self.configuration)
        self._library = "%s/%s" % (constants.SDK_LIBRARY, constants.SDK_VERSION)
        self._register_on_exit()

    def _register_on_exit(self):
        """As the real client (amplitude/Amplitude-Python src/amplitude/client.py): shut
        down from threading's exit hook, which runs at the main thread's exit while the
        interpreter still runs, so buffered events are sent; atexit where it is missing."""
        if hasattr(threading, "_register_atexit"):
            try:
                threading._register_atexit(self.shutdown)
            except Exception:
                self.configuration.logger.warning("register for exit fail")
        else:
            atexit.register(self.shutdown)

    def track(self, event: BaseEvent):
        log = self.configuration.logger
        if self.configuration.opt_out:
            log.info("Skipped event for opt out config")
            return
        try:
            if not isinstance(event, BaseEvent):
                raise InvalidEventError("Invalid event.")
            # Filled on the caller's object, as the real context plugin does.
            if not event.time:
                event["time"] = int(time.time() * 1000)
            if not event.insert_id:
                event["insert_id"] = str(uuid.uuid4())
            event["library"] = self._library
            if not event.event_type or (not event.user_id and not event.device_id):
                raise InvalidEventError("Invalid event.")
        except InvalidEventError:
            log.exception("Invalid event body %s", event)
            return
        self._worker.push(copy.deepcopy(event))

    def flush(self):
        """Sends the buffered events now; returns a list with the Future (or None)."""
        return [self._worker.flush()]

    def shutdown(self):
        """Stops accepting events, sends what is buffered and waits for it."""
        self.configuration.opt_out = True
        self._worker.stop()
