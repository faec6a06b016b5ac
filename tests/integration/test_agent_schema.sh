# The agent NDJSON contract has one source: the registry in core/ui/agent_events.h. The
# committed docs/agent-ndjson.schema.json must be exactly what it generates (run
# scripts/gen-agent-schema after changing an event), and, as Amplitude's registry test
# does, every registered event must have an emit site in core/ (no dead protocol).
source "$(dirname "$0")/lib.sh"
GEN="$WIZ_TEST_HELPERS/agent_schema"
"$GEN" >"$T/schema.json" || fail "the registry does not generate a schema"
diff -u "$WIZ_TEST_SRC/docs/agent-ndjson.schema.json" "$T/schema.json" >"$T/diff" ||
  fail "docs/agent-ndjson.schema.json is not what the registry generates (run scripts/gen-agent-schema): $(head -40 "$T/diff")"
/usr/bin/python3 - "$T/schema.json" <<'PY' || fail "the generated schema is not a valid JSON Schema"
import json, sys, jsonschema
s = json.load(open(sys.argv[1]))
jsonschema.validators.validator_for(s).check_schema(s)
PY
names=$(sed -n 's/^ *X(\([a-z_]*\), "\([a-z_]*\)", [0-9]*,.*/\1/p' "$WIZ_TEST_SRC/core/ui/agent_events.h")
[ "$(printf '%s\n' "$names" | wc -l)" -ge 20 ] || fail "could not read the registry's event names: $names"
for n in $names; do
  grep -rqE "WIZ_AEV_$n\b|wiz_ui_result\(app, \"$n\"" "$WIZ_TEST_SRC/core" --include=*.c ||
    fail "registered event $n has no emit site in core/"
done
echo "agent schema generated from the registry; $(printf '%s\n' "$names" | wc -l) events, each emitted"
