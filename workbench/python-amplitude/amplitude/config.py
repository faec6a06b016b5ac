"""Config: the client's settings, with the real package's names and defaults."""

import logging
from typing import Callable, Optional

from amplitude import constants


class Config:
    """Settings of one Amplitude client.

    min_id_length defaults to None, as in the real package: the server then
    applies its own minimum (5). When set, it is sent as options.min_id_length.
    """

    def __init__(self, api_key: Optional[str] = None,
                 flush_queue_size: int = constants.FLUSH_QUEUE_SIZE,
                 flush_interval_millis: int = constants.FLUSH_INTERVAL_MILLIS,
                 flush_max_retries: int = constants.FLUSH_MAX_RETRIES,
                 logger=logging.getLogger(constants.LOGGER_NAME),
                 min_id_length: Optional[int] = None,
                 callback: Optional[Callable] = None,
                 server_zone: str = constants.DEFAULT_ZONE,
                 use_batch: bool = False,
                 server_url: Optional[str] = None,
                 storage_provider=None,
                 plan=None):
        self.api_key = api_key
        self.flush_queue_size = flush_queue_size
        self.flush_interval_millis = flush_interval_millis
        self.flush_max_retries = flush_max_retries
        self.logger = logger
        self.min_id_length = min_id_length
        self.callback = callback
        self.server_zone = server_zone
        self.use_batch = use_batch
        self._url = server_url
        # Accepted for signature compatibility; this stand-in buffers in memory only.
        self.storage_provider = storage_provider
        self.plan = plan
        self.opt_out = False

    def is_min_id_length_valid(self) -> bool:
        return self.min_id_length is None or (
            isinstance(self.min_id_length, int) and self.min_id_length > 0)

    def is_valid(self) -> bool:
        return bool(self.api_key) and self.flush_queue_size > 0 and \
            self.flush_interval_millis > 0 and self.is_min_id_length_valid()

    @property
    def server_url(self) -> str:
        if self._url:
            return self._url
        # Like the real package: only "US" and "EU" exist (KeyError otherwise, e.g. "eu").
        http_v2, batch = constants.SERVER_URLS[self.server_zone]
        return batch if self.use_batch else http_v2

    @server_url.setter
    def server_url(self, url: str):
        self._url = url

    @property
    def options(self):
        if self.min_id_length and self.is_min_id_length_valid():
            return {"min_id_length": self.min_id_length}
        return None
