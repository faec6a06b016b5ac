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
assert_contains "$OUT" "Please answer with a number from 1 to 2"
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
echo ok
