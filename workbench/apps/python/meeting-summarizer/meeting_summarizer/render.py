"""Output formats for a Summary."""

import json

from meeting_summarizer.summarize import Summary

FORMATS = ("text", "markdown", "json")


def render(summary: Summary, fmt: str) -> str:
    if fmt == "json":
        return json.dumps({
            "key_points": summary.key_points,
            "decisions": summary.decisions,
            "action_items": [{"owner": o, "item": s} for o, s in summary.action_items],
            "speakers": summary.speakers,
        }, indent=2) + "\n"
    heading = "## {}" if fmt == "markdown" else "{}:"
    bullet = "- " if fmt == "markdown" else "  * "
    out = []
    if fmt == "markdown":
        out += ["# Meeting summary", ""]
    sections = [
        ("Key points", summary.key_points),
        ("Decisions", summary.decisions or ["(none recorded)"]),
        ("Action items", ["{}: {}".format(o, s) for o, s in summary.action_items] or ["(none)"]),
        ("Speakers", ["{} ({} words)".format(n, c) for n, c in
                      sorted(summary.speakers.items(), key=lambda kv: (-kv[1], kv[0]))]),
    ]
    for title, items in sections:
        out.append(heading.format(title))
        out += [bullet + item for item in items]
        out.append("")
    return "\n".join(out)
