#!/usr/bin/env bash
# Values from a server are checked where they enter: an API key with a CR (dotenv parsers
# split on it) or a quote never reaches an env file; org and project names with escape
# sequences reach the terminal and CI logs as '?'; a key given by flag is checked too.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
lock_callback_ports
start_standin
mkdir -m 700 "$T/plugins"
cat >"$T/plugins/probe.lua" <<'LUA'
return {
  name = "values-probe", version = "1.0.0", abi = "1.1", frameworks = { "values-probe" }, priority = 100,
  detect = function(s) if s:exists("probe.marker") then return "values-probe", "marker" end end,
  plan = function(s) s:env(".env", "AMPLITUDE_API_KEY", s:get("api_key")) end,
}
LUA
chmod 600 "$T/plugins/probe.lua"
export AMPLI_WIZARD_PLUGIN_PATH="$T/plugins"
APP="$T/app"; mkdir -p "$APP"; touch "$APP/probe.marker"
BROWSER="$FOLLOW_BROWSER" expect_rc 0 "$WIZ_BIN" login --ci

# a key with a CR and a second variable, in an org whose name moves the cursor and retitles the window
standin_config '{"orgs": [
  {"id": "o1", "name": "Evil\u001b]0;pwned\u0007\u001b[2J Org", "workspaces": [
    {"id": "p1", "name": "Shop\r\nFAKE LINE", "environments": [
      {"name": "Production", "rank": 1, "app": {"id": 101, "apiKey": "abc\rEVIL=1"}},
      {"name": "Development", "rank": 2, "app": {"id": 102, "apiKey": "key\"; rm -rf ~; \""}},
      {"name": "Other", "rank": 3, "app": {"id": 104, "apiKey": "plain-but-not-an-amplitude-key"}}]}]}]}'
expect_rc 3 "$WIZ_BIN" setup --ci --skip-install --install-dir "$APP"
assert_contains "$OUT$ERR" "ignored the API key"
[ ! -e "$APP/.env" ] || fail "a bad key reached .env: $(cat -A "$APP/.env")"
! printf '%s' "$OUT$ERR" | grep -q $'\x1b' || fail "an escape sequence reached the output: $(printf '%s' "$OUT$ERR" | cat -A | head -5)"

# one good key beside them: chosen, and the names shown are cleaned
standin_config '{"orgs": [
  {"id": "o1", "name": "Evil\u001b]0;pwned\u0007 Org", "workspaces": [
    {"id": "p1", "name": "Shop\r\nFAKE LINE", "environments": [
      {"name": "Production", "rank": 1, "app": {"id": 101, "apiKey": "abc\rEVIL=1"}},
      {"name": "Staging", "rank": 2, "app": {"id": 103, "apiKey": "0123456789abcdef0123456789abcdef"}}]}]}]}'
expect_rc 0 "$WIZ_BIN" setup --ci --skip-install --install-dir "$APP"
grep -qx "AMPLITUDE_API_KEY=0123456789abcdef0123456789abcdef" "$APP/.env" || fail ".env: $(cat -A "$APP/.env")"
! grep -q EVIL "$APP/.env" || fail "EVIL reached .env"
! printf '%s' "$OUT$ERR" | grep -q $'\x1b' || fail "an escape sequence reached the output"
! printf '%s\n' "$OUT$ERR" | grep -q '^FAKE LINE' || fail "a server name started a line of its own"

# a key given by flag or environment is checked the same way
expect_rc 2 "$WIZ_BIN" setup --ci --skip-install --install-dir "$APP" --api-key $'k\rEVIL=1'
assert_contains "$ERR" "not an Amplitude API key"
AMPLITUDE_WIZARD_API_KEY='a b' expect_rc 2 "$WIZ_BIN" setup --ci --skip-install --install-dir "$APP"
echo ok
