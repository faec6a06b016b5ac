#!/usr/bin/env bash
# Undo and apply against a hostile repository: a run record committed in the project is
# never obeyed (records live in the user's cache dir, for this project only); a symbolic
# link committed or swapped in where a file or directory was is refused at write time,
# never followed; nothing outside the project is written, created or removed.
source "$(dirname "$0")/lib.sh"
W="$WIZ_BIN"
export NO_COLOR=1
only_test_basic_plugin
echo '{"secret":"REFRESH-TOKEN"}' > "$HOME/.ampli.json"; chmod 600 "$HOME/.ampli.json"
OUTSIDE="$T/outside"; mkdir -p "$OUTSIDE"; echo "mine" > "$OUTSIDE/keep.txt"
snap() { (cd "$1" && find . -path ./.git -prune -o -print | sort | while read -r f; do
  if [ -f "$f" ] && [ ! -L "$f" ]; then echo "$f $(stat -c %a "$f") $(sha256sum < "$f")"; else echo "$f $(stat -c %F "$f")"; fi; done); }
outside_before=$(snap "$OUTSIDE"); home_before=$(snap "$HOME")
outside_same() { [ "$(snap "$OUTSIDE")" = "$outside_before" ] || fail "$1: outside the project changed: $(snap "$OUTSIDE")"; }
newapp() { # newapp DIR: a test-basic project with src/, committed
  rm -rf "$1"; mkdir -p "$1/src"
  printf '{\n  "name": "app",\n  "dependencies": {}\n}\n' >"$1/package.json"
  echo "export {};" > "$1/src/index.js"
  touch "$1/test-basic.marker"
  git -C "$1" init -q && git -C "$1" add -A && git -C "$1" -c user.email=t@e -c user.name=t commit -qm init
}
setup() { expect_rc "$1" "$W" setup --api-key K --ci --skip-install --install-dir "$2"; }
rc_of() { set +e; "$@" >"$T/out" 2>"$T/err"; RC=$?; set -e; OUT=$(cat "$T/out"); ERR=$(cat "$T/err"); }

# --- a run record committed in the repository, newer-looking than any real run ---
P="$T/planted"; newapp "$P"
R="$P/.amplitude/runs/99999999T999999Z-1"; mkdir -p "$R"
printf 'ampli-wizard-ledger 2\nroot %s\nframework x\nfile 0 m 4755 %s ../../victim\nfile 1 c 644 %s ../outside/keep.txt\ndir ../outside\ncomplete\n' \
  "$(realpath "$P")" "$(printf 'x' | sha256sum | cut -c1-64)" "$(sha256sum < "$OUTSIDE/keep.txt" | cut -c1-64)" > "$R/manifest"
printf 'ATTACKER TEXT\n' > "$R/0.pre"
git -C "$P" add -A && git -C "$P" -c user.email=t@e -c user.name=t commit -qm "planted"
setup 0 "$P"
expect_rc 0 "$W" undo --install-dir "$P"
assert_contains "$OUT$ERR" "undid run"
assert_not_contains "$OUT$ERR" "99999999T999999Z-1"
[ ! -e "$T/victim" ] && [ ! -e "$(dirname "$T")/victim" ] || fail "undo wrote the planted record's target"
[ -z "$(git -C "$P" status --porcelain)" ] || fail "undo did not restore the user's run: $(git -C "$P" status --porcelain)"
rc_of "$W" undo 99999999T999999Z-1 --install-dir "$P"
[ "$RC" != 0 ] || fail "undo obeyed a planted run id"
assert_contains "$ERR" "no run '99999999T999999Z-1'"
outside_same "planted ledger"

# --- a record of another project (copied into this project's records) is refused ---
Q="$T/other"; newapp "$Q"; setup 0 "$Q"
qrun=$(newest_run "$Q"); newapp "$P"; setup 0 "$P"
cp -r "$(runs_of "$Q")/$qrun" "$(runs_of "$P")/99999999T999999Z-2"
expect_rc 1 "$W" undo 99999999T999999Z-2 --install-dir "$P"
assert_contains "$ERR" "not recorded for this project"

# --- .amplitude committed as a link out of the project: setup writes nothing through it ---
P="$T/amp-link"; newapp "$P"; ln -s "$OUTSIDE" "$P/.amplitude"
setup 0 "$P"
outside_same ".amplitude link"
expect_rc 0 "$W" undo --install-dir "$P"

# --- a committed link where setup writes (.env -> the credential file) is refused ---
P="$T/env-link"; newapp "$P"; ln -s "$HOME/.ampli.json" "$P/.env"
setup 13 "$P"
assert_contains "$ERR" "symbolic link"
! grep -rlq --exclude-dir=.git REFRESH-TOKEN "$P" || fail "the token was copied into the project"
[ "$(stat -c %a "$HOME/.ampli.json")" = 600 ] && grep -q '^{"secret":"REFRESH-TOKEN"}$' "$HOME/.ampli.json" || fail "the credential file changed"

# --- after setup, files and directories swapped for links: undo --force never follows them ---
P="$T/swap-after"; newapp "$P"; setup 0 "$P"
[ -f "$P/src/amplitude.js" ] || fail "setup did not create src/amplitude.js"
mv "$P/src" "$P/src-moved"; ln -s "$OUTSIDE" "$P/src"                 # a directory -> link
cp "$P/package.json" "$T/pkg-copy"; rm "$P/package.json"; ln -s "$OUTSIDE/keep.txt" "$P/package.json"   # a file -> link
expect_rc 13 "$W" undo --install-dir "$P"
rc_of "$W" undo --force --install-dir "$P"
[ "$RC" != 0 ] || fail "undo --force went through links"
assert_contains "$ERR" "symbolic link"
outside_same "undo --force through links"

# --- swapped between plan and apply: apply refuses, rolls back, writes nothing outside ---
P="$T/swap-during"; newapp "$P"; echo "$OUTSIDE" > "$P/swap-src-to"
git -C "$P" add -A && git -C "$P" -c user.email=t@e -c user.name=t commit -qm swap
rc_of "$W" setup --api-key K --ci --skip-install --install-dir "$P"
[ "$RC" != 0 ] || fail "apply went on through a swapped directory"
assert_contains "$ERR" "symbolic link"
assert_contains "$ERR" "rolled back"
outside_same "swap between plan and apply"
git -C "$P" diff --quiet -- package.json || fail "rollback left package.json changed"
[ ! -e "$P/.env" ] || fail "rollback left .env"
[ "$(snap "$HOME" | grep -v '/.amplitude')" = "$(printf '%s\n' "$home_before" | grep -v '/.amplitude')" ] || fail "home changed beyond the wizard's cache"
echo ok
