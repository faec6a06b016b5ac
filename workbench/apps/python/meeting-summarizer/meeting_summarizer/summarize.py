"""Extractive summary, decisions and action items from speaker turns."""

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, List, Tuple

from meeting_summarizer.transcript import Turn

STOPWORDS = frozenset("""
a about all also an and are as at be been but by can for from has have i in is it its let's
me my next of on or our so that the their this to today us was we were what will with you
""".split())

_DECISION = re.compile(r"\b(we decided|decided to|agreed|we will go with)\b", re.IGNORECASE)
_ACTION = re.compile(r"\b(i will|i'll|action item|todo|can you|please)\b", re.IGNORECASE)
_OWNER = re.compile(r"action item for (\w+)", re.IGNORECASE)


@dataclass
class Summary:
    key_points: List[str]
    decisions: List[str]
    action_items: List[Tuple[str, str]]  # (owner, sentence)
    speakers: Dict[str, int] = field(default_factory=dict)  # words spoken


def sentences(text: str) -> List[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def _words(text: str) -> List[str]:
    return [w for w in re.findall(r"[a-z0-9']+", text.lower()) if w not in STOPWORDS]


def summarize(turns: List[Turn], max_sentences: int = 3) -> Summary:
    if max_sentences < 1:
        raise ValueError("max_sentences must be at least 1")
    all_sentences = [(turn.speaker, s) for turn in turns for s in sentences(turn.text)]
    freq = Counter(w for _, s in all_sentences for w in _words(s))

    def score(sentence: str) -> float:
        words = _words(sentence)
        return sum(freq[w] for w in words) / (len(words) or 1) if words else 0.0

    ranked = sorted(range(len(all_sentences)), key=lambda i: (-score(all_sentences[i][1]), i))
    key_points = [all_sentences[i][1] for i in sorted(ranked[:max_sentences])]

    decisions = [s for _, s in all_sentences if _DECISION.search(s)]
    action_items = []
    for speaker, s in all_sentences:
        if _ACTION.search(s):
            owner = _OWNER.search(s)
            action_items.append((owner.group(1) if owner else speaker, s))

    speakers: Dict[str, int] = Counter()
    for turn in turns:
        speakers[turn.speaker] += len(turn.text.split())
    return Summary(key_points, decisions, action_items, dict(speakers))
