"""Command line: summarize one transcript file (or stdin)."""

import argparse
import os
import sys
from typing import List, Optional

from dotenv import load_dotenv

from meeting_summarizer import __version__
from meeting_summarizer.render import FORMATS, render
from meeting_summarizer.summarize import summarize
from meeting_summarizer.transcript import parse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarize", description="Summarize a meeting transcript: key points, decisions, action items."
    )
    parser.add_argument("transcript", help="transcript file, or - for stdin")
    parser.add_argument("-n", "--sentences", type=int,
                        default=int(os.environ.get("SUMMARY_SENTENCES", "3")),
                        help="number of key points (default: $SUMMARY_SENTENCES or 3)")
    parser.add_argument("-f", "--format", choices=FORMATS, default=os.environ.get("SUMMARY_FORMAT", "text"),
                        help="output format (default: $SUMMARY_FORMAT or text)")
    parser.add_argument("-o", "--output", help="write the summary to this file instead of stdout")
    parser.add_argument("--version", action="version", version="%(prog)s " + __version__)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    # Local settings from .env, before the parser reads its defaults from the environment.
    load_dotenv()
    args = build_parser().parse_args(argv)
    if args.sentences < 1:
        print("summarize: --sentences must be at least 1", file=sys.stderr)
        return 2
    try:
        if args.transcript == "-":
            turns = parse(sys.stdin)
        else:
            with open(args.transcript, encoding="utf-8") as f:
                turns = parse(f)
    except OSError as e:
        print("summarize: cannot read {}: {}".format(args.transcript, e.strerror), file=sys.stderr)
        return 1
    if not turns:
        print("summarize: no speaker turns found in {}".format(args.transcript), file=sys.stderr)
        return 1

    text = render(summarize(turns, args.sentences), args.format)
    if args.output:
        os.makedirs(os.path.dirname(args.output) or ".", exist_ok=True)
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
        print("summarize: wrote {}".format(args.output))
    else:
        sys.stdout.write(text)
    return 0
