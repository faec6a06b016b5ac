from typing import Dict, List, Optional

from pydantic import BaseModel, Field


class PromptIn(BaseModel):
    name: str = Field(..., min_length=1, max_length=80)
    template: str = Field(..., min_length=1)


class Prompt(PromptIn):
    id: int
    variables: List[str]


class CompletionRequest(BaseModel):
    prompt_id: Optional[int] = None
    text: Optional[str] = None
    variables: Dict[str, str] = {}
    max_tokens: Optional[int] = Field(None, gt=0, le=1024)


class CompletionResponse(BaseModel):
    completion: str
    prompt_tokens: int
    completion_tokens: int


class Usage(BaseModel):
    workspace: str
    requests: int
    prompt_tokens: int
    completion_tokens: int
