# Browser login failures, each a clear message and exit 3 (port range: non-zero):
# wrong state, access denied, timeout, every callback port busy, no session in CI,
# and a non-loopback http server refused.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
lock_callback_ports

start_standin
export BROWSER="$FOLLOW_BROWSER"

# wrong state: answered and ignored (the login keeps waiting, here until its timeout),
# nothing stored, no token exchange
FOLLOW_BROWSER_MANGLE_STATE=1 expect_rc 3 "$WIZ_BIN" login --login-timeout 3
assert_contains "$OUT$ERR" "ignored a sign-in callback with a wrong state"
assert_contains "$ERR" "timed out"
[ ! -s "$AMPLI_WIZARD_CONFIG" ] || fail "something was stored after a bad state"
[ "$(count_requests POST /oauth2/token)" -eq 0 ] || fail "a code was exchanged after a bad state"

# the user denies access in the browser
FOLLOW_BROWSER_DENY=1 expect_rc 3 "$WIZ_BIN" login
assert_contains "$ERR" "denied"

# a browser that never calls back: timeout
BROWSER=true expect_rc 3 "$WIZ_BIN" login --login-timeout 1
assert_contains "$ERR" "timed out after 1 s"
assert_contains "$ERR" "/oauth2/auth?"   # the URL was printed for the user

# --no-browser only prints the URL (nothing is started), then times out
printf '#!/bin/sh\ntouch "%s/started"\n' "$T" >"$T/spy-browser"; chmod +x "$T/spy-browser"
BROWSER="$T/spy-browser" expect_rc 3 "$WIZ_BIN" login --no-browser --login-timeout 1
assert_contains "$ERR" "/oauth2/auth?"
[ ! -e "$T/started" ] || fail "--no-browser started the browser"
# ... whereas without it, $BROWSER is run with the URL as its last argument
BROWSER="$T/spy-browser --flag" expect_rc 3 "$WIZ_BIN" login --login-timeout 1
[ -e "$T/started" ] || fail "\$BROWSER was not started"

# every port of 13222..13232 busy: a clear error naming the range
python3 - "$T/ports-ready" <<'PY' &
import socket, sys, time
socks = []
for p in range(13222, 13233):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", p)); s.listen(1); socks.append(s)
open(sys.argv[1], "w").close()
time.sleep(60)
PY
HOLDER=$!
STANDIN_PIDS+=("$HOLDER")
for _ in $(seq 1 250); do [ -e "$T/ports-ready" ] && break; sleep 0.02; done
[ -e "$T/ports-ready" ] || fail "could not occupy the callback ports"
expect_rc 1 "$WIZ_BIN" login --login-timeout 5
assert_contains "$ERR" "13222..13232"
assert_contains "$ERR" "in use"
kill "$HOLDER"; wait "$HOLDER" 2>/dev/null || true

# no stored session, CI mode, no browser: exit 3 with the reason
unset BROWSER
expect_rc 3 "$WIZ_BIN" login --ci
assert_contains "$ERR" "no_stored_credentials"
expect_rc 3 "$WIZ_BIN" login --agent
printf '%s\n' "$OUT" | jq -se 'map(select(.type == "error")) | length == 1 and
  .[0].data.code == "auth_required" and .[0].data.reason == "no_stored_credentials"' >/dev/null || fail "agent error event: $OUT"
expect_rc 3 "$WIZ_BIN" auth token
assert_contains "$ERR" "no_stored_credentials"
assert_not_contains "$OUT" "ory_at_"
[ "$(count_requests GET /oauth2/auth)" -eq 2 ] || fail "unexpected authorize requests: $(count_requests GET /oauth2/auth)"

# a plain-http server that is not loopback is refused before any request
AMPLI_WIZARD_SERVER=http://example.com expect_rc 2 "$WIZ_BIN" auth token
assert_contains "$ERR" "AMPLI_WIZARD_SERVER"
echo ok
