from fastapi import APIRouter, Depends

from app.dependencies import get_store, get_workspace
from app.models import Usage
from app.store import Store

router = APIRouter(prefix="/usage", tags=["usage"])


@router.get("", response_model=Usage)
def read_usage(workspace: str = Depends(get_workspace), store: Store = Depends(get_store)):
    return store.usage(workspace)
