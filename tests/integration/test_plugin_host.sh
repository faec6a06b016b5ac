#!/usr/bin/env bash
# Plugin host end to end with test plugins: discovery order, refusals, ABI checks, setup
# (dry run, apply, second run, undo, rollback, crash + undo), env-file git rules.
source "$(dirname "$0")/lib.sh"
TP="$WIZ_BUILD/test-plugins"; LP="$WIZ_TEST_SRC/tests/plugins/lua"
W="$WIZ_BIN"
export NO_COLOR=1
mkdir -p "$T/builtin" "$T/p1" "$T/p2" "$HOME/.local/share/ampli-wizard/plugins"
chmod 755 "$T/builtin" "$T/p1" "$T/p2"
export AMPLI_WIZARD_BUILTIN_PLUGINS="$T/builtin"
export AMPLI_WIZARD_PLUGIN_PATH="$T/p1:$T/p2"
git_() { git -c user.email=t@example.com -c user.name=t "$@"; }

# --- discovery order, shadowing, refusals, ABI ---
cp "$TP/c_basic.so" "$T/builtin/"
cp "$TP/c_basic.so" "$T/p1/basic-copy.so"            # same framework id: shadowed
cp "$TP/c_old.so" "$TP/c_future.so" "$T/p1/"
cp "$LP/future.lua" "$T/p2/"
cp "$LP/lua_basic.lua" "$HOME/.local/share/ampli-wizard/plugins/"
cp "$LP/hostile.lua" "$T/p2/"; chmod 666 "$T/p2/hostile.lua"   # writable by others: refused
expect_rc 0 "$W" plugins list --ci
assert_contains "$OUT" "shadowed by $T/builtin/c_basic.so"
assert_contains "$OUT" "needs plugin ABI 1.99, this ampli-wizard provides 1.3"   # C, refused before any call
assert_contains "$ERR$OUT" "writable by group or others"
assert_contains "$OUT" "test-lua"
# order: built-in, then the path dirs in order, then the user dir
b=$(grep -n "$T/builtin/c_basic.so" <<<"$OUT" | head -1 | cut -d: -f1)
p=$(grep -n "$T/p1/basic-copy.so" <<<"$OUT" | head -1 | cut -d: -f1)
u=$(grep -n "ampli-wizard/plugins/lua_basic.lua" <<<"$OUT" | head -1 | cut -d: -f1)
[ "$b" -lt "$p" ] && [ "$p" -lt "$u" ] || fail "discovery order wrong: $OUT"
expect_rc 0 "$W" plugins list --json --ci
assert_contains "$OUT" '"status":"refused"'
assert_contains "$OUT" '"abi":"1.0"'        # the plugin built against the older, smaller table
chmod 644 "$T/p2/hostile.lua"
chmod 775 "$T/p2"                             # a group-writable dir is refused whole
expect_rc 0 "$W" plugins list --ci
assert_contains "$ERR$OUT" "$T/p2 is writable by group or others"
assert_not_contains "$OUT" "hostile.lua"
chmod 755 "$T/p2"
rm -f "$T/p2/hostile.lua" "$T/p2/future.lua"

# --- the older-ABI plugin works through the newer table ---
P="$T/old"; mkdir -p "$P"; touch "$P/test-old.marker"
expect_rc 0 "$W" setup --api-key K --ci --install-dir "$P"
grep -q "made by an ABI 1.0 plugin" "$P/old.txt" || fail "old plugin did not run"

# --- framework names: aliases, unknown ---
expect_rc 2 "$W" setup --api-key K --ci --framework nope --install-dir "$P"
assert_contains "$ERR" "no plugin serves framework 'nope' (tried: test-basic"
expect_rc 0 "$W" detect --ci --framework TEST_BASIC --install-dir "$P"
assert_contains "$OUT" "framework: test-basic"
E="$T/empty"; mkdir -p "$E"
expect_rc 2 "$W" detect --ci --install-dir "$E"
assert_contains "$ERR" "could not tell which framework"

