# The engine wired to the non-terminal front ends, with the real binary and the stand-in:
#  - classic through a pipe: a full setup answered on stdin (browser sign-in, idle
#    prompt, environment question, confirm), one bundled store write, real expiry;
#  - agent: a full setup run recorded and validated line by line against
#    docs/agent-ndjson.schema.json (sign-in URL prompt, needs_input answered on stdin,
#    file_change results, summary), one bundled store write, real expiry;
#  - agent without a detected framework: needs_input naming --framework, exit 12
#    (--ci: exit 2 naming the frameworks tried);
#  - whoami / auth status / plugins list / detect --agent: NDJSON only, a result event
#    whose value is what --json prints.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
lock_callback_ports
start_standin --token-ttl 5400
SCHEMA="$WIZ_TEST_SRC/docs/agent-ndjson.schema.json"
validate() { python3 "$WIZ_TEST_SRC/tests/helpers/validate_ndjson.py" "$SCHEMA" "$1" || fail "schema: $1"; }
export BROWSER="$FOLLOW_BROWSER"
mkdir -m 700 "$T/plugins"
cat >"$T/plugins/ui_probe.lua" <<'LUA'
return {
  name = "ui-probe", version = "1.0.0", abi = "1.1",
  frameworks = { "ui-probe" }, priority = 100,
  detect = function(s)
    if s:exists("ui-probe.marker") then return "ui-probe", "marker" end
  end,
  plan = function(s)
    s:env(".env", "AMPLITUDE_API_KEY", s:get("api_key"))
  end,
}
LUA
chmod 600 "$T/plugins/ui_probe.lua"
export AMPLI_WIZARD_PLUGIN_PATH="$T/plugins"
standin_config '{"orgs": [
  {"id": "o1", "name": "Acme", "workspaces": [
    {"id": "p1", "name": "Shop", "environments": [
      {"name": "Production", "rank": 1, "app": {"id": 101, "apiKey": "0000000000000000000000000000aa01"}},
      {"name": "Development", "rank": 2, "app": {"id": 102, "apiKey": "0000000000000000000000000000aa02"}}]}]}]}'
new_app() { mkdir -p "$T/$1"; touch "$T/$1/ui-probe.marker"; echo "$T/$1"; }

# start_counting DIR / stop_counting: store writes (renames of .ampli.json) in DIR, via inotify
start_counting() {
  rm -f "$T/writes" "$T/writes.ready"
  python3 "$WIZ_TEST_SRC/tests/helpers/count_writes.py" "$1" .ampli.json "$T/writes" 9>&- &
  WATCH=$!
  for _ in $(seq 1 200); do [ -e "$T/writes.ready" ] && break; sleep 0.05; done
  [ -e "$T/writes.ready" ] || fail "write counter did not start"
}
# (not in a $(...) subshell: only this shell can wait for the counter to finish)
stop_counting() { kill "$WATCH"; wait "$WATCH" || true; WRITES=$(cat "$T/writes"); }
# check_persisted CONFIG: one entry, the user, the real expiry (the id token's exp, ttl 5400)
check_persisted() {
  local cfg=$1 key idt
  [ "$(jq 'keys | length' "$cfg")" -eq 1 ] || fail "$cfg: $(cat "$cfg")"
  key=$(jq -r 'keys[0]' "$cfg")
  [ "$(jq -r ".\"$key\".User.email" "$cfg")" != null ] || fail "$cfg: no user"
  idt=$(jq -r ".\"$key\".OAuthIdToken" "$cfg")
  [ "$(iso_to_epoch "$(jq -r ".\"$key\".OAuthExpiresAt" "$cfg")")" -eq "$(jwt_claim "$idt" exp)" ] \
    || fail "$cfg: OAuthExpiresAt is not the id token's exp"
  [ $(( $(jwt_claim "$idt" exp) - $(jwt_claim "$idt" iat) )) -eq 5400 ] || fail "$cfg: ttl is not the stand-in's 5400"
}

# ---- classic through a pipe ----
mkdir -m 700 "$T/classic"
APP=$(new_app app-classic)
start_counting "$T/classic"
printf '\n2\ny\n' | AMPLI_WIZARD_CONFIG="$T/classic/.ampli.json" \
  "$WIZ_BIN" setup --classic --skip-install --install-dir "$APP" >"$T/out" 2>"$T/err" \
  || fail "classic setup failed: $(cat "$T/out" "$T/err")"
