# The Amplitude stand-in server, driven with curl: OAuth PKCE code flow, refresh
# rotation, graphql, signup replies, projects, ingestion, inspection and control.
. "$(dirname "$0")/lib.sh"
SI="$WIZ_BUILD/amplitude-stand-in"
US=0ac84169-c41c-4222-885b-31469c761cb0
EU=110d04a1-8e60-4157-9c43-fcbe4e014a85
RU=http://localhost:13222/callback
STATE=0123456789abcdef0123456789abcdef

assert_eq() { [ "$1" = "$2" ] || fail "${3:-value}: expected '$2', got '$1'"; }
# req METHOD PATH [curl args...]: sets STATUS, BODY, HDRS
req() {
    local m=$1 p=$2
    shift 2
    STATUS=$(curl -sS -o "$T/body" -D "$T/hdrs" -w '%{http_code}' -X "$m" "$@" "$STANDIN_URL$p")
    BODY=$(cat "$T/body")
    HDRS=$(tr -d '\r' <"$T/hdrs")
}
# jget EXPR: evaluates a Python expression over d = json(BODY); strings raw, the rest as JSON
jget() {
    python3 -c 'import json,sys
d=json.loads(sys.argv[2]); v=eval(sys.argv[1])
print(v if isinstance(v,str) else json.dumps(v))' "$1" "$BODY"
}
b64url_sha256() { printf %s "$1" | openssl dgst -sha256 -binary | openssl base64 -A | tr '+/' '-_' | tr -d '='; }
new_verifier() { openssl rand 32 | openssl base64 -A | tr '+/' '-_' | tr -d '='; }
# authorize CLIENT REDIRECT CHALLENGE [extra query]: sets STATUS, BODY, LOC
authorize() {
    req GET "/oauth2/auth?client_id=$1&redirect_uri=$2&response_type=code&code_challenge=$3&code_challenge_method=S256&scope=openid+offline&state=$STATE${4:-}"
    LOC=$(printf '%s\n' "$HDRS" | sed -n 's/^[Ll]ocation: //p')
}
qparam() { printf '%s\n' "$1" | sed -n "s/.*[?&]$2=\([^&]*\).*/\1/p"; }
# jwt_claims TOKEN: the decoded payload JSON
jwt_claims() { python3 -c 'import base64,sys; p=sys.argv[1].split(".")[1]; print(base64.urlsafe_b64decode(p+"="*(-len(p)%4)).decode())' "$1"; }
token() { req POST /oauth2/token "$@"; }

# --- flags ---
expect_rc 0 "$SI" --help
for f in --port --port-file --token-ttl --user-id --email --first-name --last-name --orgs --fail-userinfo \
    --signup-reply --refresh-reply --delay-ms /__stand-in/requests /__stand-in/events /__stand-in/config; do
    assert_contains "$OUT" "$f"
done
expect_rc 2 "$SI" --frobnicate
assert_contains "$ERR" "--frobnicate"
expect_rc 2 "$SI" --port nope
expect_rc 2 "$SI" --port 70000
expect_rc 2 "$SI" --token-ttl
expect_rc 2 "$SI" --signup-reply maybe
assert_contains "$ERR" "maybe"
expect_rc 2 "$SI" --refresh-reply sometimes
expect_rc 2 "$SI" --orgs "$T/missing.json"
echo '[{"name":"no id"}]' >"$T/bad-orgs.json"
expect_rc 2 "$SI" --orgs "$T/bad-orgs.json"

