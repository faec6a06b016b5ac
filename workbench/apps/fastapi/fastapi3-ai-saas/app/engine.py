"""A tiny deterministic extractive "model": picks the most informative sentences.

It stands in for a hosted LLM so that the API can run and be tested offline.
"""

import re
from collections import Counter
from typing import List, Tuple

STOPWORDS = frozenset(
    "a an and are as at be by for from has have in is it its of on or that the this to was were will with we you".split()
)


def tokenize(text: str) -> List[str]:
    return re.findall(r"[A-Za-z0-9']+", text.lower())


def complete(text: str, max_tokens: int) -> Tuple[str, int, int]:
    """Returns (completion, prompt_tokens, completion_tokens)."""
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s.strip()]
    words = [w for w in tokenize(text) if w not in STOPWORDS]
    freq = Counter(words)

    def score(sentence: str) -> float:
        toks = [w for w in tokenize(sentence) if w not in STOPWORDS]
        return sum(freq[w] for w in toks) / (len(toks) or 1)

    ranked = sorted(range(len(sentences)), key=lambda i: (-score(sentences[i]), i))
    chosen, used = [], 0
    for i in ranked:
        n = len(tokenize(sentences[i]))
        if used + n > max_tokens and chosen:
            break
        chosen.append(i)
        used += n
    completion = " ".join(sentences[i] for i in sorted(chosen))
    return completion, len(tokenize(text)), used
