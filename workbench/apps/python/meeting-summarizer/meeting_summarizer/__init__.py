"""Summarize meeting transcripts from the command line."""

__version__ = "1.2.0"
