from functools import lru_cache

from pydantic import BaseSettings


class Settings(BaseSettings):
    """Application settings, read from environment variables and the .env file."""

    app_name: str = "PromptDesk"
    environment: str = "development"
    # Comma-separated "workspace:key" pairs accepted in the X-API-Key header.
    workspace_keys: str = "demo:pd_demo_key_123"
    max_prompt_chars: int = 4000
    default_max_tokens: int = 64

    class Config:
        env_file = ".env"
        env_prefix = "PROMPTDESK_"


@lru_cache()
def get_settings() -> Settings:
    return Settings()
