#!/usr/bin/env bash
# A fresh browser sign-in whose user fetch fails is not thrown away: one failure is
# retried and the login completes; a fetch that keeps failing leaves the tokens under the
# pending sentinel, and the next run finishes the sign-in without a browser.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
lock_callback_ports
start_standin
export BROWSER="$FOLLOW_BROWSER"
# one failure: retried, signed in, one bundled write
standin_config '{"fail_userinfo": 1}'
expect_rc 0 "$WIZ_BIN" login --ci
[ "$(stored '."User-12345".User.email')" = ada@example.com ] || fail "not signed in after one failed fetch"
[ "$(count_requests POST /graphql)" -eq 2 ] || fail "expected the fetch and one retry"
# keeps failing: kept as pending, said so; the next run (no browser) finishes it
rm -f "$AMPLI_WIZARD_CONFIG"
standin_config '{"fail_userinfo": 100}'
expect_rc 4 "$WIZ_BIN" login --ci
assert_contains "$ERR" "the sign-in is saved"
[ "$(stored '."User-pending".User.id')" = pending ] || fail "the tokens were thrown away: $(cat "$AMPLI_WIZARD_CONFIG")"
logins=$(count_requests GET /oauth2/auth)
standin_config '{"fail_userinfo": 0}'
unset BROWSER
expect_rc 0 "$WIZ_BIN" login --ci
[ "$(stored '."User-12345".User.email')" = ada@example.com ] || fail "the pending sign-in was not finished"
[ "$(stored '."User-pending"')" = null ] || fail "the sentinel stayed"
[ "$(count_requests GET /oauth2/auth)" -eq "$logins" ] || fail "finishing used a browser"
# signed in already: the orgs query (a read) that answers 500 once is tried again by the
# HTTP layer, said once, and the run goes on
n=$(count_requests POST /graphql)
standin_config '{"fail_userinfo": 1}'
expect_rc 0 "$WIZ_BIN" login --ci
[ "$(printf '%s\n' "$ERR" | grep -c 'answered HTTP 500; trying again')" -eq 1 ] || fail "a retried 500 was not said once: $ERR"
[ "$(count_requests POST /graphql)" -eq $((n + 2)) ] || fail "expected the query and one retry"
# a server that is gone: every request is tried 3 times (nothing reached it), then one
# error naming the host and what to try
kill "${STANDIN_PIDS[0]}"; wait "${STANDIN_PIDS[0]}" 2>/dev/null || true
expect_rc 4 "$WIZ_BIN" login --ci
assert_contains "$ERR" "could not reach ${STANDIN_URL#http://} after 3 tries"
assert_contains "$ERR" "check the network connection"
[ "$(printf '%s\n' "$ERR" | grep -c 'trying again')" -eq 1 ] || fail "the retries were not said once: $ERR"
echo ok
