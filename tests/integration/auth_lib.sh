# Helpers for the sign-in integration tests; source after lib.sh.
# The OAuth callback ports 13222..13232 are a fixed, shared resource: every test that
# signs in through the browser holds this lock for its whole run (ctest -j safe).
FOLLOW_BROWSER="$WIZ_TEST_SRC/workbench/stand-in/follow-browser"
CALLBACK_PORTS_LOCK=/tmp/ampli-wizard-callback-ports.lock

lock_callback_ports() {
  exec 9>>"$CALLBACK_PORTS_LOCK"
  flock 9
}

# standin_requests: the stand-in's request log (JSON array) on stdout
standin_requests() { curl -sS --max-time 10 "$STANDIN_URL/__stand-in/requests"; }
# count_requests METHOD PATH
count_requests() { standin_requests | jq --arg m "$1" --arg p "$2" '[.[] | select(.method == $m and .path == $p)] | length'; }
# standin_config JSON: change the stand-in's settings at run time
standin_config() { curl -sS --max-time 10 -X POST -H 'Content-Type: application/json' -d "$1" "$STANDIN_URL/__stand-in/config" >/dev/null; }
# stored JQ-FILTER: evaluates a jq filter on the credential file
stored() { jq -r "$1" "$AMPLI_WIZARD_CONFIG"; }
# jwt_claim TOKEN CLAIM: a claim of a JWT's payload (not verified)
jwt_claim() {
  local p; p=$(printf '%s' "$1" | cut -d. -f2 | tr '_-' '/+')
  while [ $(( ${#p} % 4 )) -ne 0 ]; do p="$p="; done
  printf '%s' "$p" | base64 -d | jq -r ".$2"
}
# iso_to_epoch ISO-8601
iso_to_epoch() { date -u -d "$1" +%s; }
# write_orgs FILE JSON
write_orgs() { printf '%s\n' "$2" >"$1"; }
