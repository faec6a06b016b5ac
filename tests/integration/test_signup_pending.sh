# Signup succeeded but the new account's user fetch kept failing: the tokens go under
# the pending sentinel of the zone; the next run (no browser, CI) finishes the sign-in,
# writes the real user and so deletes that sentinel, and only that zone's.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"

start_standin --user-id 888 --email late@example.com --fail-userinfo 100
cat >"$AMPLI_WIZARD_CONFIG" <<'JSON'
{
  "User[eu]-pending": {"User": {"id": "pending", "firstName": "", "lastName": "", "email": "", "zone": "eu"},
                       "OAuthAccessToken": "eu-at", "OAuthIdToken": "eu-idt", "OAuthRefreshToken": "eu-rt",
                       "OAuthExpiresAt": "2030-01-01T00:00:00.000Z"},
  "SomeOtherTool": {"keep": true}
}
JSON
chmod 600 "$AMPLI_WIZARD_CONFIG"

expect_rc 4 "$WIZ_BIN" login --ci --signup --email late@example.com --full-name "Ada Byron Lovelace" --accept-tos
assert_contains "$ERR" "next run will finish"
[ "$(count_requests POST /graphql)" -eq 4 ] || fail "expected the user fetch plus 3 retries, got $(count_requests POST /graphql)"
P='."User-pending"'
[ "$(stored "$P.User.id")" = pending ] || fail "pending sentinel not written: $(cat "$AMPLI_WIZARD_CONFIG")"
[ "$(stored "$P.User.zone")" = us ] || fail "pending sentinel in the wrong zone"
# it keeps the email and the split full name, as Amplitude's wizard does
[ "$(stored "$P.User.email")" = late@example.com ] || fail "pending sentinel lost the email"
[ "$(stored "$P.User.firstName")" = Ada ] && [ "$(stored "$P.User.lastName")" = "Byron Lovelace" ] \
  || fail "pending sentinel names: $(stored "$P.User")"
PAT=$(stored "$P.OAuthAccessToken"); PIDT=$(stored "$P.OAuthIdToken")
[ -n "$PAT" ] && [ "$PAT" != null ] && [ "$(stored "$P.OAuthRefreshToken")" != null ] || fail "pending tokens missing"
[ "$(iso_to_epoch "$(stored "$P.OAuthExpiresAt")")" -eq "$(jwt_claim "$PIDT" exp)" ] || fail "pending expiry is not the real one"
[ "$(stored '."User-888"')" = null ] || fail "a real user was written although the fetch failed"

# still failing: the next run keeps the sentinel and says so
standin_config '{"fail_userinfo": 4}'
expect_rc 4 "$WIZ_BIN" login --ci
[ "$(stored "$P.User.id")" = pending ] || fail "sentinel lost on a failed recovery"

# the account is ready now: the next run finishes without a browser
standin_config '{"fail_userinfo": 0}'
expect_rc 0 "$WIZ_BIN" login --ci
assert_contains "$OUT" "late@example.com"
[ "$(stored '."User-888".User.email')" = late@example.com ] || fail "real user not written"
[ "$(stored '."User-888".OAuthAccessToken')" = "$PAT" ] || fail "recovered session does not carry the pending tokens"
[ "$(stored "$P")" = null ] || fail "the us pending sentinel was not deleted"
[ "$(stored '."User[eu]-pending".OAuthAccessToken')" = eu-at ] || fail "the eu sentinel was touched"
[ "$(stored '.SomeOtherTool.keep')" = true ] || fail "an unknown key was lost"
[ "$(count_requests GET /oauth2/auth)" -eq 0 ] || fail "recovery used a browser"
[ "$(count_requests POST /t/agentic/signup/v1)" -eq 1 ] || fail "recovery signed up again"
echo ok
