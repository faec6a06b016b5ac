"""Parsing of plain-text transcripts into speaker turns."""

import re
from dataclasses import dataclass
from typing import Iterable, List, Optional

_TURN = re.compile(r"^\s*(?:\[(?P<time>\d{1,2}:\d{2})\]\s*)?(?P<speaker>[A-Z][\w .'-]{0,40}?):\s+(?P<text>\S.*)$")


@dataclass
class Turn:
    speaker: str
    text: str
    time: Optional[str] = None


def parse(lines: Iterable[str]) -> List[Turn]:
    """Turns from transcript lines; lines without a speaker continue the previous turn."""
    turns: List[Turn] = []
    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip():
            continue
        match = _TURN.match(line)
        if match:
            turns.append(Turn(match.group("speaker").strip(), match.group("text").strip(), match.group("time")))
        elif turns:
            turns[-1].text += " " + line.strip()
        # Text before the first speaker (a title line) is not part of any turn.
    return turns
