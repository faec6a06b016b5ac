#!/usr/bin/env bash
# No plugin recognises the project: a person is asked which framework it uses (classic
# mode through a pipe, the answers on stdin), and the chosen plugin plans and applies.
# A wrong number is asked again; no answer at all exits 12 naming --framework and
# writes nothing; declining the plan writes nothing; --ci stays exit 2.
source "$(dirname "$0")/lib.sh"
W="$WIZ_BIN"
export NO_COLOR=1
mkdir -p "$T/builtin" "$T/p1"
chmod 755 "$T/builtin" "$T/p1"
cp "$WIZ_BUILD/test-plugins/c_basic.so" "$T/builtin/"                  # test-basic
cp "$WIZ_TEST_SRC/tests/plugins/lua/lua_basic.lua" "$T/p1/"           # test-lua
export AMPLI_WIZARD_BUILTIN_PLUGINS="$T/builtin" AMPLI_WIZARD_PLUGIN_PATH="$T/p1"

newapp() { rm -rf "$1"; mkdir -p "$1"; printf '{\n  "name": "app"\n}\n' >"$1/package.json"; }
classic() { # classic ANSWERS RC DIR
  set +e
  printf "$1" | "$W" setup --classic --skip-install --api-key KEY-9 --install-dir "$3" >"$T/out" 2>"$T/err"
  local rc=$?
  set -e
  OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
  [ "$rc" -eq "$2" ] || { echo "stdout: $OUT" >&2; echo "stderr: $ERR" >&2; fail "classic setup exited $rc, wanted $2"; }
}
untouched() { # untouched DIR: the project is as newapp made it
  [ "$(ls -A "$1")" = package.json ] || fail "$1 changed: $(ls -A "$1")"
  [ "$(cat "$1/package.json")" = "$(printf '{\n  "name": "app"\n}')" ] || fail "package.json changed"
}

P="$T/app"; newapp "$P"
expect_rc 2 "$W" detect --ci --install-dir "$P"
assert_contains "$ERR" "could not tell which framework"

# --- the question lists every framework tried; the second is picked, then y to apply ---
classic '2\ny\n' 0 "$P"
assert_contains "$OUT" "No plugin recognised $P (tried: test-basic, test-lua). Which framework does this project use?"
assert_contains "$OUT" "1) test-basic"
assert_contains "$OUT" "2) test-lua"
assert_contains "$OUT" "3) none of these: show the manual steps"
assert_contains "$OUT" "Planning the test-lua integration"
assert_contains "$OUT" "Amplitude is set up for test-lua"
grep -qx 'VITE_AMPLITUDE_API_KEY=KEY-9' "$P/.env.local" || fail "test-lua did not write its env file"
grep -q '"@amplitude/analytics-browser": "\^2.11.0"' "$P/package.json" || fail "test-lua dependency missing"
[ ! -e "$P/src/amplitude.js" ] && [ ! -e "$P/.env" ] || fail "the plugin not chosen ran too"
# the run is recorded under the chosen framework, and undo puts everything back
M="$(runs_of "$P")/$(newest_run "$P")/manifest"
grep -qx 'framework test-lua' "$M" || fail "ledger: $(cat "$M")"
expect_rc 0 "$W" undo --install-dir "$P"
[ ! -e "$P/.env.local" ] && ! grep -q analytics "$P/package.json" || fail "undo incomplete"

# --- an answer out of range is asked again; then the first framework ---
newapp "$P"
classic '9\n1\ny\n' 0 "$P"
assert_contains "$OUT" "Please answer with a number from 1 to 3"
assert_contains "$OUT" "Amplitude is set up for test-basic"
[ -f "$P/src/amplitude.js" ] && grep -qx 'AMPLITUDE_API_KEY=KEY-9' "$P/.env" || fail "test-basic did not apply"

# --- no answer at all (stdin at its end): exit 12 naming --framework, nothing written ---
newapp "$P"
classic '' 12 "$P"
assert_contains "$ERR" "pass --framework"
untouched "$P"

# --- a framework picked, the plan declined: nothing written ---
classic '2\nn\n' 130 "$P"
assert_contains "$OUT" "Apply these changes?"
untouched "$P"
# --- a monorepo: nothing at the root, but sub-projects a plugin claims. CI and detect name
# them with the --install-dir to pass; classic offers them and sets up the one chosen ---
M="$T/mono"; rm -rf "$M"; mkdir -p "$M/apps/web" "$M/services/api" "$M/node_modules/x"
printf '{\n  "name": "mono",\n  "private": true\n}\n' >"$M/package.json"
printf '{\n  "name": "web"\n}\n' >"$M/apps/web/package.json"; touch "$M/apps/web/test-lua.marker"
printf '{\n  "name": "api"\n}\n' >"$M/services/api/package.json"; touch "$M/services/api/test-basic.marker"
printf '{\n  "name": "x"\n}\n' >"$M/node_modules/x/package.json"; touch "$M/node_modules/x/test-basic.marker"
expect_rc 2 "$W" detect --ci --install-dir "$M"
assert_contains "$ERR" "its sub-projects: apps/web (test-lua), services/api (test-basic)"
assert_contains "$ERR" "pass --install-dir $M/apps/web"
assert_not_contains "$ERR" "node_modules"
expect_rc 2 "$W" setup --ci --skip-install --api-key KEY-9 --install-dir "$M"
assert_contains "$ERR" "--install-dir $M/apps/web"
[ ! -e "$M/.env.local" ] && [ ! -e "$M/apps/web/.env.local" ] || fail "CI wrote without a choice"
classic '2\ny\n' 0 "$M"
assert_contains "$OUT" "holds several projects (apps/web (test-lua), services/api (test-basic)): which one gets Amplitude?"
assert_contains "$OUT" "Amplitude is set up for test-basic"
assert_contains "$OUT" "ampli-wizard undo --install-dir $M/services/api"
[ -n "$(ls -A "$M/services/api" | grep -v test-basic.marker | grep -v package.json)" ] || fail "nothing written in services/api"
[ "$(ls -A "$M")" = "$(printf 'apps\nnode_modules\npackage.json\nservices')" ] || fail "the monorepo root changed: $(ls -A "$M")"
echo ok
