#!/usr/bin/env bash
# A stored token that has not expired but that the server refuses (GraphQL 401: revoked,
# rotated by another client, a clock off): one refresh and ONE bundled store write, then
# the call again. The refresh refused too (invalid_grant): exit 3 with reason
# refresh_failed without a browser, a new browser sign-in with one.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
lock_callback_ports

start_standin --token-ttl 7200
export BROWSER="$FOLLOW_BROWSER"
expect_rc 0 "$WIZ_BIN" login
unset BROWSER
K='."User-12345"'
RT1=$(stored "$K.OAuthRefreshToken")
# the id token is no longer known to the server; the stored expiry is 2 h away
spoil_id_token() {
  jq "$K.OAuthIdToken = \"eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.revoked\"" "$AMPLI_WIZARD_CONFIG" >"$T/c.json"
  cat "$T/c.json" >"$AMPLI_WIZARD_CONFIG"
}
spoil_id_token
EXP_BEFORE=$(stored "$K.OAuthExpiresAt")

# start_counting / stop_counting: store writes (renames of .ampli.json), via inotify
start_counting() {
  rm -f "$T/writes" "$T/writes.ready"
  python3 "$WIZ_TEST_SRC/tests/helpers/count_writes.py" "$(dirname "$AMPLI_WIZARD_CONFIG")" .ampli.json "$T/writes" 9>&- &
  WATCH=$!
  for _ in $(seq 1 200); do [ -e "$T/writes.ready" ] && break; sleep 0.05; done
  [ -e "$T/writes.ready" ] || fail "write counter did not start"
}
# (not in a $(...) subshell: only this shell can wait for the counter to finish)
stop_counting() { kill "$WATCH"; wait "$WATCH" || true; WRITES=$(cat "$T/writes"); }

standin_config '{"token_ttl": 5400}'
start_counting
expect_rc 0 "$WIZ_BIN" login --ci --debug
stop_counting
[ "$WRITES" = 1 ] || fail "expected one bundled store write after the refresh, got $WRITES"
assert_contains "$OUT" "ada@example.com"
[ "$(count_requests POST /oauth2/token | tail -1)" -eq 2 ] || fail "expected the login's exchange and one refresh"
standin_requests | jq -e --arg rt "$RT1" '[.[] | select(.form.grant_type? == "refresh_token")] |
  length == 1 and .[0].form.refresh_token == $rt' >/dev/null || fail "no refresh with the stored refresh token"
[ "$(count_requests POST /graphql)" -eq 3 ] || fail "expected login's fetch, the refused one and one retry"
IDT2=$(stored "$K.OAuthIdToken")
[ "$(stored "$K.OAuthRefreshToken")" != "$RT1" ] || fail "rotated refresh token not stored"
EXP2=$(iso_to_epoch "$(stored "$K.OAuthExpiresAt")")
[ "$EXP2" -eq "$(jwt_claim "$IDT2" exp)" ] || fail "stored expiry is not the new id token's exp"
[ $(( $(jwt_claim "$IDT2" exp) - $(jwt_claim "$IDT2" iat) )) -eq 5400 ] || fail "new lifetime is not the stand-in's"
[ "$(stored "$K.OAuthExpiresAt")" != "$EXP_BEFORE" ] || fail "expiry not updated"
[ "$(stored "$K.User.email")" = ada@example.com ] || fail "user lost in the refresh write"
[ "$(stored 'keys | length')" -eq 1 ] || fail "the refresh created another entry"
assert_not_contains "$OUT$ERR" "$IDT2"

# the refreshed session works as is: no second refresh
expect_rc 0 "$WIZ_BIN" login --ci
[ "$(count_requests POST /oauth2/token)" -eq 2 ] || fail "refreshed again although the token is accepted"

# refused, and the refresh is refused too: the session is over
spoil_id_token
standin_config '{"refresh_reply": "invalid_grant"}'
start_counting
expect_rc 3 "$WIZ_BIN" login --ci
stop_counting
[ "$WRITES" = 0 ] || fail "a failed recovery wrote the store ($WRITES)"
assert_contains "$ERR" "refresh_failed"
expect_rc 3 "$WIZ_BIN" login --agent
printf '%s\n' "$OUT" | jq -se 'map(select(.type == "error")) | length == 1 and
  .[0].data.code == "auth_required" and .[0].data.reason == "refresh_failed"' >/dev/null || fail "agent error event: $OUT"
[ "$(count_requests GET /oauth2/auth)" -eq 1 ] || fail "a browser login happened without a browser"
# with a browser: sign in again
export BROWSER="$FOLLOW_BROWSER"
expect_rc 0 "$WIZ_BIN" login
assert_contains "$OUT$ERR" "signing in again"
[ "$(count_requests GET /oauth2/auth)" -eq 2 ] || fail "no browser sign-in after the refused refresh"
[ "$(stored "$K.OAuthIdToken")" != "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.revoked" ] || fail "the new sign-in was not stored"
echo ok
