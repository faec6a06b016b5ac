# setup's sign-in and key choice: browser login in --ci when $BROWSER is set, the only
# environment with a key silently, CI's lowest rank, --app-id, name filters, agent
# asking for --app-id, no visible keys (exit 3), and --api-key without any OAuth.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
lock_callback_ports

start_standin
# A throw-away plugin that claims the test app and writes what setup handed it to .env,
# so the test sees the chosen key arrive at the plugin.
mkdir -m 700 "$T/plugins"
cat >"$T/plugins/auth_select_probe.lua" <<'LUA'
return {
  name = "auth-select-probe", version = "1.0.0", abi = "1.1",
  frameworks = { "auth-select-probe" }, priority = 100,
  detect = function(s)
    if s:exists("auth-select-probe.marker") then return "auth-select-probe", "marker" end
  end,
  plan = function(s)
    s:env(".env", "AMPLITUDE_API_KEY", s:get("api_key"))
    s:env(".env", "AMPLITUDE_SERVER_URL", s:get("ingest_url"))
    local app = s:get("app_id")
    if app then s:env(".env", "AMPLITUDE_APP_ID", app) end
  end,
}
LUA
chmod 600 "$T/plugins/auth_select_probe.lua"
export AMPLI_WIZARD_PLUGIN_PATH="$T/plugins"
APP="$T/app"
mkdir -p "$APP"
touch "$APP/auth-select-probe.marker"
setup() { rm -f "$APP/.env"; "$WIZ_BIN" setup --install-dir "$APP" --skip-install "$@"; }
env_has() { grep -qx "$1" "$APP/.env" || fail "$APP/.env lacks '$1': $(cat "$APP/.env" 2>/dev/null)"; }

# no session, --ci, BROWSER set: browser login, then the only environment, silently
BROWSER="$FOLLOW_BROWSER" expect_rc 0 setup --ci
assert_contains "$OUT$ERR" "Using Amplitude project: Stand-in Org / Stand-in Project / Production (app 100001)"
env_has "AMPLITUDE_API_KEY=$(curl -sS "$STANDIN_URL/__stand-in/config" | jq -r '.orgs[0].workspaces[0].environments[0].app.apiKey')"
env_has "AMPLITUDE_SERVER_URL=$STANDIN_URL/2/httpapi"
env_has "AMPLITUDE_APP_ID=100001"
[ "$(count_requests GET /oauth2/auth)" -eq 1 ] || fail "setup --ci did not sign in through \$BROWSER"
[ "$(stored '."User-12345".User.id')" = 12345 ] || fail "setup's login was not stored"
# single candidate in agent mode: still no question
expect_rc 0 setup --agent
assert_contains "$OUT$ERR" "(app 100001)"

standin_config '{"orgs": [
  {"id": "o1", "name": "Acme", "workspaces": [
    {"id": "p1", "name": "Shop", "environments": [
      {"name": "Development", "rank": 2, "app": {"id": 102, "apiKey": "0000000000000000000000000000aa02"}},
      {"name": "Hidden", "rank": 0, "app": {"id": 100, "apiKey": null}},
      {"name": "Production", "rank": 1, "app": {"id": 101, "apiKey": "0000000000000000000000000000aa01"}}]},
    {"id": "p2", "name": "Blog", "environments": [
      {"name": "Production", "rank": 1, "app": {"id": 201, "apiKey": "0000000000000000000000000000aa03"}}]}]}]}'

