# Browser login against the stand-in: one bundled write with the real expiry, cached
# reuse without a browser, `auth token`, --json, and no token in a --debug run.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
lock_callback_ports

start_standin --token-ttl 7200 --user-id 4242 --email grace@example.com --first-name Grace --last-name Hopper
export BROWSER="$FOLLOW_BROWSER"
export FOLLOW_BROWSER_LOG="$T/browser.log"

expect_rc 0 "$WIZ_BIN" login --ci --debug   # piped without --ci it is an agent run (NDJSON)
# --debug output: the terminal streams and the run log under $HOME
DEBUG_OUT="$OUT$ERR$(cat "$HOME"/.amplitude/wizard/runs/*/log.txt 2>/dev/null || true)"
assert_contains "$DEBUG_OUT" "http: POST $STANDIN_URL/oauth2/token"
assert_contains "$OUT" "Signed in as Grace Hopper <grace@example.com> (user 4242, zone us)"
assert_contains "$OUT" "env Production"
printf '%s\n' "$OUT" | grep -Eq " info  http://127\.0\.0\.1:[0-9]+/oauth2/auth\?" \
  || fail "CI: the URL is not whole on its own log line: $OUT"
[ "$(count_requests GET /oauth2/auth)" -eq 1 ] || fail "expected one authorize request"
# the authorize request carried PKCE S256, the allow-listed redirect and scopes
standin_requests | jq -e '[.[] | select(.path == "/oauth2/auth")][0].query |
  .code_challenge_method == "S256" and (.code_challenge | length) == 43 and
  .redirect_uri == "http://localhost:13222/callback" and .scope == "openid offline" and
  .response_type == "code" and (.state | test("^[0-9a-f]{32}$"))' >/dev/null || fail "bad authorize query: $(standin_requests)"
standin_requests | jq -e '[.[] | select(.path == "/oauth2/token")][0].form |
  .grant_type == "authorization_code" and (.code_verifier | length) == 43' >/dev/null || fail "bad token request"
# the user fetch sends the raw id token (no Bearer), masked in the log to 6 chars
standin_requests | jq -e '[.[] | select(.path == "/graphql")][0].headers.Authorization | startswith("eyJ")' >/dev/null \
  || fail "graphql Authorization is not the raw id token"

# ONE entry, the real user, the tokens, and the stand-in's lifetime (2 h), not a made-up hour
[ "$(stored 'keys | length')" -eq 1 ] || fail "expected one entry: $(cat "$AMPLI_WIZARD_CONFIG")"
[ "$(stored '."User-4242".User.email')" = grace@example.com ] || fail "user not stored"
[ "$(stored '."User-4242".User.zone')" = us ] || fail "zone not stored"
AT=$(stored '."User-4242".OAuthAccessToken'); IDT=$(stored '."User-4242".OAuthIdToken'); RT=$(stored '."User-4242".OAuthRefreshToken')
[ -n "$AT" ] && [ -n "$IDT" ] && [ -n "$RT" ] || fail "tokens missing"
EXP=$(iso_to_epoch "$(stored '."User-4242".OAuthExpiresAt')")
[ "$EXP" -eq "$(jwt_claim "$IDT" exp)" ] || fail "OAuthExpiresAt $EXP is not the id token's exp $(jwt_claim "$IDT" exp)"
[ $(( $(jwt_claim "$IDT" exp) - $(jwt_claim "$IDT" iat) )) -eq 7200 ] || fail "stand-in ttl not 7200"
[ "$(stat -c %a "$AMPLI_WIZARD_CONFIG")" = 600 ] || fail "credential file is not 0600"

# no token, refresh token, id token or authorization code in the --debug output
CODE=$(standin_requests | jq -r '[.[] | select(.path == "/oauth2/token")][0].form.code')
for secret in "$AT" "$IDT" "$RT" "$CODE"; do
  assert_not_contains "$DEBUG_OUT" "$secret"
done
assert_contains "$DEBUG_OUT" "[REDACTED]"
assert_not_contains "$DEBUG_OUT" "<redacted>"   # one marker: one redaction policy (core/ui/redact.c)

# cached reuse: a second login opens no browser and makes no authorize request
rm -f "$FOLLOW_BROWSER_LOG"
expect_rc 0 "$WIZ_BIN" login --ci
assert_contains "$OUT" "[stored session]"
[ ! -e "$FOLLOW_BROWSER_LOG" ] || fail "the browser was started for a cached session"
[ "$(count_requests GET /oauth2/auth)" -eq 1 ] || fail "a cached session made a new authorize request"
[ "$(count_requests POST /oauth2/token)" -eq 1 ] || fail "a fresh session was refreshed"

# auth token: the access token and nothing else
expect_rc 0 "$WIZ_BIN" auth token
[ "$OUT" = "$AT" ] || fail "auth token printed '$OUT'"
[ -z "$ERR" ] || fail "auth token wrote to stderr: $ERR"

# --json listing
expect_rc 0 "$WIZ_BIN" login --json --ci
printf '%s' "$OUT" | jq -e '.user.id == "4242" and .stored_session == true and
  .orgs[0].projects[0].environments[0].api_key_visible == true' >/dev/null || fail "bad --json: $OUT"
assert_not_contains "$OUT" "$AT"

# the EU zone has no session: its own login, its own entry, the US one untouched
expect_rc 0 "$WIZ_BIN" --zone eu login
[ "$(stored '."User[eu]-4242".User.zone')" = eu ] || fail "EU entry missing"
[ "$(stored '."User-4242".OAuthAccessToken')" = "$AT" ] || fail "US entry changed by an EU login"
standin_requests | jq -e '[.[] | select(.path == "/oauth2/auth")][1].query.client_id == "110d04a1-8e60-4157-9c43-fcbe4e014a85"' \
  >/dev/null || fail "EU login did not use the EU client id"
# classic, a first run (nothing stored): one line answers the region question (2 = EU);
# the sign-in goes to the EU client; a returning user is not asked again
export AMPLI_WIZARD_CONFIG="$T/first-run.json"
printf '2\n' >"$T/answers"
expect_rc 0 "$WIZ_BIN" login --classic <"$T/answers"
assert_contains "$OUT" "Select your data region"
assert_contains "$OUT" "Signed in as Grace Hopper <grace@example.com> (user 4242, zone eu)"
[ "$(jq -r '."User[eu]-4242".User.zone' "$AMPLI_WIZARD_CONFIG")" = eu ] || fail "classic first run: not stored in the EU zone"
expect_rc 0 "$WIZ_BIN" login --classic --region eu </dev/null
assert_not_contains "$OUT" "Select your data region"
# end of input at the region question is no answer: exit 12, nothing stored
export AMPLI_WIZARD_CONFIG="$T/first-run-eof.json"
expect_rc 12 "$WIZ_BIN" login --classic </dev/null
[ ! -e "$AMPLI_WIZARD_CONFIG" ] || fail "an unanswered first run stored something"
echo ok
