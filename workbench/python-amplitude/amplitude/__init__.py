"""Local stand-in for the public API of the `amplitude-analytics` package.

Only what the wizard's generated code and the workbench apps use: Amplitude,
Config, BaseEvent (and EventOptions). See ../README.md for why it exists.
"""

from amplitude.client import Amplitude
from amplitude.config import Config
from amplitude.event import BaseEvent, EventOptions
from amplitude.exception import InvalidAPIKeyError, InvalidEventError

__all__ = ["Amplitude", "Config", "BaseEvent", "EventOptions",
           "InvalidAPIKeyError", "InvalidEventError"]