start_standin --token-ttl 120 --user-id 777 --email grace@example.com --first-name Grace --last-name Hopper
[[ "$STANDIN_URL" =~ ^http://127\.0\.0\.1:[0-9]+$ ]] || fail "bad url $STANDIN_URL"
FIRST_PID=${STANDIN_PIDS[-1]}

# --- authorize: approves at once, rejects what Hydra rejects ---
V=$(new_verifier)
C=$(b64url_sha256 "$V")
authorize "$US" "$RU" "$C"
assert_eq "$STATUS" 302 "authorize"
assert_contains "$LOC" "$RU?"
assert_eq "$(qparam "$LOC" state)" "$STATE" "state echoed"
CODE=$(qparam "$LOC" code)
[ -n "$CODE" ] || fail "no code in $LOC"

authorize nobody "$RU" "$C"
assert_eq "$STATUS" 401 "unknown client"
assert_eq "$(jget 'd["error"]')" invalid_client
assert_eq "$LOC" "" "no redirect for an unknown client"
for bad in http://localhost:13233/callback http://127.0.0.1:13222/callback http://localhost:13222/other https://evil.example/cb; do
    authorize "$US" "$bad" "$C"
    assert_eq "$STATUS" 400 "redirect $bad"
    assert_eq "$(jget 'd["error"]')" invalid_request
    assert_eq "$LOC" "" "no redirect to $bad"
done
authorize "$EU" http://localhost:13232/callback "$C"
assert_eq "$STATUS" 302 "EU client, last port of the range"
# missing PKCE: an error redirect (RFC 6749 4.1.2.1) with the state, no code
req GET "/oauth2/auth?client_id=$US&redirect_uri=$RU&response_type=code&scope=openid+offline&state=$STATE"
LOC=$(printf '%s\n' "$HDRS" | sed -n 's/^[Ll]ocation: //p')
assert_eq "$STATUS" 302 "missing PKCE"
assert_eq "$(qparam "$LOC" error)" invalid_request
assert_eq "$(qparam "$LOC" state)" "$STATE"
assert_eq "$(qparam "$LOC" code)" ""
req GET "/oauth2/auth?client_id=$US&redirect_uri=$RU&response_type=code&code_challenge=$V&code_challenge_method=plain&scope=openid&state=$STATE"
LOC=$(printf '%s\n' "$HDRS" | sed -n 's/^[Ll]ocation: //p')
assert_eq "$(qparam "$LOC" error)" invalid_request "plain PKCE"
authorize "$US" "$RU" "$C" "&scope=admin"
assert_eq "$(qparam "$LOC" error)" invalid_scope

# --- token: real PKCE check, single-use codes, matching client and redirect ---
token -d grant_type=authorization_code -d "code=$CODE" -d "redirect_uri=$RU" -d "client_id=$US" -d "code_verifier=$(new_verifier)"
assert_eq "$STATUS" 400 "wrong verifier"
assert_eq "$(jget 'd["error"]')" invalid_grant
token -d grant_type=authorization_code -d "code=$CODE" -d "redirect_uri=$RU" -d "client_id=$US"
assert_eq "$(jget 'd["error"]')" invalid_grant "missing verifier"
token -d grant_type=authorization_code -d "code=$CODE" -d "redirect_uri=http://localhost:13223/callback" -d "client_id=$US" -d "code_verifier=$V"
assert_eq "$(jget 'd["error"]')" invalid_grant "redirect_uri mismatch"
token -d grant_type=authorization_code -d "code=$CODE" -d "redirect_uri=$RU" -d "client_id=$EU" -d "code_verifier=$V"
assert_eq "$(jget 'd["error"]')" invalid_grant "client mismatch"
token -d grant_type=authorization_code -d "code=$CODE" -d "redirect_uri=$RU" -d "client_id=$US" -d "code_verifier=$V"
assert_eq "$STATUS" 200 "exchange: $BODY"
ACCESS=$(jget 'd["access_token"]')
ID=$(jget 'd["id_token"]')
REFRESH=$(jget 'd["refresh_token"]')
assert_eq "$(jget 'd["expires_in"]')" 120 "expires_in follows --token-ttl"
assert_eq "$(jget 'd["token_type"].lower()')" bearer
assert_contains "$HDRS" "Cache-Control: no-store"
token -d grant_type=authorization_code -d "code=$CODE" -d "redirect_uri=$RU" -d "client_id=$US" -d "code_verifier=$V"
assert_eq "$STATUS" 400 "code reuse"
assert_eq "$(jget 'd["error"]')" invalid_grant
# the RFC 7636 Appendix B pair, an independent check of the S256 computation
authorize "$US" "$RU" E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM
token -d grant_type=authorization_code -d "code=$(qparam "$LOC" code)" -d "redirect_uri=$RU" -d "client_id=$US" \
    -d code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk
assert_eq "$STATUS" 200 "RFC 7636 vector: $BODY"
token -d grant_type=password -d "client_id=$US"
assert_eq "$(jget 'd["error"]')" unsupported_grant_type
token -d grant_type=authorization_code -d "client_id=nobody" -d code=x
assert_eq "$STATUS" 401 "unknown client at token"

# --- the id token: JWT-shaped, claims follow the settings ---
[ "$(printf %s "$ID" | tr -cd . | wc -c)" -eq 2 ] || fail "id token is not header.payload.signature"
CL=$(jwt_claims "$ID")
BODY=$CL
assert_eq "$(jget 'd["sub"]')" 777
assert_eq "$(jget 'd["aud"]')" "$US"
assert_eq "$(jget 'd["iss"]')" "$STANDIN_URL"
assert_eq "$(jget 'd["email"]')" grace@example.com
assert_eq "$(jget 'd["exp"] - d["iat"]')" 120 "exp follows --token-ttl"

# --- graphql ---
Q='{"query":"query orgs { orgs { id name user { id firstName lastName email } workspaces { id name environments { name rank app { id apiKey } } } } }"}'
req POST /graphql -H 'Content-Type: application/json' -d "$Q"
assert_eq "$STATUS" 401 "graphql without token"
req POST /graphql -H "Authorization: not-a-token" -d "$Q"
assert_eq "$STATUS" 401 "graphql with unknown token"
req POST /graphql -H "Authorization: Bearer $ID" -d "$Q"
assert_eq "$STATUS" 401 "graphql takes the raw id token, not Bearer"
req POST /graphql -H "Authorization: $ID" -H 'Content-Type: application/json' -d "$Q"
assert_eq "$STATUS" 200 "graphql: $BODY"
assert_eq "$(jget 'd["data"]["orgs"][0]["user"]')" '{"id": "777", "firstName": "Grace", "lastName": "Hopper", "email": "grace@example.com"}'
ENV0=$(jget 'd["data"]["orgs"][0]["workspaces"][0]["environments"][0]')
assert_contains "$ENV0" '"name": "Production", "rank": 1'
KEY=$(jget 'd["data"]["orgs"][0]["workspaces"][0]["environments"][0]["app"]["apiKey"]')
ORG=$(jget 'd["data"]["orgs"][0]["id"]')
[[ "$KEY" =~ ^[0-9a-f]{32}$ ]] || fail "default api key is not 32 hex chars: $KEY"

# --- refresh rotation ---
token -d grant_type=refresh_token -d "refresh_token=$REFRESH" -d "client_id=$EU"
assert_eq "$(jget 'd["error"]')" invalid_grant "refresh by another client"
token -d grant_type=refresh_token -d "refresh_token=$REFRESH" -d "client_id=$US"
assert_eq "$STATUS" 200 "refresh: $BODY"
REFRESH2=$(jget 'd["refresh_token"]')
ID2=$(jget 'd["id_token"]')
[ "$REFRESH2" != "$REFRESH" ] || fail "refresh token not rotated"
[ "$ID2" != "$ID" ] || fail "id token not renewed"
token -d grant_type=refresh_token -d "refresh_token=$REFRESH" -d "client_id=$US"
assert_eq "$STATUS" 400 "old refresh token after rotation"
assert_eq "$(jget 'd["error"]')" invalid_grant
req POST /graphql -H "Authorization: $ID2" -d "$Q"
assert_eq "$STATUS" 200 "graphql with the rotated id token"

# --- run-time config: refresh_reply, fail_userinfo, token_ttl, user ---
req POST /__stand-in/config -d '{"refresh_reply":"invalid_grant"}'
assert_eq "$STATUS" 200 "config"
token -d grant_type=refresh_token -d "refresh_token=$REFRESH2" -d "client_id=$US"
assert_eq "$(jget 'd["error"]')" invalid_grant "refresh_reply invalid_grant"
req POST /__stand-in/config -d '{"refresh_reply":"ok","fail_userinfo":2,"token_ttl":60,"user_id":"888","email":"g2@example.com"}'
assert_eq "$(jget '[d["refresh_reply"], d["fail_userinfo"], d["token_ttl"], d["user_id"]]')" '["ok", 2, 60, "888"]'
token -d grant_type=refresh_token -d "refresh_token=$REFRESH2" -d "client_id=$US"
assert_eq "$STATUS" 200 "refresh works again after refresh_reply ok: $BODY"
assert_eq "$(jget 'd["expires_in"]')" 60 "token_ttl changed at run time"
ID3=$(jget 'd["id_token"]')
BODY=$(jwt_claims "$ID3")
assert_eq "$(jget 'd["exp"] - d["iat"]')" 60
for want in 500 500 200; do
    req POST /graphql -H "Authorization: $ID3" -d "$Q"
    assert_eq "$STATUS" "$want" "fail_userinfo sequence"
done
assert_eq "$(jget 'd["data"]["orgs"][0]["user"]["id"]')" 888 "user changed at run time"
req POST /__stand-in/config -d '{"token_ttl":60,"no_such_setting":1}'
assert_eq "$STATUS" 400 "unknown setting"
assert_contains "$(jget 'd["error"]')" no_such_setting
req POST /__stand-in/config -d '{"token_ttl":-5}'
assert_eq "$STATUS" 400 "bad value"
req GET /__stand-in/config
assert_eq "$(jget 'd["token_ttl"]')" 60 "a refused config changes nothing"
req POST /__stand-in/config -d '{"user_id":"777","email":"grace@example.com","token_ttl":120}'

# --- signup: the four reply types, in the real endpoint's shapes (reference, "Direct signup") ---
TA='{"terms_of_service":{"url":"https://amplitude.com/terms","accepted":true},"privacy_policy":{"url":"https://amplitude.com/privacy","accepted":true}}'
SB='{"email":"new@example.com","full_name":"New Person","terms_acceptance":'$TA',"scopes":["openid","offline"],"state":"s1","client_id":"'$US'","redirect_uri":"'$RU'","device_id":"dev-12345"}'
req POST /t/agentic/signup/v1 -H 'Content-Type: application/json' -d "$SB"
assert_eq "$STATUS" 200 "signup oauth: $BODY"
assert_eq "$(jget 'd["type"]')" oauth
assert_contains "$(jget 'd["dashboard_url"]')" "http"
SCODE=$(jget 'd["oauth"]["code"]')
token -d grant_type=authorization_code -d "code=$SCODE" -d "redirect_uri=$RU" -d "client_id=$US"
assert_eq "$STATUS" 200 "signup code exchanged without code_verifier: $BODY"
SID=$(jget 'd["id_token"]')
jget 'd["refresh_token"]' >/dev/null
req POST /graphql -H "Authorization: $SID" -d "$Q"
assert_eq "$STATUS" 200 "graphql with the signup id token"
req POST /t/agentic/signup/v1 -d '{"email":"not-an-email","client_id":"'$US'","redirect_uri":"'$RU'"}'
assert_eq "$STATUS" 400 "bad email"
assert_eq "$(jget 'd["type"]')" error
req POST /t/agentic/signup/v1 -d '{"email":"a@example.com","client_id":"nobody","redirect_uri":"'$RU'"}'
assert_eq "$STATUS" 400 "signup with unknown client"

req POST /__stand-in/config -d '{"signup_reply":"needs_information"}'
req POST /t/agentic/signup/v1 -d '{"email":"new@example.com","client_id":"'$US'","redirect_uri":"'$RU'"}'
assert_eq "$(jget 'd["type"]')" needs_information
assert_eq "$(jget 'd["needs_information"]["schema"]["required"]')" '["full_name", "terms_acceptance"]'
assert_eq "$(jget '[x["kind"] for x in d["needs_information"]["schema"]["properties"]["terms_acceptance"]["documents"]]')" '["terms_of_service", "privacy_policy"]'
req POST /t/agentic/signup/v1 -d '{"email":"new@example.com","full_name":"N P","client_id":"'$US'","redirect_uri":"'$RU'"}'
assert_eq "$(jget 'd["needs_information"]["schema"]["required"]')" '["terms_acceptance"]'
# terms_acceptance: true (the old, wrong shape) is not an acceptance
req POST /t/agentic/signup/v1 -d '{"email":"new@example.com","full_name":"N P","terms_acceptance":true,"client_id":"'$US'","redirect_uri":"'$RU'"}'
assert_eq "$(jget 'd["needs_information"]["schema"]["required"]')" '["terms_acceptance"]'
req POST /t/agentic/signup/v1 -d "$SB"
assert_eq "$(jget 'd["type"]')" oauth "needs_information answered: oauth"

req POST /__stand-in/config -d '{"signup_reply":"requires_auth"}'
req POST /t/agentic/signup/v1 -d "$SB"
assert_eq "$(jget 'd["type"]')" requires_auth
assert_eq "$(jget 'd["requires_auth"]["type"]')" redirect
assert_contains "$(jget 'd["requires_auth"]["redirect"]["url"]')" "http"
assert_eq "$(jget '"oauth" in d')" false

req POST /__stand-in/config -d '{"signup_reply":"error"}'
req POST /t/agentic/signup/v1 -d "$SB"
assert_eq "$(jget 'd["type"]')" error
if [ -z "$(jget 'd["error"]["code"]')" ] || [ -z "$(jget 'd["error"]["message"]')" ]; then fail "error reply lacks error.code/message: $BODY"; fi
req POST /__stand-in/config -d '{"signup_reply":"oauth"}'

# --- projects: bearer access token, idempotency, NAME_TAKEN ---
PB='{"orgId":"'$ORG'","name":"Checkout","description":"made by the test"}'
req POST /wizard/projects -H 'Idempotency-Key: k-1' -d "$PB"
assert_eq "$STATUS" 401 "projects without token"
req POST /wizard/projects -H "Authorization: Bearer nope" -H 'Idempotency-Key: k-1' -d "$PB"
assert_eq "$STATUS" 401 "projects with unknown token"
req POST /wizard/projects -H "Authorization: Bearer $ACCESS" -d "$PB"
assert_eq "$STATUS" 400 "projects without Idempotency-Key"
req POST /wizard/projects -H "Authorization: Bearer $ACCESS" -H 'Idempotency-Key: k-1' -H 'Content-Type: application/json' -d "$PB"
assert_eq "$STATUS" 200 "create project: $BODY"
FIRST=$BODY
assert_eq "$(jget 'd["name"]')" Checkout
NEWKEY=$(jget 'd["apiKey"]')
[[ "$NEWKEY" =~ ^[0-9a-f]{32}$ ]] || fail "new api key: $NEWKEY"
jget 'd["appId"]' | grep -Eq '^[0-9]+$' || fail "appId not numeric: $BODY"
req POST /wizard/projects -H "Authorization: Bearer $ACCESS" -H 'Idempotency-Key: k-1' -d "$PB"
assert_eq "$STATUS" 200 "idempotent replay"
assert_eq "$BODY" "$FIRST" "same Idempotency-Key, same answer"
req POST /wizard/projects -H "Authorization: Bearer $ACCESS" -H 'Idempotency-Key: k-2' -d "$PB"
assert_eq "$STATUS" 409 "name taken"
assert_eq "$(jget 'd["code"]')" NAME_TAKEN
req POST /wizard/projects -H "Authorization: Bearer $ACCESS" -H 'Idempotency-Key: k-2' -d '{"orgId":"'$ORG'","name":"Other"}'
assert_eq "$(jget 'd["code"]')" NAME_TAKEN "k-2 replays its first answer"
req POST /wizard/projects -H "Authorization: Bearer $ACCESS" -H 'Idempotency-Key: k-3' -d '{"orgId":"nope","name":"X"}'
assert_eq "$STATUS" 403 "unknown org"
assert_eq "$(jget 'd["code"]')" FORBIDDEN
req POST /graphql -H "Authorization: $ID2" -d "$Q"
assert_contains "$BODY" "$NEWKEY"

# --- ingestion ---
EV='{"api_key":"'$KEY'","events":[{"event_type":"signed_up","user_id":"user-1","event_properties":{"plan":"pro"}},{"event_type":"page_view","device_id":"device-abc"}]}'
req POST /2/httpapi -H 'Content-Type: application/json' -d "$EV"
assert_eq "$STATUS" 200 "ingest: $BODY"
assert_eq "$(jget '[d["code"], d["events_ingested"], d["payload_size_bytes"]]')" "[200, 2, ${#EV}]"
jget 'd["server_upload_time"]' | grep -Eq '^[0-9]{13}$' || fail "server_upload_time: $BODY"
assert_contains "$HDRS" "Access-Control-Allow-Origin: *"
req POST /2/httpapi -d '{"api_key":"'$NEWKEY'","events":[{"event_type":"x","device_id":"12345"}]}'
assert_eq "$STATUS" 200 "the created project's key is served"
req POST /2/httpapi -d '{"api_key":"0123456789abcdef0123456789abcdef","events":[{"event_type":"x","user_id":"user-1"}]}'
assert_eq "$STATUS" 400 "wrong key"
assert_contains "$(jget 'd["error"]')" "Invalid API key"
req POST /2/httpapi -d '{"events":[{"event_type":"x","user_id":"user-1"}]}'
assert_eq "$(jget '[d["code"], d["missing_field"]]')" '[400, "api_key"]'
req POST /2/httpapi -d '{"api_key":"'$KEY'"}'
assert_eq "$(jget 'd["missing_field"]')" events
req POST /2/httpapi -d '{"api_key":"'$KEY'","events":[{"user_id":"user-1"},{"event_type":"x"},{"event_type":"y","device_id":"abc"}]}'
assert_eq "$STATUS" 400 "bad events"
assert_eq "$(jget 'd["events_with_missing_fields"]')" '{"event_type": [0], "user_id or device_id": [1]}'
assert_eq "$(jget 'd["events_with_invalid_fields"]')" '{"device_id": [2]}'
req POST /2/httpapi -d 'this is not json'
assert_eq "$STATUS" 400 "not json"
req OPTIONS /2/httpapi -H 'Origin: http://localhost:5173' -H 'Access-Control-Request-Method: POST' \
    -H 'Access-Control-Request-Headers: content-type'
assert_eq "$STATUS" 204 "CORS preflight"
assert_contains "$HDRS" "Access-Control-Allow-Origin: *"
assert_contains "$HDRS" "Access-Control-Allow-Headers: content-type"
# HTTP V2's throttling: one device above 30 events per second is a 429 naming it; 31 events
# of 31 visitors in the same second are fine (a per-visitor id integration passes)
BURST=$(/usr/bin/python3 -c 'import json,sys; print(json.dumps({"api_key": sys.argv[1], "events": [{"event_type": "hit", "device_id": "server-host1"}] * 31}))' "$KEY")
req POST /2/httpapi -d "$BURST"
assert_eq "$STATUS" 429 "one device, 31 events at once: $BODY"
assert_eq "$(jget '[d["code"], d["eps_threshold"], d["throttled_devices"]]')" '[429, 30, {"server-host1": 31}]'
MANY=$(/usr/bin/python3 -c 'import json,sys; print(json.dumps({"api_key": sys.argv[1], "events": [{"event_type": "hit", "device_id": "visitor-%03d" % i} for i in range(31)]}))' "$KEY")
req POST /2/httpapi -d "$MANY"
assert_eq "$STATUS" 200 "31 visitors: $BODY"
req POST /__stand-in/config -d '{"eps_threshold": 0}'
req POST /2/httpapi -d "$BURST"
assert_eq "$STATUS" 200 "throttling off: $BODY"
req POST /__stand-in/config -d '{"eps_threshold": 30}'
req DELETE /__stand-in/events
req POST /2/httpapi -H 'Content-Type: application/json' -d "$EV"
req POST /2/httpapi -d '{"api_key":"'$NEWKEY'","events":[{"event_type":"x","device_id":"12345"}]}'
req GET /__stand-in/events
assert_eq "$(jget '[(e["event_type"], e["api_key"]) for e in d]')" \
    "[[\"signed_up\", \"$KEY\"], [\"page_view\", \"$KEY\"], [\"x\", \"$NEWKEY\"]]"
assert_eq "$(jget 'd[0]["event_properties"]')" '{"plan": "pro"}'
# concurrent batches: the state is shared safely
pids=()
for i in $(seq 1 16); do
    curl -sS -o /dev/null -d '{"api_key":"'$KEY'","events":[{"event_type":"burst","device_id":"device-'$i'"}]}' "$STANDIN_URL/2/httpapi" &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
req GET /__stand-in/events
assert_eq "$(jget 'sum(1 for e in d if e["event_type"] == "burst")')" 16
req DELETE /__stand-in/events
req GET /__stand-in/events
assert_eq "$BODY" "[]"
python3 -c 'print("{\"api_key\":\"x\",\"pad\":\"" + "a" * (1100 * 1024) + "\"}")' >"$T/big.json"
req POST /2/httpapi -H 'Content-Type: application/json' --data-binary @"$T/big.json"
assert_eq "$STATUS" 413 "body over the cap"

# --- routing ---
req GET /nowhere
assert_eq "$STATUS" 404
req GET /oauth2/token
assert_eq "$STATUS" 405

# --- the requests log masks Authorization, keeps form fields ---
req GET /__stand-in/requests
LOG=$BODY
assert_not_contains "$LOG" "$ID"
assert_not_contains "$LOG" "$ACCESS"
assert_not_contains "$LOG" "/__stand-in/"
assert_eq "$(jget '[r["headers"]["Authorization"] for r in d if r["path"] == "/graphql" and "Authorization" in r["headers"]][-1]')" "${ID2:0:6}***"
assert_eq "$(jget '[r["headers"]["Authorization"] for r in d if r["path"] == "/wizard/projects" and "Authorization" in r["headers"]][-1]')" "Bearer***"
assert_eq "$(jget '[r["form"]["code_verifier"] for r in d if r["path"] == "/oauth2/token" and r.get("form", {}).get("code_verifier") == "'"$V"'"][0]')" "$V"
assert_eq "$(jget '[r["query"]["state"] for r in d if r["path"] == "/oauth2/auth"][0]')" "$STATE"
assert_eq "$(jget '[r["json"]["email"] for r in d if r["path"] == "/t/agentic/signup/v1"][0]')" new@example.com

# --- delay_ms: a lower bound only (sleeping can only make it slower) ---
req POST /__stand-in/config -d '{"delay_ms":300}'
el=$(curl -sS -o /dev/null -w '%{time_total}' -X POST "$STANDIN_URL/graphql")
python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) >= 0.3 else 1)' "$el" || fail "delay_ms not applied ($el s)"
req POST /__stand-in/config -d '{"delay_ms":0}'

