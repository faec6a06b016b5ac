# The credential file's JSON reader against Node's own JSON.parse (the reader Amplitude's
# wizard uses on the same file): handwritten texts and seeded mutations of them, each
# judged by both; any disagreement fails. JSON_CASES_SEED=... replays a sequence.
source "$(dirname "$0")/lib.sh"
command -v node >/dev/null || fail "node is needed for this test"
SEED=${JSON_CASES_SEED:-$$}
echo "seed: $SEED"
H="$WIZ_TEST_SRC/tests/helpers/json_parse_cases.js"
mkdir -p "$T/cases"
node "$H" write "$T/cases" "$SEED" 4000 >"$T/files" || fail "could not write the cases"
xargs -a "$T/files" -d '\n' "$WIZ_TEST_HELPERS/jtext_probe" >"$T/verdicts" || fail "jtext_probe failed"
[ "$(wc -l <"$T/verdicts")" -eq "$(wc -l <"$T/files")" ] || fail "jtext_probe gave $(wc -l <"$T/verdicts") verdicts for $(wc -l <"$T/files") files"
grep -qx ok "$T/verdicts" && grep -qx syntax "$T/verdicts" || fail "the cases hold no accepted or no rejected text"
node "$H" check "$T/cases" "$T/verdicts" || fail "the reader and JSON.parse disagree (seed $SEED)"
echo "credfile reader agrees with JSON.parse"
