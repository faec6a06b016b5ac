#!/usr/bin/env bash
# A third-party C plugin runs in-process: when its code faults, the error names the plugin
# and the phase and says what is on disk; after a crash in verify (files applied) the
# next run names the unfinished run and the exact undo command, and undo restores the
# project byte for byte.
source "$(dirname "$0")/lib.sh"
W="$WIZ_BIN"
export NO_COLOR=1
only_test_basic_plugin
newapp() {
  rm -rf "$1"; mkdir -p "$1"
  printf '{\n  "name": "app",\n  "dependencies": {}\n}\n' >"$1/package.json"
  touch "$1/test-basic.marker"
  git -C "$1" init -q && git -C "$1" add -A && git -C "$1" -c user.email=t@e -c user.name=t commit -qm init
}
tree() { (cd "$1" && find . -path ./.git -prune -o -type f -print | sort | xargs sha256sum); }

P="$T/plan"; newapp "$P"; touch "$P/crash-plan"; before=$(tree "$P")
expect_rc 10 "$W" setup --api-key K --ci --skip-install --install-dir "$P"
assert_contains "$ERR" "plugin test-basic crashed during plan"
assert_contains "$ERR" "nothing was written"
[ "$(tree "$P")" = "$before" ] || fail "a crash in plan changed the project"

P="$T/verify"; newapp "$P"; before=$(tree "$P")
touch "$P/crash-verify"; git -C "$P" add -A && git -C "$P" -c user.email=t@e -c user.name=t commit -qm crash
before=$(tree "$P")
expect_rc 10 "$W" setup --api-key K --ci --skip-install --install-dir "$P"
assert_contains "$ERR" "plugin test-basic crashed during verify"
assert_contains "$ERR" "ampli-wizard undo"
[ -e "$P/src/amplitude.js" ] || fail "expected the applied files on disk after a crash in verify"
rm "$P/crash-verify"
run=$(newest_run "$P")
expect_rc 0 "$W" setup --api-key K --ci --skip-install --install-dir "$P"
assert_contains "$OUT$ERR" "run $run did not finish"
assert_contains "$OUT$ERR" "ampli-wizard undo $run --install-dir $P"
expect_rc 0 "$W" undo "$run" --install-dir "$P"
git -C "$P" checkout -q -- crash-verify 2>/dev/null || touch "$P/crash-verify"
[ "$(tree "$P")" = "$before" ] || fail "undo did not restore the project: $(diff <(echo "$before") <(tree "$P"))"
echo ok
