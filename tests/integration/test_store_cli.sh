# whoami, auth status (text and --json) and logout through the real binary, on
# hand-written credential files. Exit codes 0/3, and never a token in any output.
. "$(dirname "$0")/lib.sh"
F="$AMPLI_WIZARD_CONFIG"
SECRETS="SECRET-us-access SECRET-us-id SECRET-us-refresh SECRET-eu-access SECRET-eu-id SECRET-eu-refresh SECRET-pending"
no_tokens() { for s in $SECRETS; do assert_not_contains "$OUT$ERR" "$s"; done; }
json() { python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print(eval(sys.argv[1]))' "$1" <<<"$OUT"; }

# no file at all: not logged in anywhere
expect_rc 3 "$WIZ_BIN" whoami
assert_contains "$ERR" "not logged in"
# --json: Amplitude's wizard's fields (loggedIn, user, tokenExpiresAt) and its exit 3
expect_rc 3 "$WIZ_BIN" auth status --json
[ "$(json 'd["loggedIn"], d["user"], d["tokenExpiresAt"]')" = "(False, None, None)" ] || fail "loggedIn: $OUT"
[ "$(printf '%s\n' "$OUT" | wc -l)" -eq 1 ] || fail "--json is not one line: $OUT"
# whoami --json: the one envelope line Amplitude's wizard prints, exit 0 either way
expect_rc 0 "$WIZ_BIN" whoami --json
[ "$(json 'd["type"], d["data_version"], d["data"]["event"], d["data"]["loggedIn"], d["data"]["loginCommand"]')" = \
  "('result', 1, 'whoami', False, ['ampli-wizard', 'login'])" ] || fail "whoami --json: $OUT"
expect_rc 0 "$WIZ_BIN" logout
assert_contains "$OUT" "nothing to remove"
[ -e "$F" ] && fail "logout created a credential file"

now=$(date +%s)
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%S.000Z; }
write_store() {
  cat >"$F" <<JSON
{
  "ampli": {"orgId": "o1", "sourceId": [1, 2, {"x": null}]},
  "User-12345": {"User": {"id": "12345", "firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com", "zone": "us", "avatar": "a.png"},
                 "OAuthAccessToken": "SECRET-us-access", "OAuthIdToken": "SECRET-us-id", "OAuthRefreshToken": "SECRET-us-refresh",
                 "OAuthExpiresAt": "$(iso $((now + 7200)))", "Extra": {"kept": true}},
  "User[eu]-678": {"User": {"id": "678", "firstName": "Bruno", "lastName": "M", "email": "bruno@example.eu", "zone": "eu"},
                   "OAuthAccessToken": "SECRET-eu-access", "OAuthIdToken": "SECRET-eu-id", "OAuthRefreshToken": "SECRET-eu-refresh",
                   "OAuthExpiresAt": "$(iso $((now + 120)))"},
  "User[eu]-pending": {"User": {"id": "pending", "firstName": "", "lastName": "", "email": "", "zone": "eu"},
                       "OAuthAccessToken": "SECRET-pending", "OAuthIdToken": "SECRET-pending", "OAuthRefreshToken": "SECRET-pending",
                       "OAuthExpiresAt": "$(iso $((now + 3600)))"}
}
JSON
  chmod 600 "$F"
}
write_store

expect_rc 0 "$WIZ_BIN" whoami
assert_contains "$OUT" "Ada Lovelace"; assert_contains "$OUT" "ada@example.com"; assert_contains "$OUT" "us"; no_tokens
expect_rc 0 "$WIZ_BIN" whoami --zone eu
assert_contains "$OUT" "Bruno M"; assert_contains "$OUT" "bruno@example.eu"; assert_contains "$OUT" "eu"; no_tokens

expect_rc 0 "$WIZ_BIN" auth status
assert_contains "$OUT" "logged in:   yes"; assert_contains "$OUT" "Ada Lovelace"
assert_contains "$OUT" "$(iso $((now + 7200)))"; assert_contains "$OUT" "refresh due: no"; no_tokens
# two minutes left in eu: a refresh is due; the pending sentinel is reported, the real user wins
expect_rc 0 "$WIZ_BIN" --zone eu auth status --json
no_tokens
[ "$(printf '%s\n' "$OUT" | wc -l)" -eq 1 ] || fail "--json is not one line: $OUT"
[ "$(json 'sorted(d)')" = "['loggedIn', 'pending', 'refreshDue', 'tokenExpiresAt', 'user', 'zone']" ] || fail "keys: $OUT"
[ "$(json 'sorted(d["user"])')" = "['email', 'firstName', 'id', 'lastName', 'zone']" ] || fail "user keys: $OUT"
[ "$(json 'd["loggedIn"], d["zone"], d["refreshDue"], d["pending"], d["user"]["id"], d["user"]["email"], d["user"]["firstName"]')" = \
  "(True, 'eu', True, True, '678', 'bruno@example.eu', 'Bruno')" ] || fail "eu status: $OUT"
