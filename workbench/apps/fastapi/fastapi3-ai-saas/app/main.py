import logging

from fastapi import FastAPI

from app.config import get_settings
from app.routers import completions, health, prompts, usage

logger = logging.getLogger("promptdesk")

settings = get_settings()

app = FastAPI(title=settings.app_name, version="0.4.1")

app.include_router(health.router)
app.include_router(prompts.router, prefix="/v1")
app.include_router(completions.router, prefix="/v1")
app.include_router(usage.router, prefix="/v1")


@app.on_event("startup")
def announce() -> None:
    logger.info("%s started (%s)", settings.app_name, settings.environment)