stop_counting
[ "$WRITES" -eq 1 ] || fail "classic: $WRITES store writes, wanted one bundled write"
check_persisted "$T/classic/.ampli.json"
OUT=$(cat "$T/out")
printf '%s\n' "$OUT" | grep -Eq '^http://127\.0\.0\.1:[0-9]+/oauth2/auth\?.*&state=[0-9a-f]{32}$' || fail "classic: URL not on its own line: $OUT"
assert_contains "$OUT" "signed in as"
assert_contains "$OUT" "Press Enter to choose the project"
assert_contains "$OUT" "Which Amplitude project environment should this app send data to?"
assert_contains "$OUT" "   2) Acme / Shop / Development"
assert_contains "$OUT" "Apply these changes?"
assert_contains "$OUT" "create .env"
assert_contains "$OUT" "ext steps:"
assert_contains "$OUT" "ampli-wizard undo --install-dir $APP"
assert_not_contains "$OUT" $'\033['
grep -qx "AMPLITUDE_API_KEY=0000000000000000000000000000aa02" "$APP/.env" || fail "classic .env: $(cat "$APP/.env")"

# classic reads one line per prompt: an answer typed at the idle prompt answers the next
# question (here the project), and the end of input is no answer, never a yes: exit 12,
# nothing written
APP=$(new_app app-classic-early)
printf '2\ny\n' | AMPLI_WIZARD_CONFIG="$T/classic/.ampli.json" \
  "$WIZ_BIN" setup --classic --skip-install --install-dir "$APP" >"$T/out" 2>"$T/err" \
  || fail "classic early answer failed: $(cat "$T/out" "$T/err")"
grep -qx "AMPLITUDE_API_KEY=0000000000000000000000000000aa02" "$APP/.env" || fail "early answer: not the 2nd project: $(cat "$APP/.env")"
APP=$(new_app app-classic-eof)
set +e
printf '\n2\n' | AMPLI_WIZARD_CONFIG="$T/classic/.ampli.json" \
  "$WIZ_BIN" setup --classic --skip-install --install-dir "$APP" >"$T/out" 2>"$T/err"
rc=$?
set -e
[ "$rc" -eq 12 ] || fail "classic end of input at the confirmation: exit $rc, wanted 12: $(cat "$T/err")"
assert_contains "$(cat "$T/err")" "Apply these changes?: the input ended before an answer"
[ "$(ls -A "$APP")" = "ui-probe.marker" ] || fail "end of input wrote files: $(ls -A "$APP")"

# /login at the classic prompt when the refresh is refused: the browser, then one write;
# /exit ends the run (130) before anything else happens
standin_config '{"refresh_reply": "invalid_grant"}'
AUTHS=$(count_requests GET /oauth2/auth)
OLD_IDT=$(jq -r 'to_entries[0].value.OAuthIdToken' "$T/classic/.ampli.json")
APP=$(new_app app-classic-login)
start_counting "$T/classic"
set +e
printf '/login\n/exit\n' | AMPLI_WIZARD_CONFIG="$T/classic/.ampli.json" \
  "$WIZ_BIN" setup --classic --skip-install --install-dir "$APP" >"$T/out" 2>"$T/err"
rc=$?
set -e
[ "$rc" -eq 130 ] || fail "classic /exit: exit $rc: $(cat "$T/out" "$T/err")"
stop_counting
[ "$WRITES" -eq 1 ] || fail "classic /login: $WRITES store writes, wanted one bundled write"
[ "$(count_requests GET /oauth2/auth)" -eq $((AUTHS + 1)) ] || fail "/login did not fall back to the browser"
check_persisted "$T/classic/.ampli.json"
[ "$(jq -r 'to_entries[0].value.OAuthIdToken' "$T/classic/.ampli.json")" != "$OLD_IDT" ] || fail "/login kept the old tokens"
assert_contains "$(cat "$T/out")" "Signed in again through the browser"
[ "$(ls -A "$APP")" = "ui-probe.marker" ] || fail "/exit left files in the project"

