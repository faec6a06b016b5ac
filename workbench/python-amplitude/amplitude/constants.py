"""Defaults and endpoints, the same values the real package documents."""

SDK_LIBRARY = "amplitude-python"
SDK_VERSION = "1.1.4"

LOGGER_NAME = "amplitude"
DEFAULT_ZONE = "US"
EU_ZONE = "EU"

# zone -> (HTTP V2 endpoint, batch endpoint)
SERVER_URLS = {
    DEFAULT_ZONE: ("https://api2.amplitude.com/2/httpapi", "https://api2.amplitude.com/batch"),
    EU_ZONE: ("https://api.eu.amplitude.com/2/httpapi", "https://api.eu.amplitude.com/batch"),
}

FLUSH_QUEUE_SIZE = 200
FLUSH_INTERVAL_MILLIS = 10000
FLUSH_MAX_RETRIES = 12
CONNECTION_TIMEOUT = 10.0
MAX_STRING_LENGTH = 1024
