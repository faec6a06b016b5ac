from typing import Optional

from fastapi import Depends, Header, HTTPException, status

from app.config import Settings, get_settings
from app.store import Store, store


def get_store() -> Store:
    return store


def get_workspace(
    x_api_key: Optional[str] = Header(None),
    settings: Settings = Depends(get_settings),
) -> str:
    """Resolves the calling workspace from the X-API-Key header."""
    for pair in settings.workspace_keys.split(","):
        workspace, _, key = pair.strip().partition(":")
        if key and x_api_key == key:
            return workspace
    raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Invalid or missing API key")
