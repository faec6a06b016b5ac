# The non-terminal front ends through real pipes: classic numbered questions, CI exit 12
# naming the flag, agent NDJSON validated line by line against docs/agent-ndjson.schema.json
# (answers on stdin, auth_required exit 3), --debug run log, bash completion.
. "$(dirname "$0")/lib.sh"
D="$WIZ_TEST_HELPERS/ui_driver"
SCHEMA="$WIZ_TEST_SRC/docs/agent-ndjson.schema.json"
validate() { python3 "$WIZ_TEST_SRC/tests/helpers/validate_ndjson.py" "$SCHEMA" "$1" || fail "schema: $1"; }
ENVS='Acme / Web / Production|Acme / Web / Development|Beta / App / Staging'

# classic: numbered questions on stdout, answers line by line from a pipe
printf '9\n2\n/region eu\ny\nAda\n' | "$D" --classic choose 'Which environment?' "$ENVS" -1 --app-id \
  confirm 'Apply?' n text 'Full name' --full-name >"$T/out" 2>"$T/err" || fail "classic run failed: $(cat "$T/err")"
OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
assert_contains "$ERR" "MODE classic"
assert_contains "$OUT" "1. Which environment?"
assert_contains "$OUT" "   2) Acme / Web / Development"
assert_contains "$OUT" "Please answer with a number from 1 to 3."
assert_contains "$OUT" "zone: eu"
assert_contains "$ERR" "RESULT choose 1 Acme / Web / Development"
assert_contains "$ERR" "RESULT confirm yes"
assert_contains "$ERR" "RESULT text Ada"
assert_contains "$ERR" "RESULT zone eu"
# TERM=dumb on a "terminal" is classic too; here: --classic with input ending early
expect_rc 12 "$D" --classic choose 'Which environment?' "$ENVS" -1 --app-id </dev/null
assert_contains "$ERR" "--app-id"

# LC_ALL=C: ASCII only (no middle dot, ticks or spinners); a UTF-8 locale keeps the dot
LC_ALL=C "$D" --classic header ada@example.com eu progress Step 1 >"$T/ascii" 2>&1 </dev/null || fail "LC_ALL=C run"
! LC_ALL=C grep -q '[^ -~]' "$T/ascii" || fail "LC_ALL=C output has non-ASCII bytes: $(cat -v "$T/ascii")"
assert_contains "$(cat "$T/ascii")" "ada@example.com - zone eu"
LC_ALL=C.UTF-8 "$D" --classic header ada@example.com eu >"$T/utf8" 2>&1 </dev/null || fail "UTF-8 run"
assert_contains "$(cat "$T/utf8")" "ada@example.com · zone eu"

# CI: no questions; a question without a default is exit 12 naming the flag
expect_rc 12 "$D" --ci status hello choose 'Which environment?' "$ENVS" -1 --app-id
assert_contains "$ERR" "pass --app-id"
assert_contains "$OUT" " info  hello"
expect_rc 0 "$D" --yes choose 'Which environment?' "$ENVS" 2 --app-id confirm 'Apply?' n
assert_contains "$ERR" "RESULT choose 2"
assert_contains "$ERR" "RESULT confirm yes"   # --yes answers confirmations
[[ "$OUT" =~ ^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{3}Z\ info ]] || fail "CI line without timestamp: $OUT"

# agent: a recorded run with every event type, validated line by line (Amplitude's
# contract: answers as {"<key>": value} or this wizard's older forms; confirmations never
# read stdin; a question without a recommendation and no answer is exit 12)
"$D" --agent status "Signing in" header ada@example.com eu header - us \
  url "Open this URL to sign in" "http://127.0.0.1:13222/oauth2/auth?state=abc" \
  progress "Fetching projects" 1 progress "Installing" 0 \
  diff "planned changes" '--- a/.env\n+++ b/.env\n@@ -0,0 +1 @@\n+AMPLITUDE_API_KEY=k' \
  file .env modify file src/amplitude.ts create diag 1 framework_ambiguous "two frameworks match" \
  log 1 "a warning" log 3 "a debug line" summary "Amplitude is set up" "npm run dev|open the app" \
  choosev 'Which app?' "Prod|Dev" "111|222" -1 --app-id confirm 'Apply?' y text 'Full name' --full-name \
  choose 'Zone?' 'us|eu' -1 --zone \
  <<<'{"appId":"222"}
{"fullName":"Ada Lovelace"}' >"$T/rec.ndjson" 2>"$T/err" && fail "agent run should end with exit 12" || rc=$?
[ "$rc" -eq 12 ] || fail "agent run exited $rc, wanted 12: $(cat "$T/err")"
validate "$T/rec.ndjson"
REC=$(cat "$T/rec.ndjson")
for t in lifecycle log status progress session_state prompt needs_input diagnostic result error; do
  assert_contains "$REC" "\"type\":\"$t\""
done
assert_contains "$REC" '"path":".env","operation":"modify","event":"file_change_applied"'
assert_contains "$REC" '"resumeFlags":["--app-id","222"]'
assert_contains "$REC" '"code":"confirm","decisionId":"dec_002","value":"yes","reason":"back_compat"'
assert_contains "$REC" '"code":"input_required","exitCode":12'
assert_contains "$REC" '"event":"run_completed"'
assert_not_contains "$REC" "a debug line"
assert_contains "$(cat "$T/err")" "RESULT choose 1 Dev"
assert_contains "$(cat "$T/err")" "RESULT confirm yes"
assert_contains "$(cat "$T/err")" "RESULT text Ada Lovelace"
[ "$(tail -n 1 "$T/rec.ndjson" | jq -r .data.event)" = run_completed ] || fail "run_completed is not last"

