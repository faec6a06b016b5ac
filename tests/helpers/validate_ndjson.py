#!/usr/bin/env python3
"""Validates every line of an agent-mode recording against docs/agent-ndjson.schema.json.
usage: validate_ndjson.py SCHEMA FILE   (exit 0: all lines valid; 1: the first bad line is printed)"""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1]))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
validator = cls(schema)
n = 0
for n, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
    try:
        event = json.loads(line)
    except ValueError as e:
        sys.exit(f"line {n}: not JSON ({e}): {line!r}")
    errors = sorted(validator.iter_errors(event), key=lambda e: e.path)
    if errors:
        sys.exit(f"line {n}: {errors[0].message} at {list(errors[0].absolute_path)}: {line.strip()}")
if n == 0:
    sys.exit("no lines to validate")
print(f"{n} lines valid")
