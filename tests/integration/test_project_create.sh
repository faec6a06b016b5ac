#!/usr/bin/env bash
# Project creation: an organization without projects is said plainly (exit 12, naming
# --app-name); --app-name NAME creates the project through the App API (access token,
# Idempotency-Key) and the plugin gets its key; a taken name exits 11; with several
# organizations --org says where.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
lock_callback_ports
start_standin
mkdir -m 700 "$T/plugins"
cat >"$T/plugins/probe.lua" <<'LUA'
return {
  name = "create-probe", version = "1.0.0", abi = "1.1", frameworks = { "create-probe" }, priority = 100,
  detect = function(s) if s:exists("probe.marker") then return "create-probe", "marker" end end,
  plan = function(s) s:env(".env", "AMPLITUDE_API_KEY", s:get("api_key")); s:env(".env", "APP", s:get("app_id")) end,
}
LUA
chmod 600 "$T/plugins/probe.lua"
export AMPLI_WIZARD_PLUGIN_PATH="$T/plugins"
newapp() { rm -rf "$1"; mkdir -p "$1"; touch "$1/probe.marker"; }
APP="$T/app"; newapp "$APP"
BROWSER="$FOLLOW_BROWSER" expect_rc 0 "$WIZ_BIN" login --ci
standin_config '{"orgs": [{"id": "o1", "name": "Fresh Org", "workspaces": []}]}'

expect_rc 12 "$WIZ_BIN" setup --ci --skip-install --install-dir "$APP"
assert_contains "$ERR" "Fresh Org has no projects yet"
assert_contains "$ERR" "--app-name"
[ ! -e "$APP/.env" ] || fail "wrote a key without a project"

# a dry run creates nothing, on the server either: it says what would be created
expect_rc 0 "$WIZ_BIN" setup --ci --skip-install --install-dir "$APP" --app-name "My Shop" --dry-run
assert_contains "$OUT$ERR" "dry run: the Amplitude project 'My Shop' would be created in Fresh Org; nothing was created"
[ "$(count_requests POST /wizard/projects)" -eq 0 ] || fail "--dry-run created a project on the server"
[ ! -e "$APP/.env" ] || fail "--dry-run wrote into the project"
expect_rc 0 "$WIZ_BIN" setup --ci --skip-install --install-dir "$APP" --app-name "My Shop"
assert_contains "$OUT$ERR" "Created Amplitude project: Fresh Org / My Shop"
KEY=$(curl -sS "$STANDIN_URL/__stand-in/orgs" | jq -r '.[0].workspaces[] | select(.name == "My Shop") | .environments[0].app.apiKey')
[ -n "$KEY" ] && [ "$KEY" != null ] || fail "the stand-in has no such project"
grep -qx "AMPLITUDE_API_KEY=$KEY" "$APP/.env" || fail "the new project's key did not reach the plugin: $(cat "$APP/.env")"
standin_requests | jq -e '[.[] | select(.path == "/wizard/projects")][0] |
  (.headers["Idempotency-Key"] // .headers["idempotency-key"] | length) > 0 and
  .json.orgId == "o1" and .json.name == "My Shop"' >/dev/null || fail "bad creation request: $(standin_requests | jq -c '[.[] | select(.path == "/wizard/projects")]')"

newapp "$APP"
expect_rc 11 "$WIZ_BIN" setup --ci --skip-install --install-dir "$APP" --app-name "my shop"
assert_contains "$ERR" "already exists"

standin_config '{"orgs": [{"id": "o1", "name": "A", "workspaces": []}, {"id": "o2", "name": "B", "workspaces": []}]}'
expect_rc 12 "$WIZ_BIN" setup --ci --skip-install --install-dir "$APP" --app-name X
assert_contains "$ERR" "--org"
expect_rc 0 "$WIZ_BIN" setup --ci --skip-install --install-dir "$APP" --app-name X --org B
assert_contains "$OUT$ERR" "Created Amplitude project: B / X"
expect_rc 2 "$WIZ_BIN" setup --ci --skip-install --install-dir "$APP" --app-name X --api-key 0123456789abcdef0123456789abcdef

# interactive (classic over a pipe): the picker's last choice creates a project, asking its
# name and, with several organizations, which one
standin_config '{"orgs": [{"id": "o1", "name": "A", "workspaces": [{"id": "p1", "name": "Web", "environments": [
  {"name": "Production", "rank": 1, "app": {"id": 101, "apiKey": "0000000000000000000000000000aa01"}},
  {"name": "Development", "rank": 2, "app": {"id": 102, "apiKey": "0000000000000000000000000000aa02"}}]}]},
  {"id": "o2", "name": "B", "workspaces": []}]}'
newapp "$APP"
printf '\n3\nMobile App\n2\ny\n' | "$WIZ_BIN" setup --classic --skip-install --install-dir "$APP" >"$T/out" 2>"$T/err" ||
  fail "classic create failed: $(cat "$T/out" "$T/err")"
OUT=$(cat "$T/out")
assert_contains "$OUT" "   3) Create a new Amplitude project"
assert_contains "$OUT" "Name of the new Amplitude project"
assert_contains "$OUT" "Which organization gets the new project?"
assert_contains "$OUT$(cat "$T/err")" "Created Amplitude project: B / Mobile App"
KEY=$(curl -sS "$STANDIN_URL/__stand-in/orgs" | jq -r '.[] | select(.id == "o2") | .workspaces[] | select(.name == "Mobile App") | .environments[0].app.apiKey')
grep -qx "AMPLITUDE_API_KEY=$KEY" "$APP/.env" || fail "the created project's key: $(cat "$APP/.env") (want $KEY)"
# an organization without projects: the name is asked at once
standin_config '{"orgs": [{"id": "o1", "name": "Fresh Org", "workspaces": []}]}'
newapp "$APP"
printf '\nFirst\ny\n' | "$WIZ_BIN" setup --classic --skip-install --install-dir "$APP" >"$T/out" 2>"$T/err" ||
  fail "classic create in an empty org failed: $(cat "$T/out" "$T/err")"
assert_contains "$(cat "$T/out")" "Fresh Org has no projects yet"
assert_contains "$(cat "$T/out" "$T/err")" "Created Amplitude project: Fresh Org / First"
# an empty name creates nothing
standin_config '{"orgs": [{"id": "o1", "name": "Fresh Org", "workspaces": []}]}'
newapp "$APP"
printf '\n\n' | "$WIZ_BIN" setup --classic --skip-install --install-dir "$APP" >"$T/out" 2>"$T/err" && fail "an empty name went on: $(cat "$T/out" "$T/err")"
[ ! -e "$APP/.env" ] || fail "wrote a key without a name"
echo ok