# /logout at the prompt ends the session for the rest of the run: going on signs in again
# (the browser, now as another user), and that account is the one the run uses
standin_config '{"refresh_reply": "ok", "user_id": "777", "email": "bea@example.com", "first_name": "Bea", "last_name": "B"}'
AUTHS=$(count_requests GET /oauth2/auth)
APP=$(new_app app-classic-logout)
printf '/logout\n\n2\ny\n' | AMPLI_WIZARD_CONFIG="$T/classic/.ampli.json" \
  "$WIZ_BIN" setup --classic --skip-install --install-dir "$APP" >"$T/out" 2>"$T/err" \
  || fail "classic /logout run failed: $(cat "$T/out" "$T/err")"
[ "$(count_requests GET /oauth2/auth)" -eq $((AUTHS + 1)) ] || fail "/logout: the run did not sign in again"
[ "$(jq -r 'keys | join(",")' "$T/classic/.ampli.json")" = "User-777" ] || fail "/logout: $(jq -c 'keys' "$T/classic/.ampli.json")"
OUT=$(cat "$T/out")
assert_contains "$OUT" "signed out: the run signs in again"
assert_contains "${OUT##*signed out}" "signed in as Bea B <bea@example.com>"
grep -qx "AMPLITUDE_API_KEY=0000000000000000000000000000aa02" "$APP/.env" || fail "/logout run .env: $(cat "$APP/.env")"
# /login as another account (the refresh refused, so the browser): the run goes on as that one
standin_config '{"refresh_reply": "invalid_grant", "user_id": "888", "email": "cleo@example.com", "first_name": "Cleo", "last_name": "C"}'
APP=$(new_app app-classic-relogin)
printf '/login\n\n2\ny\n' | AMPLI_WIZARD_CONFIG="$T/classic/.ampli.json" \
  "$WIZ_BIN" setup --classic --skip-install --install-dir "$APP" >"$T/out" 2>"$T/err" \
  || fail "classic /login run failed: $(cat "$T/out" "$T/err")"
