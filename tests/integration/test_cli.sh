# The CLI skeleton: version, help, unknown flags and bad values (exit 2).
. "$(dirname "$0")/lib.sh"
expect_rc 0 "$WIZ_BIN" --version
assert_contains "$OUT" "ampli-wizard "
expect_rc 0 "$WIZ_BIN" --help
for c in setup login logout whoami "auth status" "auth token" "plugins list"; do assert_contains "$OUT" "$c"; done
expect_rc 0 "$WIZ_BIN" help whoami
assert_contains "$OUT" "usage: ampli-wizard whoami"
expect_rc 2 "$WIZ_BIN" --frobnicate
assert_contains "$ERR" "--frobnicate"
[ "$(printf '%s\n' "$ERR" | wc -l)" -eq 1 ] || fail "error is not one line: $ERR"
expect_rc 2 "$WIZ_BIN" whoami --zone mars
assert_contains "$ERR" "mars"
expect_rc 2 "$WIZ_BIN" nosuchcommand
expect_rc 2 "$WIZ_BIN" help nosuchcommand
expect_rc 2 "$WIZ_BIN"
echo "cli ok"
