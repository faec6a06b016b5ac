from fastapi import APIRouter, Depends, HTTPException, status

from app import engine
from app.config import Settings, get_settings
from app.dependencies import get_store, get_workspace
from app.models import CompletionRequest, CompletionResponse
from app.store import Store

router = APIRouter(prefix="/completions", tags=["completions"])


@router.post("", response_model=CompletionResponse)
def create_completion(
    request: CompletionRequest,
    workspace: str = Depends(get_workspace),
    store: Store = Depends(get_store),
    settings: Settings = Depends(get_settings),
):
    if request.prompt_id is not None:
        prompt = store.get_prompt(workspace, request.prompt_id)
        if prompt is None:
            raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Prompt not found")
        missing = [v for v in prompt.variables if v not in request.variables]
        if missing:
            raise HTTPException(
                status_code=status.HTTP_422_UNPROCESSABLE_ENTITY,
                detail=f"Missing variables: {', '.join(missing)}",
            )
        text = prompt.template.format(**request.variables)
    elif request.text:
        text = request.text
    else:
        raise HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_ENTITY, detail="Give prompt_id or text")
    if len(text) > settings.max_prompt_chars:
        raise HTTPException(status_code=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, detail="Prompt too long")

    completion, prompt_tokens, completion_tokens = engine.complete(
        text, request.max_tokens or settings.default_max_tokens
    )
    store.record_usage(workspace, prompt_tokens, completion_tokens)
    return CompletionResponse(
        completion=completion, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens
    )
