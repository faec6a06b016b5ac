"""EventOptions and BaseEvent: the event attributes the HTTP V2 API knows.

As in the real package, a value of the wrong type is logged and ignored
(the attribute stays unset) rather than raising.
"""

import copy
import enum
import json
import logging
from typing import Callable, Optional

from amplitude import constants

logger = logging.getLogger(constants.LOGGER_NAME)

# attribute -> (name in the HTTP V2 body, accepted type)
FIELDS = {
    "user_id": ("user_id", str), "device_id": ("device_id", str),
    "event_type": ("event_type", str), "time": ("time", int),
    "event_properties": ("event_properties", dict),
    "user_properties": ("user_properties", dict),
    "groups": ("groups", dict), "group_properties": ("group_properties", dict),
    "app_version": ("app_version", str), "platform": ("platform", str),
    "os_name": ("os_name", str), "os_version": ("os_version", str),
    "device_brand": ("device_brand", str), "device_manufacturer": ("device_manufacturer", str),
    "device_model": ("device_model", str), "carrier": ("carrier", str),
    "country": ("country", str), "region": ("region", str), "city": ("city", str),
    "dma": ("dma", str), "language": ("language", str),
    "price": ("price", float), "quantity": ("quantity", int), "revenue": ("revenue", float),
    "product_id": ("productId", str), "revenue_type": ("revenueType", str),
    "location_lat": ("location_lat", float), "location_lng": ("location_lng", float),
    "ip": ("ip", str), "idfa": ("idfa", str), "idfv": ("idfv", str), "adid": ("adid", str),
    "android_id": ("android_id", str), "event_id": ("event_id", int),
    "session_id": ("session_id", int), "insert_id": ("insert_id", str),
    "library": ("library", str), "partner_id": ("partner_id", str),
}


def _truncate(value):
    """Strings longer than the API accepts are cut, recursively in properties."""
    if isinstance(value, str):
        return value[:constants.MAX_STRING_LENGTH]
    if isinstance(value, dict):
        return {k: _truncate(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_truncate(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    return value


class EventOptions:
    """Attributes shared by every event; also used as per-call options."""

    def __init__(self, user_id: Optional[str] = None, device_id: Optional[str] = None,
                 time: Optional[int] = None, app_version: Optional[str] = None,
                 platform: Optional[str] = None, os_name: Optional[str] = None,
                 os_version: Optional[str] = None, device_brand: Optional[str] = None,
                 device_manufacturer: Optional[str] = None, device_model: Optional[str] = None,
                 carrier: Optional[str] = None, country: Optional[str] = None,
                 region: Optional[str] = None, city: Optional[str] = None,
                 dma: Optional[str] = None, language: Optional[str] = None,
                 price: Optional[float] = None, quantity: Optional[int] = None,
                 revenue: Optional[float] = None, product_id: Optional[str] = None,
                 revenue_type: Optional[str] = None, location_lat: Optional[float] = None,
                 location_lng: Optional[float] = None, ip: Optional[str] = None,
                 idfa: Optional[str] = None, idfv: Optional[str] = None,
                 adid: Optional[str] = None, android_id: Optional[str] = None,
                 event_id: Optional[int] = None, session_id: Optional[int] = None,
                 insert_id: Optional[str] = None, plan=None,
                 partner_id: Optional[str] = None, callback: Optional[Callable] = None):
        for name in FIELDS:
            self.__dict__[name] = None
        self.__dict__["plan"] = None
        given = dict(locals())
        for name in FIELDS:
            if name in given:
                self[name] = given[name]
        self.plan = plan
        self.event_callback = callback
        self.retry = 0

    def __getitem__(self, key):
        return self.__dict__.get(key)

    def __setitem__(self, key, value):
        if value is None:
            self.__dict__[key] = None
            return
        if key not in FIELDS:
            logger.error("Unexpected event property key: %s", key)
            return
        expected = FIELDS[key][1]
        # Plain isinstance, like the real package: price=5 (an int) is rejected.
        if not isinstance(value, expected):
            logger.error("Event property %s expected %s but received %s.", key, expected, type(value))
            return
        # a property dict the real package refuses is dropped silently (no log there
        # either), and the event is still sent without it
        if isinstance(value, dict) and not _valid_object(value):
            return
        self.__dict__[key] = value

    def __contains__(self, key):
        return self.__dict__.get(key) is not None

    def get_event_body(self) -> dict:
        body = {}
        for name, (wire, _) in FIELDS.items():
            value = self.__dict__.get(name)
            if value is not None:
                if isinstance(value, dict) and name.endswith("_properties"):
                    value = {k: v for k, v in value.items() if v is not None}  # as the real package
                body[wire] = _truncate(copy.deepcopy(value))
        return body

    def callback(self, status_code: int, message=None):
        if callable(self.event_callback):
            self.event_callback(self, status_code, message)

    def __str__(self):
        return json.dumps(self.get_event_body(), sort_keys=True, default=str)


def _valid_value(key, value) -> bool:
    """The real package's rules for one property (amplitude/Amplitude-Python
    src/amplitude/event.py, is_validate_properties): a string key; None, a bool, number,
    string or enum; a dict of valid properties; a list of numbers, strings or valid dicts
    (no nested lists). A tuple, a set or an object is not valid."""
    if not isinstance(key, str):
        return False
    if value is None or isinstance(value, (bool, int, float, str, enum.Enum)):
        return True
    if isinstance(value, dict):
        return _valid_object(value)
    if isinstance(value, list):
        return all(isinstance(v, (int, float, str)) or (isinstance(v, dict) and _valid_object(v)) for v in value)
    return False


def _valid_object(obj) -> bool:
    return all(_valid_value(k, v) for k, v in obj.items())


class BaseEvent(EventOptions):
    """An event: event_type is required; user_id or device_id must be set to send it."""

    def __init__(self, event_type: str, user_id: Optional[str] = None,
                 device_id: Optional[str] = None, time: Optional[int] = None,
                 event_properties: Optional[dict] = None, user_properties: Optional[dict] = None,
                 groups: Optional[dict] = None, group_properties: Optional[dict] = None,
                 callback: Optional[Callable] = None, **options):
        super().__init__(user_id=user_id, device_id=device_id, time=time,
                         callback=callback, **options)
        self["event_type"] = event_type
        self["event_properties"] = event_properties
        self["user_properties"] = user_properties
        self["groups"] = groups
        self["group_properties"] = group_properties

    def load_event_options(self, event_options: Optional[EventOptions]):
        if not event_options:
            return
        for name in FIELDS:
            if name != "event_type" and event_options[name] is not None:
                self[name] = copy.deepcopy(event_options[name])
        if event_options.event_callback:
            self.event_callback = event_options.event_callback
