import pytest
from fastapi.testclient import TestClient

from app.config import Settings, get_settings
from app.dependencies import get_store
from app.main import app
from app.store import Store

API_KEY = "pd_test_key_456"


@pytest.fixture
def settings():
    return Settings(workspace_keys=f"acme:{API_KEY},other:pd_other_key_789", max_prompt_chars=500,
                    default_max_tokens=12, environment="test")


@pytest.fixture
def client(settings):
    fresh = Store()
    app.dependency_overrides[get_settings] = lambda: settings
    app.dependency_overrides[get_store] = lambda: fresh
    with TestClient(app) as c:
        c.headers.update({"X-API-Key": API_KEY})
        yield c
    app.dependency_overrides.clear()
