#!/usr/bin/env bash
# The run ledger is whole before the first project file is replaced: a crash right after
# the first write finds every file of the run in the manifest, with a pre-image for each
# modified one, and undo puts the project back exactly (files, new dirs, .gitignore).
source "$(dirname "$0")/lib.sh"
W="$WIZ_BIN"
P="$T/app"
cp -r "$WIZ_TEST_SRC/workbench/apps/next-js/15-app-router-todo" "$P"
rm -rf "$P/node_modules" "$P/.next" "$P/.amplitude"
git -C "$P" init -q && git -C "$P" add -A
git -C "$P" -c user.email=t@e.com -c user.name=t commit -qm before

set +e; AMPLI_WIZARD_TEST_CRASH_AFTER=1 "$W" setup --api-key K0000000000000000000000000000000 --ci \
  --skip-install --install-dir "$P" >/dev/null 2>&1; rc=$?; set -e
[ "$rc" = 70 ] || fail "crash hook did not fire ($rc)"
R=$(runs_of "$P"); run=$(newest_run "$P")
M="$R/$run/manifest"
# every file of the run is named, though only the first was written
[ "$(grep -c '^file ' "$M")" -ge 3 ] || fail "manifest does not name the whole run: $(cat "$M")"
! grep -qx complete "$M" || fail "crashed run marked complete"
while read -r _ idx kind _ _ path; do
  [ "$kind" = c ] || [ -s "$R/$run/$idx.pre" ] || fail "no pre-image for $path"
done < <(grep '^file ' "$M")
[ ! -e "$P/.amplitude" ] || fail "the ledger went into the project"
expect_rc 0 "$W" undo --install-dir "$P"
assert_contains "$ERR$OUT" "had not completed"
[ -z "$(git -C "$P" status --porcelain | cat)" ] || fail "undo left changes: $(git -C "$P" status --porcelain)"

# a full run: complete, and undo restores it too
expect_rc 0 "$W" setup --api-key K0000000000000000000000000000000 --ci --skip-install --install-dir "$P"
[ -n "$(git -C "$P" status --porcelain --untracked-files=no)" ] || fail "setup changed nothing"
expect_rc 0 "$W" undo --install-dir "$P"
[ -z "$(git -C "$P" status --porcelain | cat)" ] || fail "undo left changes: $(git -C "$P" status --porcelain)"
echo ok
