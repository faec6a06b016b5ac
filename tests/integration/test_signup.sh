# Direct signup in the real endpoint's shapes (oauth.code, needs_information.schema with
# documents, requires_auth.redirect, error.{code,message}; terms_acceptance sent as the
# accepted documents), all four reply types, on every front end that can reach it: CI, agent
# and classic give everything up front (exit 12 naming the missing flag); each success is
# one bundled write.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
lock_callback_ports

start_standin --user-id 777 --email new@example.com --token-ttl 5400
K='."User-777"'
use_config() { export AMPLI_WIZARD_CONFIG="$T/$1.json"; }
check_stored() {
  [ "$(stored "$K.User.email")" = new@example.com ] || fail "$1: user not stored: $(cat "$AMPLI_WIZARD_CONFIG" 2>/dev/null)"
  [ "$(stored 'keys | length')" -eq 1 ] || fail "$1: expected one entry"
  local idt; idt=$(stored "$K.OAuthIdToken")
  [ "$(iso_to_epoch "$(stored "$K.OAuthExpiresAt")")" -eq "$(jwt_claim "$idt" exp)" ] || fail "$1: expiry is not the id token's"
}

# oauth, --ci: signup -> code exchange without PKCE -> user -> one write; no browser
use_config ci
expect_rc 0 "$WIZ_BIN" login --ci --signup --email new@example.com --full-name "New Person" --accept-tos
assert_contains "$OUT" "Signed in as Ada Lovelace <new@example.com> (user 777"
check_stored ci
standin_requests | jq -e '[.[] | select(.path == "/t/agentic/signup/v1")][0].json |
  .email == "new@example.com" and .full_name == "New Person" and
  .terms_acceptance == {"terms_of_service": {"url": "https://amplitude.com/terms", "accepted": true},
                        "privacy_policy": {"url": "https://amplitude.com/privacy", "accepted": true}} and
  .scopes == ["openid","offline"] and .client_id == "0ac84169-c41c-4222-885b-31469c761cb0" and
  .redirect_uri == "http://localhost:13222/callback" and (.state | length) > 0 and (.device_id | length) > 0' \
  >/dev/null || fail "bad signup request: $(standin_requests)"
standin_requests | jq -e '[.[] | select(.path == "/oauth2/token")][0].form |
  .grant_type == "authorization_code" and .redirect_uri == "http://localhost:13222/callback" and
  (has("code_verifier") | not)' >/dev/null || fail "bad signup code exchange"
[ "$(count_requests GET /oauth2/auth)" -eq 0 ] || fail "signup opened a browser login"

# oauth, --agent
use_config agent
expect_rc 0 "$WIZ_BIN" login --agent --signup --email new@example.com --full-name N --accept-tos
check_stored agent

# without a terminal to ask on (--ci, --agent, classic), the flags are required up front:
# exit 12 naming the missing one, before any request; nothing stored
standin_config '{"signup_reply": "needs_information"}'
use_config needs
before=$(count_requests POST /t/agentic/signup/v1)
expect_rc 12 "$WIZ_BIN" login --ci --signup --email new@example.com
assert_contains "$ERR" "--full-name"
expect_rc 12 "$WIZ_BIN" login --agent --signup --email new@example.com --full-name N
assert_contains "$ERR" "--accept-tos"
assert_not_contains "$ERR" "--full-name"
expect_rc 12 "$WIZ_BIN" login --classic --signup --email new@example.com --accept-tos </dev/null
assert_contains "$ERR" "--full-name"
[ "$(count_requests POST /t/agentic/signup/v1)" -eq "$before" ] || fail "a refused signup still called the endpoint"
[ ! -s "$AMPLI_WIZARD_CONFIG" ] || fail "stored something on needs_information"
# ... with the flags, the stand-in's needs_information (asked only when the documents were not
# accepted by their URLs) is never reached: one call
expect_rc 0 "$WIZ_BIN" login --ci --signup --email new@example.com --full-name N --accept-tos
check_stored needs-flags
[ "$(count_requests POST /t/agentic/signup/v1)" -eq $((before + 1)) ] || fail "expected one signup call"

# a needs_information reply in the real shape is parsed: the stand-in's own answer to a
# request without terms names both documents and the fields
curl -sS -X POST -H 'Content-Type: application/json' -d '{"email":"x@example.com","client_id":"0ac84169-c41c-4222-885b-31469c761cb0","redirect_uri":"http://localhost:13222/callback"}' \
  "$STANDIN_URL/t/agentic/signup/v1" | jq -e '.type == "needs_information" and
  (.needs_information.schema.required | sort) == ["full_name","terms_acceptance"] and
  ([.needs_information.schema.properties.terms_acceptance.documents[].kind] | sort) == ["privacy_policy","terms_of_service"]' \
  >/dev/null || fail "the stand-in's needs_information is not in the real shape"

# requires_auth: --ci exits 3; classic falls back to the browser login
standin_config '{"signup_reply": "requires_auth"}'
use_config exists
expect_rc 3 "$WIZ_BIN" login --ci --signup --email new@example.com --full-name N --accept-tos
assert_contains "$ERR" "already exists"
[ ! -s "$AMPLI_WIZARD_CONFIG" ] || fail "stored something on requires_auth"
BROWSER="$FOLLOW_BROWSER" expect_rc 0 "$WIZ_BIN" login --classic --signup --email new@example.com --full-name N --accept-tos </dev/null
[ "$(count_requests GET /oauth2/auth)" -eq 1 ] || fail "requires_auth did not fall back to the browser"
check_stored exists-browser

# error
standin_config '{"signup_reply": "error"}'
use_config error
expect_rc 1 "$WIZ_BIN" login --ci --signup --email new@example.com --full-name N --accept-tos
assert_contains "$ERR" "SIGNUP_FAILED"
assert_contains "$ERR" "not available right now"
[ ! -s "$AMPLI_WIZARD_CONFIG" ] || fail "stored something on a signup error"
echo ok
