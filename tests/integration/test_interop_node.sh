# Side by side with Amplitude's own wizard (@amplitude/wizard from npm, pinned in
# scripts/install-node-wizard): one HOME, one shell, one canonical session file
# (~/.amplitude/wizard/oauth-session.json), against the stand-in with the grant revoked
# on any reuse of a spent refresh token (as Ory Hydra does). Each wizard reads what the
# other wrote, and each refreshes with the refresh token the other rotated:
#   ours logs in -> theirs whoami/auth token see our session
#   theirs refreshes (its own code) -> ours uses the rotated tokens without refreshing
#   ours refreshes -> theirs sees our tokens and refreshes after us
# A spent token used by either side would revoke the grant and fail the next step.
# Our AMPLI_WIZARD_* variables stay set throughout: theirs must not mind them.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
command -v node >/dev/null && command -v npm >/dev/null || fail "node and npm are needed (scripts/install-deps)"
NW=$("$WIZ_TEST_SRC/scripts/install-node-wizard") || fail "could not install @amplitude/wizard from npm"
lock_callback_ports
start_standin --token-ttl 120 --refresh-reply revoke_on_reuse
# ours on its default path, which is theirs
unset AMPLI_WIZARD_CONFIG AMPLITUDE_WIZARD_CONFIG
F="$HOME/.amplitude/wizard/oauth-session.json"
K='."User-12345"'
# (not AMPLITUDE_WIZARD_DATA_API_URL: its own code reads it, yet its strict yargs rejects
# it as the unknown flag --dataApiUrl; whoami and auth token need no data API)
theirs() { OAUTH_HOST="$STANDIN_URL" DO_NOT_TRACK=1 NO_UPDATE_NOTIFIER=1 node "$NW/dist/bin.js" "$@"; }
their_refresh() {
  OAUTH_HOST="$STANDIN_URL" DO_NOT_TRACK=1 node "$WIZ_TEST_SRC/tests/helpers/node_wizard_refresh.js" "$NW"
}
refreshes() { standin_requests | jq '[.[] | select(.path == "/oauth2/token" and .form.grant_type == "refresh_token")] | length'; }
due() { # 60 s left: inside both wizards' 5-minute refresh margin
  local soon; soon=$(date -u -d '+60 seconds' +%Y-%m-%dT%H:%M:%S.000Z)
  jq --arg t "$soon" "$K.OAuthExpiresAt = \$t" "$F" >"$T/c.json" && cat "$T/c.json" >"$F"
}
stored() { jq -r "$1" "$F"; }

# ours signs in; the tokens live 2 h from now on, so only due() makes a refresh due
BROWSER="$FOLLOW_BROWSER" expect_rc 0 "$WIZ_BIN" login --ci
[ -f "$F" ] || fail "ours did not write the canonical file $F"
standin_config '{"token_ttl": 7200}'

# ours -> theirs: the same user and token
expect_rc 0 theirs whoami --json
printf '%s' "$OUT" | jq -e --arg e "$(stored "$K.User.email")" '.data.loggedIn == true and .data.email == $e' >/dev/null ||
  fail "their whoami does not see our session: $OUT $ERR"
expect_rc 0 theirs auth token --json
[ "$(printf '%s' "$OUT" | jq -r .token)" = "$(stored "$K.OAuthAccessToken")" ] || fail "their auth token: $OUT"

# theirs refreshes; ours uses the result as it is
due
AT=$(their_refresh) || fail "their refresh of our session failed"
[ "$(refreshes)" -eq 1 ] || fail "expected their one refresh, saw $(refreshes)"
[ "$(stored "$K.OAuthAccessToken")" = "$AT" ] || fail "their refresh did not land in $F"
expect_rc 0 "$WIZ_BIN" auth token --ci
[ "$OUT" = "$AT" ] || fail "ours does not use the tokens theirs rotated: $OUT"
[ "$(refreshes)" -eq 1 ] || fail "ours refreshed a session that was not due"
expect_rc 0 "$WIZ_BIN" whoami
assert_contains "$OUT" "$(stored "$K.User.email")"

# ours refreshes with their rotated refresh token; theirs then sees it and refreshes after us
due
expect_rc 0 "$WIZ_BIN" auth token --ci
[ "$(refreshes)" -eq 2 ] || fail "ours did not refresh ($(refreshes))"
[ "$OUT" = "$(stored "$K.OAuthAccessToken")" ] || fail "our refresh is not what the file holds"
expect_rc 0 theirs auth token --json
[ "$(printf '%s' "$OUT" | jq -r .token)" = "$(stored "$K.OAuthAccessToken")" ] || fail "theirs does not see our refresh: $OUT"
due
AT=$(their_refresh) || fail "their refresh after ours failed (a spent refresh token?)"
[ "$(refreshes)" -eq 3 ] || fail "expected three refreshes, saw $(refreshes)"
# the grant is still alive for both: one more refresh each way
due
expect_rc 0 "$WIZ_BIN" auth token --ci
[ "$(refreshes)" -eq 4 ] || fail "ours after theirs ($(refreshes))"
expect_rc 0 theirs whoami --json
printf '%s' "$OUT" | jq -e '.data.loggedIn == true' >/dev/null || fail "their whoami at the end: $OUT"
# every refresh was granted: the stand-in never saw a reused (spent) refresh token
[ "$(standin_requests | jq '[.[] | select(.path == "/oauth2/token" and .status != 200)] | length')" -eq 0 ] ||
  fail "a token request failed: $(standin_requests | jq -c '[.[] | select(.path == "/oauth2/token")]')"
echo "interop with @amplitude/wizard ok"