# --- an expired id token is refused ---
req POST /__stand-in/config -d '{"token_ttl":1}'
authorize "$US" "$RU" "$C"
token -d grant_type=authorization_code -d "code=$(qparam "$LOC" code)" -d "redirect_uri=$RU" -d "client_id=$US" -d "code_verifier=$V"
SHORT=$(jget 'd["id_token"]')
sleep 2
req POST /graphql -H "Authorization: $SHORT" -d "$Q"
assert_eq "$STATUS" 401 "expired id token"

# --- --orgs FILE ---
cat >"$T/orgs.json" <<'EOF'
{"orgs": [{"id": "o-1", "name": "Acme", "workspaces": [
  {"id": "w-1", "name": "Web", "environments": [
    {"name": "Development", "rank": 2, "app": {"id": 11, "apiKey": "dddddddddddddddddddddddddddddddd"}},
    {"name": "Production", "rank": 1, "app": {"id": 12, "apiKey": "pppppppppppppppppppppppppppppppp"}}]}]},
  {"id": "o-2", "name": "Side", "workspaces": []}]}
EOF
FIRST_URL=$STANDIN_URL
start_standin --orgs "$T/orgs.json"
[ "$STANDIN_URL" != "$FIRST_URL" ] || fail "second stand-in on the same port"
authorize "$US" "$RU" "$C"
token -d grant_type=authorization_code -d "code=$(qparam "$LOC" code)" -d "redirect_uri=$RU" -d "client_id=$US" -d "code_verifier=$V"
req POST /graphql -H "Authorization: $(jget 'd["id_token"]')" -d "$Q"
assert_eq "$(jget '[o["name"] for o in d["data"]["orgs"]]')" '["Acme", "Side"]'
assert_eq "$(jget 'd["data"]["orgs"][1]["user"]["id"]')" 12345 "default user"
req POST /2/httpapi -d '{"api_key":"dddddddddddddddddddddddddddddddd","events":[{"event_type":"x","user_id":"user-1"}]}'
assert_eq "$STATUS" 200 "key from --orgs accepted"
req POST /2/httpapi -d '{"api_key":"'$KEY'","events":[{"event_type":"x","user_id":"user-1"}]}'
assert_eq "$STATUS" 400 "the other server's key is not served here"

