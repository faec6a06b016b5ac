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
echo ok