# piped without a mode flag is agent mode, as in the public wizard
"$D" status hi </dev/null >"$T/piped.ndjson" 2>/dev/null
validate "$T/piped.ndjson"
# ...but read-only commands stay plain text when piped (only runs such as setup/login go agent)
expect_rc 3 "$WIZ_BIN" whoami </dev/null
assert_not_contains "$OUT$ERR" '"v":1'
assert_contains "$ERR" "not logged in"
expect_rc 0 "$WIZ_BIN" plugins list </dev/null
assert_not_contains "$OUT" '"v":1'
# a piped setup is an agent run: its first stdout line is an NDJSON lifecycle event
expect_rc 2 "$WIZ_BIN" setup --framework no-such-framework </dev/null
assert_contains "$(printf '%s\n' "$OUT" | head -n 1)" '"type":"lifecycle"'

# the real binary: whoami --agent answers loggedIn false (exit 0, as Amplitude's wizard);
# a command that needs the session is error auth_required, exit 3; nothing but NDJSON
expect_rc 0 "$WIZ_BIN" whoami --agent
printf '%s\n' "$OUT" >"$T/whoami.ndjson"
validate "$T/whoami.ndjson"
assert_contains "$OUT" '"loggedIn":false,"loginCommand":["ampli-wizard","login"],"event":"whoami"'
expect_rc 3 "$WIZ_BIN" auth status --agent
printf '%s\n' "$OUT" >"$T/status.ndjson"
validate "$T/status.ndjson"
assert_contains "$OUT" '"code":"auth_required"'
assert_contains "$OUT" '"reason":"no_stored_credentials"'
assert_contains "$OUT" '"event":"auth_required"'
expect_rc 3 env AMPLITUDE_WIZARD_AGENT=1 "$WIZ_BIN" auth status
printf '%s\n' "$OUT" >"$T/status2.ndjson"
validate "$T/status2.ndjson"
# logout speaks NDJSON only, too
expect_rc 0 "$WIZ_BIN" logout --agent
printf '%s\n' "$OUT" >"$T/logout.ndjson"
validate "$T/logout.ndjson"
assert_contains "$OUT" '"event":"logout"'
[ "$(printf '%s\n' "$OUT" | jq -rs 'map(.data.event) | join(",")')" = "start_run,logout,run_completed" ] || fail "logout --agent: $OUT"
# every command, with --agent, writes NDJSON only on stdout (its text goes to stderr), and
# run_completed last
mkdir -p "$T/pn" "$T/nowhere"
for cmd in "help" "help setup" "completion bash" "plugins new probe --lang lua --install-dir $T/pn" \
           "undo --install-dir $T/nowhere" "detect --install-dir $T/nowhere" "auth token"; do
  # shellcheck disable=SC2086
  "$WIZ_BIN" $cmd --agent </dev/null >"$T/cmd.ndjson" 2>"$T/cmd.err" || true
  [ -s "$T/cmd.ndjson" ] || fail "$cmd --agent wrote nothing on stdout"
  validate "$T/cmd.ndjson"
  [ "$(tail -n 1 "$T/cmd.ndjson" | jq -r .data.event)" = run_completed ] || fail "$cmd --agent: $(cat "$T/cmd.ndjson")"
done

# --debug: the run log under ~/.amplitude/wizard/runs/<run-id>/log.txt, path printed at the end
expect_rc 0 "$D" --ci --debug log 3 'token reply {"access_token":"SECRET-A","refresh_token":"SECRET-R"}' status done
LOG=$(printf '%s\n' "$ERR" | sed -n 's/^debug log: //p')
[ -n "$LOG" ] || fail "no debug log path in: $ERR"
case "$LOG" in "$HOME/.amplitude/wizard/runs/"*/log.txt) ;; *) fail "log path $LOG" ;; esac
[ "$(stat -c %a "$LOG")" = 600 ] || fail "log mode $(stat -c %a "$LOG")"
assert_contains "$(cat "$LOG")" '"access_token":"[REDACTED]"'
assert_not_contains "$(cat "$LOG")" "SECRET"
expect_rc 3 "$WIZ_BIN" whoami --debug --ci
assert_contains "$ERR" "debug log: $HOME/.amplitude/wizard/runs/"

# bash completion, generated from the command table
expect_rc 0 "$WIZ_BIN" completion bash
printf '%s\n' "$OUT" >"$T/c.bash"
complete_words() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _ampli_wizard; echo "${COMPREPLY[*]}"' _ "$T/c.bash" "$@"
}
[ "$(complete_words ampli-wizard au)" = "auth" ] || fail "complete au"
[ "$(complete_words ampli-wizard auth '')" = "status token" ] || fail "complete auth"
[ "$(complete_words ampli-wizard --zone '')" = "us eu" ] || fail "complete --zone"
[ "$(complete_words ampli-wizard --zone eu setup --dry)" = "--dry-run" ] || fail "complete setup --dry"
[ "$(complete_words ampli-wizard completion '')" = "bash zsh" ] || fail "complete completion"
assert_contains "$(complete_words ampli-wizard '')" "setup"
expect_rc 0 "$WIZ_BIN" completion zsh
assert_contains "$OUT" "#compdef ampli-wizard"
for c in setup login logout whoami "auth status" completion; do assert_contains "$OUT" "'$c:"; done
printf "%s\n" "$OUT" | zsh -n || fail "zsh completion does not parse"
expect_rc 2 "$WIZ_BIN" completion fish
echo "ui modes ok"
