#!/usr/bin/env bash
# The credential file by ssh's StrictModes rule: a file, link target or lock planted by
# another user, or a directory others can write, is refused (never read or written); a
# FIFO in its place does not hang; temp copies left by killed writers are removed; the
# wizard runs with core files off (a core would hold the tokens).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
lock_callback_ports
start_standin
W="$WIZ_BIN"
[ "$(id -u)" = 0 ] || fail "this test plants files as another user: it needs root (as make check runs on CI)"
OTHER=65534
BROWSER="$FOLLOW_BROWSER" expect_rc 0 "$W" login --ci
F="$AMPLI_WIZARD_CONFIG"; D=$(dirname "$F")
cp "$F" "$T/good.json"
sha() { sha256sum "$1" | cut -c1-64; }

# a file owned by someone else
chown "$OTHER" "$F"
expect_rc 13 "$W" whoami
assert_contains "$ERR" "belongs to uid $OTHER"
chown 0 "$F"
expect_rc 0 "$W" whoami

# a directory others can write
chmod 0777 "$D"
expect_rc 13 "$W" whoami
assert_contains "$ERR" "writable by others"
expect_rc 13 "$W" logout
chmod 0700 "$D"
[ "$(sha "$F")" = "$(sha "$T/good.json")" ] || fail "a refused run changed the file"

# our link to someone else's file (a planted target)
mkdir -m 0700 "$T/elsewhere"; cp "$T/good.json" "$T/elsewhere/planted.json"; chown "$OTHER" "$T/elsewhere/planted.json"
mv "$F" "$T/mine.json"; ln -s "$T/elsewhere/planted.json" "$F"
expect_rc 13 "$W" whoami
assert_contains "$ERR" "belongs to uid $OTHER"
rm "$F"; mv "$T/mine.json" "$F"

# a lock file planted by someone else
touch "$F.lock"; chown "$OTHER" "$F.lock"
expect_rc 13 "$W" logout
assert_contains "$ERR" "lock file"
rm -f "$F.lock"

# a FIFO instead of the file: refused at once, no hang
mv "$F" "$T/mine.json"; mkfifo "$F"
expect_rc 13 timeout 10 "$W" whoami
assert_contains "$ERR" "not a regular file"
rm "$F"; mv "$T/mine.json" "$F"

# a killed writer's temp copy (refresh token inside) is removed by the next run; a live one stays
cp "$F" "$F.tmp-4194000-0000abcd"
sleep 300 & live=$!
cp "$F" "$F.tmp-$live-0000abcd"
expect_rc 0 "$W" whoami
[ ! -e "$F.tmp-4194000-0000abcd" ] || fail "a dead writer's temp file survived"
[ -e "$F.tmp-$live-0000abcd" ] || fail "a live writer's temp file was removed"
kill $live; wait $live 2>/dev/null || true; rm -f "$F.tmp-$live-0000abcd"

# core files are off while tokens are in memory: the browser it starts inherits the limit
printf '#!/bin/sh\nulimit -c > "%s/core-limit"\nexec %q "$@"\n' "$T" "$FOLLOW_BROWSER" > "$T/browser"
chmod +x "$T/browser"
rm -f "$F"
BROWSER="$T/browser" expect_rc 0 bash -c 'ulimit -c unlimited; exec "$0" login --ci' "$W"
[ "$(cat "$T/core-limit")" = 0 ] || fail "core files are not off: ulimit -c = $(cat "$T/core-limit")"
echo ok
