import re
import threading
from typing import Dict, List, Optional

from app.models import Prompt, PromptIn, Usage

_VARIABLE = re.compile(r"\{(\w+)\}")


class Store:
    """In-memory data for all workspaces (one instance per process)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._prompts: Dict[str, Dict[int, Prompt]] = {}
        self._usage: Dict[str, Usage] = {}
        self._next_id = 1

    def add_prompt(self, workspace: str, data: PromptIn) -> Prompt:
        with self._lock:
            prompt = Prompt(id=self._next_id, variables=sorted(set(_VARIABLE.findall(data.template))), **data.dict())
            self._next_id += 1
            self._prompts.setdefault(workspace, {})[prompt.id] = prompt
            return prompt

    def list_prompts(self, workspace: str) -> List[Prompt]:
        return list(self._prompts.get(workspace, {}).values())

    def get_prompt(self, workspace: str, prompt_id: int) -> Optional[Prompt]:
        return self._prompts.get(workspace, {}).get(prompt_id)

    def record_usage(self, workspace: str, prompt_tokens: int, completion_tokens: int) -> None:
        with self._lock:
            usage = self._usage.setdefault(
                workspace, Usage(workspace=workspace, requests=0, prompt_tokens=0, completion_tokens=0)
            )
            usage.requests += 1
            usage.prompt_tokens += prompt_tokens
            usage.completion_tokens += completion_tokens

    def usage(self, workspace: str) -> Usage:
        return self._usage.get(workspace) or Usage(
            workspace=workspace, requests=0, prompt_tokens=0, completion_tokens=0
        )


store = Store()