OUT=$(cat "$T/out")
AFTER=${OUT##*Signed in again through the browser}
[ "$AFTER" != "$OUT" ] || fail "/login did not sign in through the browser: $OUT"
# the run signs in again after the prompt: its own header names Cleo too, and nobody else
[ "$(grep -c "signed in as Cleo C <cleo@example.com>" <<<"$AFTER")" -ge 2 ] || fail "/login: the run did not go on as Cleo: $(jq -c "map_values(.OAuthExpiresAt)" "$T/classic/.ampli.json")"
assert_not_contains "$AFTER" "bea@example.com"
standin_config '{"refresh_reply": "ok", "user_id": "12345", "email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace"}'
standin_config '{"refresh_reply": "ok"}'

# ---- agent: a recorded full setup, validated line by line ----
mkdir -m 700 "$T/agent"
APP=$(new_app app-agent)
start_counting "$T/agent"
set +e
printf '{"appId":"102"}\n' | AMPLI_WIZARD_CONFIG="$T/agent/.ampli.json" \
  "$WIZ_BIN" setup --agent --skip-install --install-dir "$APP" >"$T/rec.ndjson" 2>"$T/err"
rc=$?
set -e
[ "$rc" -eq 0 ] || fail "agent setup exited $rc: $(cat "$T/err")"
stop_counting
[ "$WRITES" -eq 1 ] || fail "agent: $WRITES store writes, wanted one bundled write"
check_persisted "$T/agent/.ampli.json"
validate "$T/rec.ndjson"
REC=$(cat "$T/rec.ndjson")
assert_contains "$REC" '"type":"prompt"'
assert_contains "$REC" '"promptType":"open_url","url":"http://127.0.0.1:'
assert_contains "$REC" '"type":"session_state","message":"login_url"'
assert_contains "$REC" '"kind":"header","user":"'
assert_contains "$REC" '"type":"needs_input"'
assert_contains "$REC" '"resumeFlags":["--app-id","102"]'
# Amplitude's ordering: setup_context, then each planned change before it is applied,
# setup_complete (files, env var names) just before run_completed, which is last
jq -se '
  def idx(f): [.[] | f] | index(true);
  (idx(.data.event == "setup_context")) as $ctx |
  (idx(.data.event == "file_change_planned" and .data.path == ".env")) as $pl |
  (idx(.data.event == "file_change_applied" and .data.path == ".env")) as $ap |
  (idx(.data.event == "setup_complete")) as $done |
  $ctx != null and $pl != null and $ap != null and $done != null and $ctx < $pl and $pl < $ap and $ap < $done and
  $done == length - 2 and .[-1].data.event == "run_completed" and .[-1].data.outcome == "success" and
  .[0].data.event == "start_run" and
  ([.[] | select(.data.event == "setup_context")][0].data.amplitude.appId == "102") and
  ([.[] | select(.data.event == "setup_complete")][0].data |
     (.files.written | index(".env")) != null and .envVars.added == ["AMPLITUDE_API_KEY"] and
     .amplitude.appId == "102" and (.undoCommand[1] == "undo"))' "$T/rec.ndjson" >/dev/null \
  || fail "agent events out of Amplitude's order or shape: $REC"
assert_contains "$REC" '"kind":"spinner","state":"stop"'
assert_not_contains "$REC" '0000000000000000000000000000aa02' # the key never goes into an event
grep -qx "AMPLITUDE_API_KEY=0000000000000000000000000000aa02" "$APP/.env" || fail "agent .env: $(cat "$APP/.env")"
# a later run of the same project: already set up, still NDJSON only
printf '' | AMPLI_WIZARD_CONFIG="$T/agent/.ampli.json" "$WIZ_BIN" setup --agent --app-id 102 --install-dir "$APP" \
  >"$T/again.ndjson" 2>"$T/err" || fail "agent re-run: $(cat "$T/err")"
validate "$T/again.ndjson"
assert_contains "$(cat "$T/again.ndjson")" "already set up"

# ---- nothing detected: agent asks for --framework (exit 12; the manual steps are a choice),
# CI prints the manual steps and names what was tried (exit 10) ----
mkdir -p "$T/empty"
export AMPLI_WIZARD_CONFIG="$T/agent/.ampli.json"
expect_rc 12 "$WIZ_BIN" setup --agent --install-dir "$T/empty" </dev/null
printf '%s\n' "$OUT" >"$T/nodetect.ndjson"
validate "$T/nodetect.ndjson"
printf '%s\n' "$OUT" | jq -se '[.[] | select(.type == "needs_input")][0].data |
  .code == "framework_disambiguation" and .manualEntry.flag == "--framework" and
  ([.choices[] | select(.value == "ui-probe" and .resumeFlags == ["--framework", "ui-probe"])] | length) == 1 and
  ([.choices[] | select(.value == "generic" and .resumeFlags == ["--framework", "generic"])] | length) == 1' >/dev/null \
  || fail "no needs_input naming --framework with the installed frameworks: $OUT"
assert_contains "$OUT" '"code":"input_required","exitCode":12,"recoverable":"reinvoke_with_flag"'
expect_rc 10 "$WIZ_BIN" setup --ci --install-dir "$T/empty"
assert_contains "$OUT$ERR" "neither a JavaScript nor a Python project"
assert_contains "$ERR" "tried: "
assert_contains "$ERR" "ui-probe"
assert_contains "$ERR" "--framework"

# ---- read-only commands in agent mode: NDJSON only, the --json data in a result ----
APP=$(new_app app-ro)
for cmd in "whoami" "auth status" "plugins list" "detect --install-dir $APP" "logout --zone eu"; do
  # shellcheck disable=SC2086
  expect_rc 0 "$WIZ_BIN" $cmd --json --ci
  JSON=$OUT
  # whoami --json is already Amplitude's one envelope line: compare its data
  [ "$cmd" = whoami ] && JSON=$(printf '%s' "$OUT" | jq -c '.data | del(.event)')
  # shellcheck disable=SC2086
  expect_rc 0 "$WIZ_BIN" $cmd --agent
  printf '%s\n' "$OUT" >"$T/ro.ndjson"
  validate "$T/ro.ndjson"
  [ "$(printf '%s\n' "$OUT" | jq -sc '[.[] | select(.type == "result")] | length')" -eq 1 ] || fail "$cmd --agent: $OUT"
  # the result's data: the --json object's members (a list: under the command's name) plus data.event
  printf '%s\n' "$OUT" | jq -se --argjson want "$JSON" '[.[] | select(.type == "result")][0].data | del(.event) |
    if ($want | type) == "object" then . == $want else .plugins == $want end' >/dev/null \
    || fail "$cmd --agent: the result is not what --json prints ($JSON): $OUT"
done
# the access token never goes into the agent stream
expect_rc 2 "$WIZ_BIN" auth token --agent
assert_contains "$OUT" '"code":"invalid_arguments"'
assert_not_contains "$OUT" "SECRET"
echo "ui wiring ok"
