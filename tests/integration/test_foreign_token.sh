#!/usr/bin/env bash
# Whose token: a stored entry whose id token names another OAuth client (the older Ampli
# CLI's cli-client-pkce) or another issuer host than the zone's is skipped, as Amplitude's
# wizard skips it: never refreshed, never replaced; a login stores the user beside it.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
lock_callback_ports
start_standin
W="$WIZ_BIN"
jwt() { /usr/bin/python3 -c 'import base64,json,sys
b=lambda o: base64.urlsafe_b64encode(json.dumps(o).encode()).decode().rstrip("=")
print(b({"alg":"none"})+"."+b(json.loads(sys.argv[1]))+".sig")' "$1"; }
soon=$(date -u -d '+60 seconds' +%Y-%m-%dT%H:%M:%S.000Z)   # inside the refresh margin: would be refreshed
now=$(date +%s)
entry() { # entry KEY ID IDTOKEN
  printf '"%s": {"User": {"id": "%s", "firstName": "Old", "lastName": "Cli", "email": "old@example.com", "zone": "us"},
   "OAuthAccessToken": "at-%s", "OAuthIdToken": "%s", "OAuthRefreshToken": "rt-%s", "OAuthExpiresAt": "%s"}' "$1" "$2" "$2" "$3" "$2" "$soon"; }
CLI_IDT=$(jwt '{"iss":"'"$STANDIN_URL"'","aud":"cli-client-pkce","sub":"999","exp":'$((now+60))'}')
ISS_IDT=$(jwt '{"iss":"https://auth.example.org/","aud":["0ac84169-c41c-4222-885b-31469c761cb0"],"sub":"998","exp":'$((now+60))'}')
printf '{%s,\n%s}\n' "$(entry User-999 999 "$CLI_IDT")" "$(entry User-998 998 "$ISS_IDT")" > "$AMPLI_WIZARD_CONFIG"
chmod 600 "$AMPLI_WIZARD_CONFIG"
before=$(jq -S '{"User-999", "User-998"}' "$AMPLI_WIZARD_CONFIG")

# no session of ours: not signed in, and no refresh of theirs was attempted
expect_rc 3 "$W" login --ci
[ "$(count_requests POST /oauth2/token)" -eq 0 ] || fail "a foreign token was refreshed"
# a sign-in of ours is stored beside theirs; theirs stay exactly as they were
BROWSER="$FOLLOW_BROWSER" expect_rc 0 "$W" login --ci
[ "$(stored '."User-12345".User.email')" = ada@example.com ] || fail "our login was not stored"
[ "$(jq -S '{"User-999", "User-998"}' "$AMPLI_WIZARD_CONFIG")" = "$before" ] || fail "a foreign entry changed"
# and the session used from then on is ours
expect_rc 0 "$W" auth token --ci
[ "$OUT" = "$(stored '."User-12345".OAuthAccessToken')" ] || fail "auth token did not use our session"
echo ok
