from typing import List

from fastapi import APIRouter, Depends, HTTPException, status

from app.dependencies import get_store, get_workspace
from app.models import Prompt, PromptIn
from app.store import Store

router = APIRouter(prefix="/prompts", tags=["prompts"])


@router.get("", response_model=List[Prompt])
def list_prompts(workspace: str = Depends(get_workspace), store: Store = Depends(get_store)):
    return store.list_prompts(workspace)


@router.post("", response_model=Prompt, status_code=status.HTTP_201_CREATED)
def create_prompt(data: PromptIn, workspace: str = Depends(get_workspace), store: Store = Depends(get_store)):
    return store.add_prompt(workspace, data)


@router.get("/{prompt_id}", response_model=Prompt)
def get_prompt(prompt_id: int, workspace: str = Depends(get_workspace), store: Store = Depends(get_store)):
    prompt = store.get_prompt(workspace, prompt_id)
    if prompt is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Prompt not found")
    return prompt
