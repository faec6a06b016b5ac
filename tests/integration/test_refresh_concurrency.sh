#!/usr/bin/env bash
# One refresh at a time: wizards started together on one session that is due for a
# refresh end with exactly one refresh and a live session, all of them signed in, also
# against a server that revokes the whole grant when a spent refresh token is reused (Ory
# Hydra does; the stand-in's --refresh-reply revoke_on_reuse).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
lock_callback_ports
start_standin --token-ttl 120 --refresh-reply revoke_on_reuse
K='."User-12345"'
BROWSER="$FOLLOW_BROWSER" expect_rc 0 "$WIZ_BIN" login --ci
standin_config '{"token_ttl": 7200}'   # 120 s left < the 5 min margin: every run below is due
refreshes() { standin_requests | jq '[.[] | select(.path == "/oauth2/token" and .form.grant_type == "refresh_token")] | length'; }
[ "$(refreshes)" -eq 0 ] || fail "refreshed before the test"

pids=()
for i in 1 2 3 4 5 6; do "$WIZ_BIN" auth token --ci >"$T/tok.$i" 2>"$T/err.$i" & pids+=($!); done
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || fail "run $((i + 1)) failed: $(cat "$T/err.$((i + 1))")"
done
[ "$(refreshes)" -eq 1 ] || fail "expected exactly one refresh, saw $(refreshes)"
AT=$(stored "$K.OAuthAccessToken")
for i in 1 2 3 4 5 6; do [ "$(cat "$T/tok.$i")" = "$AT" ] || fail "run $i printed another token"; done

due() { # make the stored session due for a refresh again (60 s left)
  local soon; soon=$(date -u -d '+60 seconds' +%Y-%m-%dT%H:%M:%S.000Z)
  jq --arg t "$soon" '."User-12345".OAuthExpiresAt = $t' "$AMPLI_WIZARD_CONFIG" >"$T/c.json" && cat "$T/c.json" >"$AMPLI_WIZARD_CONFIG"
}
# the grant is alive: the next refresh succeeds with the rotated refresh token
due
expect_rc 0 "$WIZ_BIN" auth token --ci
[ "$(refreshes)" -eq 2 ] || fail "the later refresh did not happen ($(refreshes))"

# the stand-in's mode really revokes: reusing a spent refresh token kills the grant
OLD=$(standin_requests | jq -r '[.[] | select(.path == "/oauth2/token" and .form.grant_type == "refresh_token")][0].form.refresh_token')
curl -sS -o /dev/null -X POST -d "grant_type=refresh_token&client_id=0ac84169-c41c-4222-885b-31469c761cb0&refresh_token=$OLD" "$STANDIN_URL/oauth2/token"
due
expect_rc 3 "$WIZ_BIN" auth token --ci
assert_contains "$ERR" "refresh_failed"
echo ok