# --- setup: dry run, apply, second run, undo ---
P="$T/app"; mkdir -p "$P"; cd "$P"; git_ init -q .
printf '{\n  "name": "app",\n  "dependencies": {\n    "express": "^4.19.0"\n  }\n}\n' > package.json
printf '# local settings\nPORT=3000\n' > .env.example
touch test-basic.marker package-lock.json
git_ add -A && git_ commit -qm init
expect_rc 0 "$W" detect --ci --json
assert_contains "$OUT" '"framework":"test-basic"'
assert_contains "$OUT" '"packageManager":"npm"'
assert_contains "$OUT" '"integration":"test-basic","frameworkName":"test-basic","confidence":"detected"'
assert_contains "$OUT" '"evidence":"found test-basic.marker"'
before=$(find . -path ./.git -prune -o -type f -print | sort | xargs sha256sum)
expect_rc 0 "$W" setup --api-key KEY-1 --ci --dry-run
assert_contains "$OUT" '+    "@amplitude/analytics-node": "^1.3.0",'
assert_contains "$OUT" "+AMPLITUDE_API_KEY=KEY-1"
assert_contains "$OUT" "nothing was written"
after=$(find . -path ./.git -prune -o -type f -print | sort | xargs sha256sum)
[ "$before" = "$after" ] || fail "dry run wrote something"
[ ! -e .amplitude ] || fail "dry run created .amplitude"
[ ! -e "$(runs_of .)" ] || fail "dry run recorded a run"
expect_rc 0 "$W" setup --api-key KEY-1 --ci --skip-install
assert_contains "$OUT" "Amplitude is set up for test-basic"
grep -q '^AMPLITUDE_API_KEY=KEY-1$' .env || fail ".env lacks the key"
git_ check-ignore -q .env || fail ".env not ignored"
[ ! -e .amplitude ] || fail "setup wrote run records into the project"
grep -q '^# Amplitude wizard$' .gitignore || fail "no .gitignore block"
R=$(runs_of .); run=$(newest_run .)
[ "$(stat -c %a "$R/$run/manifest")" = 600 ] || fail "manifest not 0600"
[ "$(stat -c %a "$R/$run")" = 700 ] || fail "run dir not 0700"
[ "$(stat -c %a "$R")" = 700 ] || fail "runs dir not 0700"
grep -qx "root $(pwd -P)" "$R/$run/manifest" || fail "manifest does not name its project"
expect_rc 0 "$W" setup --api-key KEY-1 --ci --skip-install
assert_contains "$OUT" "already set up"
[ "$(ls "$R" | wc -l)" = 1 ] || fail "second run wrote a ledger"
# undo refuses an edited file, names it; --force overrides
echo "// mine" >> src/amplitude.js
expect_rc 13 "$W" undo
assert_contains "$ERR" "src/amplitude.js"
[ -e .env ] || fail "refused undo still changed files"
expect_rc 0 "$W" undo --force
[ ! -e .env ] && [ ! -e src/amplitude.js ] && [ ! -e .gitignore ] || fail "undo left files"
[ -z "$(git_ status --porcelain --untracked-files=no)" ] || fail "undo did not restore tracked files"
expect_rc 1 "$W" undo "$run"
assert_contains "$ERR" "already undone"

# --- a plugin error: plan failure writes nothing; verify failure rolls back ---
touch fail-plan
expect_rc 10 "$W" setup --api-key K --ci --skip-install
assert_contains "$ERR" "deliberate plan failure"
[ ! -e .env ] || fail "failed plan wrote .env"
rm fail-plan; touch fail-verify
expect_rc 10 "$W" setup --api-key K --ci --skip-install
assert_contains "$ERR" "deliberate verify failure"
[ ! -e .env ] && [ ! -e src/amplitude.js ] || fail "verify failure not rolled back"
grep -q '"express"' package.json && ! grep -q analytics-node package.json || fail "package.json not restored"
rm fail-verify
# a write failing mid-apply rolls back what was written, newest first
AMPLI_WIZARD_TEST_FAIL_AFTER=2 expect_rc 1 "$W" setup --api-key K --ci --skip-install
assert_contains "$ERR$OUT" "rolled back 2 file(s)"
[ -z "$(git_ status --porcelain --untracked-files=no)" ] && [ ! -e .env ] || fail "mid-apply failure left changes"

# --- crash mid-apply, then undo from the ledger ---
set +e; AMPLI_WIZARD_TEST_CRASH_AFTER=2 "$W" setup --api-key K --ci --skip-install >/dev/null 2>&1; rc=$?; set -e
[ "$rc" = 70 ] || fail "crash hook did not fire ($rc)"
grep -q analytics-node package.json || fail "crash came before the first write"
expect_rc 0 "$W" undo
assert_contains "$ERR$OUT" "had not completed"
[ -z "$(git_ status --porcelain --untracked-files=no)" ] && [ ! -e .env ] || fail "undo after crash incomplete"

# --- an env key never lands in a file git tracks ---
echo "PORT=1" > .env && git_ add -f .env && git_ commit -qm "tracked env"
expect_rc 13 "$W" setup --api-key SECRET --ci --skip-install
assert_contains "$ERR" ".env is tracked by git"
! grep -q SECRET .env || fail "key written into a tracked file"
git_ rm -q --cached .env && git_ commit -qm untrack && rm .env

# --- confinement through a plugin ---
for bad in ../escape.txt /tmp/escape.txt link-out/escape.txt; do
  ln -sfn "$T" link-out
  echo "$bad" > escape-path
  expect_rc 13 "$W" setup --api-key K --ci --skip-install
  [ ! -e "$T/escape.txt" ] && [ ! -e /tmp/escape.txt.never ] || fail "escaped with $bad"
done
rm -f escape-path link-out

# --- install runs by argv; a failure names the command and shows the last lines ---
mkdir -p "$T/bin"; printf '#!/bin/sh\necho "npm ERR! line one"\necho "npm ERR! network down"\nexit 3\n' > "$T/bin/npm"
chmod +x "$T/bin/npm"; touch want-install
PATH="$T/bin:$PATH" expect_rc 10 "$W" setup --api-key K --ci
assert_contains "$ERR" "'npm install' failed (exit 3)"
assert_contains "$ERR" "npm ERR! network down"
grep -q analytics-node package.json || fail "install failure should keep the edits (undo reverts)"
expect_rc 0 "$W" undo
echo "plugin host: all checks passed"
