#!/usr/bin/env bash
# A setup that will fail in the plugin fails before the sign-in (issue 17 item 4): the plan
# is rehearsed with a placeholder key first, so a plugin error or a refused project never
# comes after the browser and the project picker. A plugin whose plan asks a question
# cannot be judged that way (the answer is made up): the sign-in goes ahead, and its
# real plan (with the real answer) decides.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
lock_callback_ports
start_standin
export BROWSER="$FOLLOW_BROWSER"
mkdir -m 700 "$T/plugins"
cat >"$T/plugins/broken.lua" <<'LUA'
return {
  name = "broken", version = "1.0.0", abi = "1.1", frameworks = { "broken" }, priority = 100,
  detect = function(s) if s:exists("broken.marker") then return "broken", "marker" end end,
  plan = function(s)
    s:progress("looking at the project")
    if s:exists("asks.marker") then
      local a = s:ask("Which entry file?", nil)
      if a ~= "main.js" then error("no entry file " .. a) end
    end
    if s:exists("fails.marker") then error("this project layout is not supported") end
    s:env(".env", "AMPLITUDE_API_KEY", s:get("api_key"))
  end,
}
LUA
chmod 600 "$T/plugins/broken.lua"
export AMPLI_WIZARD_PLUGIN_PATH="$T/plugins"
P="$T/app"; mkdir -p "$P"; touch "$P/broken.marker" "$P/fails.marker"

# nothing stored: the failure comes first, no browser opened, no account fetched, nothing written
expect_rc 10 "$WIZ_BIN" setup --ci --skip-install --install-dir "$P"
assert_contains "$ERR" "this project layout is not supported"
[ "$(count_requests GET /oauth2/auth)" -eq 0 ] || fail "a browser sign-in started before the plugin failure"
[ "$(count_requests POST /graphql)" -eq 0 ] || fail "the account was fetched before the plugin failure"
[ ! -e "$AMPLI_WIZARD_CONFIG" ] || fail "a session was stored for a setup that could not work"
[ ! -e "$P/.env" ] || fail "the rehearsal wrote into the project"
assert_not_contains "$OUT$ERR" "looking at the project"   # the rehearsal shows nothing

# the same project without the failure: the rehearsal passes, then sign-in, plan, apply
rm "$P/fails.marker"
expect_rc 0 "$WIZ_BIN" setup --ci --skip-install --install-dir "$P"
[ "$(count_requests GET /oauth2/auth)" -eq 1 ] || fail "no sign-in after a passing rehearsal"
grep -q '^AMPLITUDE_API_KEY=[0-9a-f]\{32\}$' "$P/.env" || fail "setup did not write the real key: $(cat "$P/.env")"
grep -q '0\{32\}' "$P/.env" && fail "the rehearsal's placeholder key reached the project"
[ "$(printf '%s\n' "$OUT$ERR" | grep -c 'looking at the project')" -eq 1 ] || fail "the plugin's progress was not shown once"

# a plan that asks: not judged before sign-in (the made-up answer proves nothing); in CI
# the real question has no answer, and that is the error, after the sign-in
P2="$T/app2"; mkdir -p "$P2"; touch "$P2/broken.marker" "$P2/asks.marker"
expect_rc 12 "$WIZ_BIN" setup --ci --skip-install --install-dir "$P2"
assert_contains "$ERR" "Which entry file?"
assert_not_contains "$ERR" "no entry file"
echo "fail before sign-in: ok"