[ "$(json 'd["tokenExpiresAt"]')" = "$(iso $((now + 120)))" ] || fail "tokenExpiresAt: $OUT"
expect_rc 0 "$WIZ_BIN" whoami --zone eu --json
[ "$(json 'd["data"]["loggedIn"], d["data"]["email"], d["data"]["firstName"], d["data"]["lastName"], d["data"]["region"], d["data"]["tokenExpiresAt"]')" = \
  "(True, 'bruno@example.eu', 'Bruno', 'M', 'eu', '$(iso $((now + 120)))')" ] || fail "whoami --json: $OUT"
no_tokens

# logout of one zone: only that zone's entries go, the rest stays by value
expect_rc 0 "$WIZ_BIN" logout --zone eu
assert_contains "$OUT" "User[eu]-678"; assert_contains "$OUT" "User[eu]-pending"; assert_not_contains "$OUT" "User-12345"; no_tokens
expect_rc 3 "$WIZ_BIN" whoami --zone eu
assert_contains "$ERR" "not logged in"
expect_rc 0 "$WIZ_BIN" whoami
[ "$(stat -c %a "$F")" = 600 ] || fail "mode after logout: $(stat -c %a "$F")"
python3 - "$F" <<'PY' || fail "unknown keys or fields not kept"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["ampli"] == {"orgId": "o1", "sourceId": [1, 2, {"x": None}]}
assert d["User-12345"]["Extra"] == {"kept": True}
assert d["User-12345"]["User"]["avatar"] == "a.png"
assert d["User-12345"]["OAuthRefreshToken"] == "SECRET-us-refresh"
assert sorted(d) == ["User-12345", "ampli"]
PY

# only a pending sentinel: not a login (whoami 3), but auth status reports it
write_store
expect_rc 0 "$WIZ_BIN" logout --zone eu
cat >"$F" <<JSON
{"User-pending": {"User": {"id": "pending", "firstName": "", "lastName": "", "email": "", "zone": "us"},
  "OAuthAccessToken": "SECRET-pending", "OAuthIdToken": "SECRET-pending", "OAuthRefreshToken": "SECRET-pending",
  "OAuthExpiresAt": "$(iso $((now + 3600)))"}, "other": 1}
JSON
expect_rc 3 "$WIZ_BIN" whoami
assert_contains "$ERR" "not logged in"; no_tokens
expect_rc 3 "$WIZ_BIN" auth status --json
[ "$(json 'd["loggedIn"], d["pending"], d["user"], d["tokenExpiresAt"]')" = "(False, True, None, None)" ] || fail "pending: $OUT"
no_tokens
expect_rc 3 "$WIZ_BIN" auth status
assert_contains "$OUT" "logged in:   no"; assert_contains "$OUT" "pending"; no_tokens

# logout --json: the keys removed, one object
write_store
expect_rc 0 "$WIZ_BIN" logout --zone eu --json
[ "$(json 'd["removed"]')" = "['User[eu]-678', 'User[eu]-pending']" ] || fail "logout --json: $OUT"
# logout without --zone: every zone
write_store
expect_rc 0 "$WIZ_BIN" logout
for k in "User-12345" "User[eu]-678" "User[eu]-pending"; do assert_contains "$OUT" "removed $k"; done
no_tokens
[ "$(python3 -c 'import json,sys; print(sorted(json.load(open(sys.argv[1]))))' "$F")" = "['ampli']" ] || fail "after logout: $(cat "$F")"
expect_rc 3 "$WIZ_BIN" whoami
expect_rc 3 "$WIZ_BIN" whoami --zone eu

# a corrupt file: one warning, moved aside, treated as empty
printf '{"User-1": ' >"$F"
expect_rc 3 "$WIZ_BIN" whoami
assert_contains "$OUT$ERR" "is not valid JSON; moved it to $F.corrupt-"
ls "$F".corrupt-* >/dev/null || fail "corrupt file not moved aside"
[ "$(cat "$F".corrupt-*)" = '{"User-1": ' ] || fail "corrupt file changed"

# help texts are real
expect_rc 0 "$WIZ_BIN" help auth status
assert_contains "$OUT" "--json"
echo "store cli ok"
