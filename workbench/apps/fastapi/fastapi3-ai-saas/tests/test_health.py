def test_health_uses_injected_settings(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "app": "PromptDesk", "environment": "test"}


def test_settings_read_the_environment(monkeypatch):
    from app.config import Settings

    monkeypatch.setenv("PROMPTDESK_ENVIRONMENT", "staging")
    monkeypatch.setenv("PROMPTDESK_DEFAULT_MAX_TOKENS", "7")
    settings = Settings()
    assert (settings.environment, settings.default_max_tokens) == ("staging", 7)
