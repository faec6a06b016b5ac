# Network faults: the token endpoint (refresh, never sent twice: a refresh token is spent
# once) and the GraphQL endpoint (a read: 500 and a cut reply are tried 3 times, said once)
# answering 500,
# not JSON, truncated JSON, closing mid-body, a body over the 1 MiB cap, or nothing
# (timeout) each give one clear line and exit 4; invalid_grant gives exit 3. The
# credential file is never written (byte-identical afterwards). Servers: the stand-in
# (500 from GraphQL) and tests/helpers/misbehaving_server.py.
# The HTTP client's total timeout is a fixed 30 s (core/http/http.c, no override), so the
# timeout case takes that long; it asserts the outcome, not the duration.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"

iso_in() { date -u -d "@$(( $(date +%s) + $1 ))" +%Y-%m-%dT%H:%M:%S.000Z; }
# seed SECONDS_LEFT: a stored session for User-12345 expiring in SECONDS_LEFT
seed() {
  jq -n --arg e "$(iso_in "$1")" '{"User-12345": {"User": {"id":"12345","firstName":"Ada","lastName":"L",
    "email":"ada@example.com","zone":"us"}, "OAuthAccessToken":"ory_at_old","OAuthIdToken":"old.id.token",
    "OAuthRefreshToken":"ory_rt_old","OAuthExpiresAt":$e}, "Other": {"kept": true}}' >"$AMPLI_WIZARD_CONFIG"
  chmod 600 "$AMPLI_WIZARD_CONFIG"
  cp "$AMPLI_WIZARD_CONFIG" "$T/before.json"
}
unchanged() {
  cmp -s "$AMPLI_WIZARD_CONFIG" "$T/before.json" || fail "$1: the credential file was written"
  # no temp file left beside it either
  [ -z "$(find "$HOME" -maxdepth 1 -name '.ampli.json.*' ! -name '*.lock')" ] || fail "$1: temp file left: $(ls -a "$HOME")"
}
one_line() {
  [ "$(printf '%s\n' "$ERR" | grep -c .)" -eq 1 ] || fail "$1: expected one line on stderr, got: $ERR"
}
# a transient failure of an idempotent call: said once ("trying again"), then the error
retried_line() {
  [ "$(printf '%s\n' "$ERR" | grep -c .)" -eq 2 ] || fail "$1: expected the retry notice and the error, got: $ERR"
  [ "$(printf '%s\n' "$ERR" | grep -c 'trying again')" -eq 1 ] || fail "$1: the retry was not said once: $ERR"
}

# --- the stand-in: GraphQL answers 500 ---
start_standin
seed 7200
standin_config '{"fail_userinfo": 5}'
expect_rc 4 "$WIZ_BIN" login --ci
retried_line "stand-in 500"; assert_contains "$ERR" "500"
assert_contains "$ERR" "answered HTTP 500 to every try; Amplitude's service may be busy or down: try again in a few minutes"
assert_contains "$ERR" "${STANDIN_URL#http://}"
[ "$(count_requests POST /graphql)" -eq 3 ] || fail "stand-in 500: expected 3 tries of the orgs query"
unchanged "stand-in 500"


# --- the misbehaving server ---
python3 "$WIZ_TEST_SRC/tests/helpers/misbehaving_server.py" "$T/bad.port" "$T/mode" &
STANDIN_PIDS+=($!)
for _ in $(seq 1 250); do [ -s "$T/bad.port" ] && break; sleep 0.02; done
[ -s "$T/bad.port" ] || fail "misbehaving server did not start"
export AMPLI_WIZARD_SERVER="http://127.0.0.1:$(cat "$T/bad.port")"

# case MODE WANT_RC PATTERN: refresh (token endpoint) then orgs (GraphQL) under MODE
case_token() {
  echo "$1" >"$T/mode"; seed 60
  expect_rc "$2" "$WIZ_BIN" auth token
  one_line "token/$1"; assert_contains "$ERR" "$3"; unchanged "token/$1"
  assert_not_contains "$ERR" "ory_rt_old"
}
case_graphql() {
  echo "$1" >"$T/mode"; seed 7200
  expect_rc "$2" "$WIZ_BIN" login --ci
  case "$1" in
    500|midbody) retried_line "graphql/$1" ;; # a read: retried, said once
    *) one_line "graphql/$1" ;;
  esac
  assert_contains "$ERR" "$3"; unchanged "graphql/$1"
}
for fn in case_token case_graphql; do
  $fn 500 4 "500"
  $fn badjson 4 "JSON"
  $fn truncated 4 "JSON"
  $fn midbody 4 "transfer closed with"
  $fn huge 4 "larger than"
done
# invalid_grant on refresh: the session is over, exit 3 (auth), still nothing written
case_token grant 3 "refresh_failed"
# no answer at all: the client's 30 s timeout, exit 4
case_graphql hang 4 "timed out after"
echo "ok"
