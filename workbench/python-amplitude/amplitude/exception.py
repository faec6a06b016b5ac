"""Exception types with the names the real package uses."""


class InvalidEventError(Exception):
    """An event that cannot be sent (no event_type, no user_id nor device_id)."""


class InvalidAPIKeyError(Exception):
    """The ingestion endpoint rejected the API key."""
