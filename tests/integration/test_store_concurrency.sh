# The credential file under concurrent writers: the lock serialises read-modify-writes,
# the atomic replace means a killed writer never leaves a torn file, and a held lock
# ends in exit 14 naming the lock file.
. "$(dirname "$0")/lib.sh"
W="$WIZ_TEST_HELPERS/store_writer"
F="$AMPLI_WIZARD_CONFIG"
[ -x "$W" ] || fail "store_writer helper not built"

parses() { # the file must be one valid JSON object
  if command -v jq >/dev/null; then jq -e 'type == "object"' "$1" >/dev/null
  else python3 -c 'import json,sys; assert isinstance(json.load(open(sys.argv[1])), dict)' "$1"; fi
}

# 1. 32 processes each store a different user at the same moment: all 32 entries land.
#    The wait is generous: the lock's timeout is not what this test measures.
export AMPLI_WIZARD_LOCK_TIMEOUT_MS=120000
printf '{"Keep":{"me":[1,2,3]}}' >"$F"
export WIZ_WRITER_GO="$T/go"
pids=()
for i in $(seq 1 32); do
  zone=us; [ $((i % 4)) -eq 0 ] && zone=eu
  "$W" "$F" put "user$i" "$zone" 2>"$T/w$i.err" &
  pids+=($!)
done
touch "$WIZ_WRITER_GO"
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || fail "writer $((i + 1)) failed: $(cat "$T/w$((i + 1)).err")"
done
unset WIZ_WRITER_GO
parses "$F" || fail "file does not parse after concurrent writes"
n=$(python3 -c 'import json,sys; print(len([k for k in json.load(open(sys.argv[1])) if k.startswith("User")]))' "$F")
[ "$n" -eq 32 ] || fail "expected 32 user entries, found $n"
for i in $(seq 1 32); do
  key="User-user$i"; [ $((i % 4)) -eq 0 ] && key="User[eu]-user$i"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[sys.argv[2]]["User"]["id"]==sys.argv[3]' \
    "$F" "$key" "user$i" || fail "entry $key missing or wrong"
done
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["Keep"]=={"me":[1,2,3]}' "$F" || fail "unknown key lost"
[ "$(stat -c %a "$F")" = 600 ] || fail "mode is $(stat -c %a "$F")"
echo "32 concurrent writers: ok"

# 2. Writers killed with SIGKILL at random points never leave a file that fails to parse.
for it in $(seq 1 200); do
  "$W" "$F" loop 2>/dev/null &
  pid=$!
  sleep "0.00$((RANDOM % 10))$((RANDOM % 10))"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -e "$F" ]; then parses "$F" || fail "iteration $it: file does not parse after SIGKILL"; fi
done
ls "$F".corrupt-* >/dev/null 2>&1 && fail "a writer found a corrupt file during the kill loop"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["Keep"]=={"me":[1,2,3]}' "$F" || fail "unknown key lost in kill loop"
# the store still works afterwards: the lock died with its holders
AMPLI_WIZARD_LOCK_TIMEOUT_MS=2000 expect_rc 0 "$W" "$F" put after us
echo "kill loop: ok"

# 3. A lock held by another process: logout gives up after the timeout with exit 14.
exec 9>"$F.lock"
flock -n 9 || fail "could not take the lock for the test"
before=$(cat "$F")
AMPLI_WIZARD_LOCK_TIMEOUT_MS=100 expect_rc 14 "$WIZ_BIN" logout
assert_contains "$ERR" "$F.lock"
[ "$before" = "$(cat "$F")" ] || fail "file changed while the lock was held"
flock -u 9
exec 9>&-
AMPLI_WIZARD_LOCK_TIMEOUT_MS=100 expect_rc 0 "$WIZ_BIN" logout
assert_contains "$OUT" "removed User-after"
echo "lock held: ok"