# --- follow-browser: follows the authorize redirect to the callback ---
FB="$WIZ_BUILD/follow-browser"
[ -x "$FB" ] || fail "follow-browser not in the build dir"
AUTH_URL="$STANDIN_URL/oauth2/auth?client_id=$US&redirect_uri=$RU&response_type=code&code_challenge=$C&code_challenge_method=S256&scope=openid+offline&state=$STATE"
run_fb() { expect_rc 0 env FOLLOW_BROWSER_LOG="$T/fb.log" FOLLOW_BROWSER_CALLBACK_LOG="$T/cb.log" "$@" "$FB" --new-window "$AUTH_URL"; }
run_fb
assert_eq "$(tail -n1 "$T/fb.log")" "$AUTH_URL" "follow-browser logs the URL"
CB=$(tail -n1 "$T/cb.log")
assert_contains "$CB" "$RU?code=ory_ac_"
assert_eq "$(qparam "$CB" state)" "$STATE"
run_fb FOLLOW_BROWSER_MANGLE_STATE=1
CB=$(tail -n1 "$T/cb.log")
[ -n "$(qparam "$CB" code)" ] || fail "mangled callback lost its code: $CB"
[ "$(qparam "$CB" state)" != "$STATE" ] || fail "state not mangled: $CB"
run_fb FOLLOW_BROWSER_DENY=1
CB=$(tail -n1 "$T/cb.log")
assert_eq "$(qparam "$CB" error)" access_denied
assert_eq "$(qparam "$CB" state)" "$STATE"
assert_eq "$(qparam "$CB" code)" ""
expect_rc 1 env FOLLOW_BROWSER_CALLBACK_LOG="$T/cb.log" "$FB" "$STANDIN_URL/nowhere"

# --- clean shutdown on SIGTERM / SIGINT (under ASan a leak or error would change the status) ---
stop_with() {
    kill "-$1" "$2"
    set +e
    wait "$2"
    local rc=$?
    set -e
    assert_eq "$rc" 0 "exit status after SIG$1"
}
stop_with TERM "${STANDIN_PIDS[-1]}"
assert_contains "$(cat "$T/standin.log")" "SIGTERM, stopping"
stop_with INT "$FIRST_PID"
echo "stand-in ok"
