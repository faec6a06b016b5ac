#!/usr/bin/env python3
"""Entry point: python3 summarize.py TRANSCRIPT [options]."""

import sys

from meeting_summarizer.cli import main

if __name__ == "__main__":
    sys.exit(main())
