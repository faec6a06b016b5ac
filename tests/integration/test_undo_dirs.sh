#!/usr/bin/env bash
# Directories a run creates for its new files are recorded in the ledger (before the
# write) and removed again by undo, by a rollback, and by undo after a crash, each only
# when empty; directories that existed before the run are never removed.
source "$(dirname "$0")/lib.sh"
W="$WIZ_BIN"
export NO_COLOR=1
mkdir -p "$T/builtin" "$T/p1"
chmod 755 "$T/builtin" "$T/p1"
cp "$WIZ_BUILD/test-plugins/c_basic.so" "$T/builtin/"
export AMPLI_WIZARD_BUILTIN_PLUGINS="$T/builtin" AMPLI_WIZARD_PLUGIN_PATH="$T/p1"
# a plugin that creates a file three new directories deep
cat >"$T/p1/deep.lua" <<'LUA'
return {
  name = "test-deep", version = "1.0.0", abi = "1.1", frameworks = { "test-deep" },
  detect = function(s) if s:exists("test-deep.marker") then return "test-deep", "marker" end end,
  plan = function(s)
    s:create("lib/amp/deep/client.js", "export const x = 1;\n", "new module")
    s:create("lib/amp/index.js", "export * from './deep/client.js';\n", "index")
  end,
}
LUA
chmod 644 "$T/p1/deep.lua"

newapp() { # newapp DIR: the test-basic project, no src/
  rm -rf "$1"; mkdir -p "$1"
  printf '{\n  "name": "app",\n  "dependencies": {\n    "express": "^4.19.0"\n  }\n}\n' >"$1/package.json"
  touch "$1/test-basic.marker" "$1/package-lock.json"
}
setup() { expect_rc "$1" "$W" setup --api-key K --ci --skip-install --install-dir "$2"; }

# --- setup creates src/, undo removes it ---
P="$T/app"; newapp "$P"
setup 0 "$P"
[ -f "$P/src/amplitude.js" ] || fail "setup did not create src/amplitude.js"
M="$(runs_of "$P")/$(newest_run "$P")/manifest"
grep -qx "dir src" "$M" || fail "ledger lacks the created dir: $(cat "$M")"
expect_rc 0 "$W" undo --install-dir "$P"
[ ! -e "$P/src" ] || fail "undo left the empty src/ the run created"
[ -f "$P/package.json" ] && [ -f "$P/test-basic.marker" ] || fail "undo removed a file it did not create"

# --- a directory that existed before the run stays, even empty ---
newapp "$P"; mkdir "$P/src"
setup 0 "$P"
M="$(runs_of "$P")/$(newest_run "$P")/manifest"
! grep -q "^dir " "$M" || fail "recorded a directory that already existed"
expect_rc 0 "$W" undo --install-dir "$P"
[ -d "$P/src" ] && [ ! -e "$P/src/amplitude.js" ] || fail "undo removed the user's (empty) src/"

# --- the user's files put in the new directory since: the directory stays with them ---
newapp "$P"
setup 0 "$P"
echo "mine" >"$P/src/notes.txt"
expect_rc 0 "$W" undo --install-dir "$P"
[ -f "$P/src/notes.txt" ] && [ ! -e "$P/src/amplitude.js" ] || fail "undo touched the user's file in src/"

# --- rollback after a failed verify removes the directory too ---
newapp "$P"; touch "$P/fail-verify"
setup 10 "$P"
assert_contains "$ERR" "deliberate verify failure"
[ ! -e "$P/src" ] || fail "rollback left the empty src/"
# --- and so does a write failing mid-apply ---
newapp "$P"
AMPLI_WIZARD_TEST_FAIL_AFTER=3 expect_rc 1 "$W" setup --api-key K --ci --skip-install --install-dir "$P"
assert_contains "$ERR$OUT" "rolled back"
[ ! -e "$P/src" ] || fail "mid-apply rollback left the empty src/"

# --- a crash after every write, then undo from the ledger ---
newapp "$P"
set +e; AMPLI_WIZARD_TEST_CRASH_AFTER=4 "$W" setup --api-key K --ci --skip-install --install-dir "$P" >/dev/null 2>&1; rc=$?; set -e
[ "$rc" = 70 ] || fail "crash hook did not fire ($rc)"
[ -f "$P/src/amplitude.js" ] || fail "the crash came before src/amplitude.js was written"
expect_rc 0 "$W" undo --install-dir "$P"
[ ! -e "$P/src" ] || fail "undo after a crash left the empty src/"

# --- nested: every level the run created goes, deepest first ---
D="$T/deep"; mkdir -p "$D/lib"; touch "$D/test-deep.marker"
expect_rc 0 "$W" setup --api-key K --ci --skip-install --install-dir "$D"
[ -f "$D/lib/amp/deep/client.js" ] && [ -f "$D/lib/amp/index.js" ] || fail "deep plugin did not write"
M="$(runs_of "$D")/$(newest_run "$D")/manifest"
[ "$(grep '^dir ' "$M")" = "$(printf 'dir lib/amp\ndir lib/amp/deep')" ] \
  || fail "dirs recorded: $(grep '^dir ' "$M")"
expect_rc 0 "$W" undo --install-dir "$D"
[ ! -e "$D/lib/amp" ] || fail "undo left lib/amp: $(find "$D/lib")"
[ -d "$D/lib" ] || fail "undo removed lib/, which existed before the run"
echo ok