# --ci: the lowest rank that has a key (rank 0 has none)
expect_rc 0 setup --ci
# CI says which one it took, out of how many, and the flag that picks another
assert_contains "$OUT$ERR" "(the recommended one of 3; pass --app-id to choose another)"
assert_contains "$OUT$ERR" "Using Amplitude project: Acme / Shop / Production (app 101)"
env_has "AMPLITUDE_API_KEY=0000000000000000000000000000aa01"
# --app-id wins
expect_rc 0 setup --ci --app-id 102
assert_contains "$OUT$ERR" "Acme / Shop / Development (app 102)"
env_has "AMPLITUDE_API_KEY=0000000000000000000000000000aa02"
# name filters
expect_rc 0 setup --ci --project Blog
assert_contains "$OUT$ERR" "Acme / Blog / Production (app 201)"
expect_rc 0 setup --agent --project shop --env development
assert_contains "$OUT$ERR" "(app 102)"
expect_rc 2 setup --ci --org Nope
assert_contains "$OUT$ERR" "--org Nope"
expect_rc 2 setup --ci --app-id 999
# agent mode, several candidates, no answer: the recommended (lowest rank), as Amplitude's
# wizard does, with decision_auto and setup_context saying so
expect_rc 0 setup --agent </dev/null
assert_contains "$OUT" '"code":"environment_selection","decisionId":"dec_001","value":"101","reason":"back_compat"'
assert_contains "$OUT" '"sources":{"appId":"recommended"},"requiresConfirmation":true'
env_has "AMPLITUDE_API_KEY=0000000000000000000000000000aa01"
# an answer in Amplitude's form
expect_rc 0 setup --agent <<<'{"appId":"201"}'
assert_contains "$OUT$ERR" "(app 201)"
env_has "AMPLITUDE_API_KEY=0000000000000000000000000000aa03"
# --confirm-app (and Amplitude's AMPLITUDE_WIZARD_CONFIRM_APP): no guess, exit 12 naming --app-id
expect_rc 12 setup --agent --confirm-app </dev/null
assert_contains "$OUT$ERR" "--app-id"
AMPLITUDE_WIZARD_CONFIRM_APP=1 expect_rc 12 setup --agent </dev/null
# a selector that matches nothing: exit 2, never a guess
expect_rc 2 setup --agent <<<'{"appId":"999"}'
assert_contains "$OUT" '"code":"invalid_answer"'
# the key of an environment the user may not see
expect_rc 3 setup --ci --app-id 100
assert_contains "$OUT$ERR" "only organization admins can see API keys"

# no visible key anywhere: exit 3 with the admin hint
standin_config '{"orgs": [{"id": "o1", "name": "Acme", "workspaces": [{"id": "p1", "name": "Shop",
  "environments": [{"name": "Production", "rank": 1, "app": {"id": 101, "apiKey": null}}]}]}]}'
expect_rc 3 setup --ci
assert_contains "$OUT$ERR" "only organization admins can see API keys"

# --api-key and AMPLITUDE_WIZARD_API_KEY: no OAuth, no user fetch, no session needed
export AMPLI_WIZARD_CONFIG="$T/empty.json"
before=$(standin_requests | jq '[.[] | select(.path | startswith("/oauth2") or . == "/graphql")] | length')
expect_rc 0 setup --ci --api-key 0123456789abcdef0123456789abcdef
env_has "AMPLITUDE_API_KEY=0123456789abcdef0123456789abcdef"
AMPLITUDE_WIZARD_API_KEY=0123456789abcdef0123456789abcdef expect_rc 0 setup --agent
after=$(standin_requests | jq '[.[] | select(.path | startswith("/oauth2") or . == "/graphql")] | length')
[ "$before" -eq "$after" ] || fail "--api-key still talked to the OAuth / user services"
[ ! -s "$AMPLI_WIZARD_CONFIG" ] || fail "--api-key wrote credentials"
expect_rc 2 setup --ci --api-key k --signup --email a@b.c

# setup --ci --signup: account created, one bundled write, key chosen, plugin run
standin_config '{"orgs": [{"id": "o1", "name": "Acme", "workspaces": [{"id": "p1", "name": "Shop",
  "environments": [{"name": "Production", "rank": 1, "app": {"id": 101, "apiKey": "0000000000000000000000000000aa04"}}]}]}]}'
export AMPLI_WIZARD_CONFIG="$T/signup.json"
expect_rc 0 setup --ci --signup --email ada@example.com --full-name "Ada L" --accept-tos
env_has "AMPLITUDE_API_KEY=0000000000000000000000000000aa04"
[ "$(stored '."User-12345".User.email')" = ada@example.com ] || fail "setup --signup did not store the user"
[ "$(count_requests POST /t/agentic/signup/v1)" -eq 1 ] || fail "setup --signup did not sign up"
echo ok
