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
# command groups list their commands; -v is the version
expect_rc 0 "$WIZ_BIN" auth
assert_contains "$OUT" "auth status"; assert_contains "$OUT" "auth token"
expect_rc 0 "$WIZ_BIN" plugins
assert_contains "$OUT" "plugins list"; assert_contains "$OUT" "plugins new"
expect_rc 0 "$WIZ_BIN" help auth
assert_contains "$OUT" "auth status"
expect_rc 0 "$WIZ_BIN" help plugins
assert_contains "$OUT" "plugins new"
expect_rc 2 "$WIZ_BIN" auth nope
assert_contains "$ERR" "unknown command 'auth nope'"; assert_contains "$ERR" "auth token"
expect_rc 0 "$WIZ_BIN" -v
assert_contains "$OUT" "ampli-wizard "
# "--" ends the flags: a word after it is never a command (this was a segfault)
expect_rc 2 "$WIZ_BIN" -- setup
assert_contains "$ERR" "'setup' is not a command here"
expect_rc 2 "$WIZ_BIN" --
expect_rc 0 "$WIZ_BIN" --help -- x
# --help names every environment variable the engine reads (issue 17 item 7)
expect_rc 0 "$WIZ_BIN" --help
for v in $(grep -rhoE 'getenv\("[A-Z_]+"\)' "$WIZ_TEST_SRC/core" | sed 's/getenv("//; s/")//' | sort -u); do
  assert_contains "$OUT" "$v"
done
echo "cli ok"
