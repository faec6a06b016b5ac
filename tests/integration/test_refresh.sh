# Refresh when under 5 minutes remain: rotated tokens and the new real expiry in one
# write; no refresh when enough time is left; invalid_grant ends the session (exit 3
# with reason refresh_failed without a browser, a new browser login with one).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
lock_callback_ports

start_standin --token-ttl 120
export BROWSER="$FOLLOW_BROWSER"
expect_rc 0 "$WIZ_BIN" login
K='."User-12345"'
AT1=$(stored "$K.OAuthAccessToken"); RT1=$(stored "$K.OAuthRefreshToken"); IDT1=$(stored "$K.OAuthIdToken")
EXP1=$(iso_to_epoch "$(stored "$K.OAuthExpiresAt")")
[ "$EXP1" -eq "$(jwt_claim "$IDT1" exp)" ] || fail "first expiry is not the id token's exp"

# 120 s left < 5 min: the next command refreshes; the new tokens live 2 h
standin_config '{"token_ttl": 7200}'
unset BROWSER   # a refresh needs no browser
expect_rc 0 "$WIZ_BIN" auth token
AT2=$(stored "$K.OAuthAccessToken"); RT2=$(stored "$K.OAuthRefreshToken"); IDT2=$(stored "$K.OAuthIdToken")
[ "$OUT" = "$AT2" ] || fail "auth token did not print the refreshed token"
[ "$AT2" != "$AT1" ] || fail "access token not replaced"
[ "$RT2" != "$RT1" ] || fail "rotated refresh token not stored"
[ "$IDT2" != "$IDT1" ] || fail "rotated id token not stored"
EXP2=$(iso_to_epoch "$(stored "$K.OAuthExpiresAt")")
[ "$EXP2" -eq "$(jwt_claim "$IDT2" exp)" ] || fail "refreshed expiry $EXP2 is not the new id token's exp"
[ $(( $(jwt_claim "$IDT2" exp) - $(jwt_claim "$IDT2" iat) )) -eq 7200 ] || fail "new lifetime is not 2 h"
[ "$(stored "$K.User.email")" = ada@example.com ] || fail "user lost in the refresh write"
[ "$(stored 'keys | length')" -eq 1 ] || fail "refresh created another entry"
standin_requests | jq -e --arg rt "$RT1" '[.[] | select(.path == "/oauth2/token" and .form.grant_type == "refresh_token")] |
  length == 1 and .[0].form.refresh_token == $rt and .[0].form.client_id == "0ac84169-c41c-4222-885b-31469c761cb0"' \
  >/dev/null || fail "expected exactly one refresh with the old refresh token"

# 2 h left: no refresh
expect_rc 0 "$WIZ_BIN" auth token
[ "$OUT" = "$AT2" ] || fail "token changed without a refresh being due"
[ "$(count_requests POST /oauth2/token)" -eq 2 ] || fail "refreshed although 2 h remain"

# the rotated refresh token works for the next refresh (the old one is spent)
jq --arg e "$(date -u -d '@'$(( $(date +%s) + 60 )) +%Y-%m-%dT%H:%M:%S.000Z)" "$K.OAuthExpiresAt = \$e" \
  "$AMPLI_WIZARD_CONFIG" >"$T/c.json" && cat "$T/c.json" >"$AMPLI_WIZARD_CONFIG"
expect_rc 0 "$WIZ_BIN" login --ci
standin_requests | jq -e --arg rt "$RT2" '[.[] | select(.form.grant_type? == "refresh_token")][1].form.refresh_token == $rt' \
  >/dev/null || fail "second refresh did not use the rotated refresh token"
RT3=$(stored "$K.OAuthRefreshToken")

# invalid_grant: the session is over
jq --arg e "$(date -u -d '@'$(( $(date +%s) + 60 )) +%Y-%m-%dT%H:%M:%S.000Z)" "$K.OAuthExpiresAt = \$e" \
  "$AMPLI_WIZARD_CONFIG" >"$T/c.json" && cat "$T/c.json" >"$AMPLI_WIZARD_CONFIG"
standin_config '{"refresh_reply": "invalid_grant"}'
expect_rc 3 "$WIZ_BIN" auth token
assert_contains "$ERR" "refresh_failed"
assert_not_contains "$OUT" "ory_at_"   # no token printed (agent mode may print NDJSON events)
expect_rc 3 "$WIZ_BIN" login --ci
assert_contains "$ERR" "refresh_failed"
# agent mode: the NDJSON error event carries code auth_required, reason refresh_failed
expect_rc 3 "$WIZ_BIN" login --agent
printf '%s\n' "$OUT" | jq -se 'map(select(.type == "error")) | length == 1 and
  .[0].data.code == "auth_required" and .[0].data.reason == "refresh_failed"' >/dev/null || fail "agent error event: $OUT"
[ "$(count_requests GET /oauth2/auth)" -eq 1 ] || fail "a browser login happened without a browser"
# with a browser: sign in again, new session stored
export BROWSER="$FOLLOW_BROWSER"
expect_rc 0 "$WIZ_BIN" login
assert_contains "$OUT$ERR" "session has ended"
[ "$(count_requests GET /oauth2/auth)" -eq 2 ] || fail "no new browser login after invalid_grant"
[ "$(stored "$K.OAuthRefreshToken")" != "$RT3" ] || fail "the new login was not stored"

# a malformed stored expiry is due: refreshed now, and the real expiry written back
standin_config '{"refresh_reply": "ok", "token_ttl": 7200}'
unset BROWSER
jq '."User-12345".OAuthExpiresAt = "not a date"' "$AMPLI_WIZARD_CONFIG" >"$T/c.json" && cat "$T/c.json" >"$AMPLI_WIZARD_CONFIG"
RTB=$(stored "$K.OAuthRefreshToken")
expect_rc 0 "$WIZ_BIN" auth token
[ "$(stored "$K.OAuthRefreshToken")" != "$RTB" ] || fail "a malformed expiry was not refreshed"
[ "$(iso_to_epoch "$(stored "$K.OAuthExpiresAt")")" -eq "$(jwt_claim "$(stored "$K.OAuthIdToken")" exp)" ] \
  || fail "the real expiry was not written back: $(stored "$K.OAuthExpiresAt")"
# an expiry in a form JavaScript's Date reads (an offset, no fraction) is understood, not due
far=$(date -u -d '+2 hours' +%Y-%m-%dT%H:%M:%S+00:00)
jq --arg t "$far" '."User-12345".OAuthExpiresAt = $t' "$AMPLI_WIZARD_CONFIG" >"$T/c.json" && cat "$T/c.json" >"$AMPLI_WIZARD_CONFIG"
RTC=$(stored "$K.OAuthRefreshToken")
expect_rc 0 "$WIZ_BIN" auth token
[ "$(stored "$K.OAuthRefreshToken")" = "$RTC" ] || fail "an offset expiry 2 h away was refreshed"
echo ok
