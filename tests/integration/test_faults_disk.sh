# Disk faults. A write of the credential file that fails part-way (ENOSPC on write(), EIO
# on fsync(), injected by tests/helpers/shims/failwrite.c) leaves the old file byte for
# byte and no temp file; a read-only home directory gives a clear error and exit 1.
# (A lock held by another process -> exit 14 is covered by test_store_concurrency.sh.)
source "$(dirname "$0")/lib.sh"
SHIM="$WIZ_TEST_HELPERS/failwrite.so"
WRITER="$WIZ_TEST_HELPERS/store_writer"
[ -e "$SHIM" ] || fail "missing $SHIM (built by tests/fuzz/CMakeLists.txt)"
F="$AMPLI_WIZARD_CONFIG"
# In a sanitizer build the runtime must come first in LD_PRELOAD; its write/fsync
# interceptors then call on into the shim.
PRELOAD="$SHIM"
ASAN_LIB=$(ldd "$WIZ_BIN" | awk '/libasan/ {print $3}')
[ -z "$ASAN_LIB" ] || PRELOAD="$ASAN_LIB $SHIM"

expect_rc 0 "$WRITER" "$F" put 111
expect_rc 0 "$WRITER" "$F" put 222 eu
cp "$F" "$T/before.json"
no_temp() { [ -z "$(find "$HOME" -maxdepth 1 -name '.ampli.json.tmp-*')" ] || fail "$1: temp file left: $(ls -a "$HOME")"; }

# faulty CALL ERRNO NTH: a store write and a logout under the shim keep the old file
faulty() {
  local env=(env LD_PRELOAD="$PRELOAD" FAILWRITE_MATCH=".ampli.json.tmp-" FAILWRITE_CALL="$1" FAILWRITE_ERRNO="$2" FAILWRITE_NTH="$3")
  set +e; "${env[@]}" "$WRITER" "$F" put 333 >"$T/out" 2>"$T/err"; local rc=$?; set -e
  [ "$rc" -ne 0 ] || fail "$1/$2: store write succeeded through a failing $1"
  cmp -s "$F" "$T/before.json" || fail "$1/$2: the credential file changed"
  no_temp "store_writer $1/$2"
  expect_rc 1 "${env[@]}" "$WIZ_BIN" logout
  assert_contains "$ERR" "$4"
  [ "$(printf '%s\n' "$ERR" | grep -c .)" -eq 1 ] || fail "$1/$2: expected one line, got: $ERR"
  cmp -s "$F" "$T/before.json" || fail "logout $1/$2: the credential file changed"
  no_temp "logout $1/$2"
}
faulty write ENOSPC 1 "No space left on device"
faulty write EIO 1 "Input/output error"
faulty fsync EIO 1 "Input/output error"
faulty fsync ENOSPC 1 "No space left on device"

# without the shim the same logout works (the faults, not the setup, made them fail)
expect_rc 0 "$WIZ_BIN" logout
[ "$(jq 'keys | length' "$F")" -eq 0 ] || fail "logout did not remove the entries"

# read-only home: the lock and the temp file cannot be created. Root ignores mode bits,
# so as root the wizard runs as nobody (owning the file, not the directory).
cp "$T/before.json" "$F"
chmod 555 "$HOME"
RUN=()
if [ "$(id -u)" -eq 0 ]; then
  chown 65534:65534 "$F"; chown 65534:65534 "$T"; chmod 755 "$T"
  RUN=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
expect_rc 1 "${RUN[@]}" "$WIZ_BIN" logout
assert_contains "$ERR" "Permission denied"
assert_contains "$ERR" "$HOME"
[ "$(printf '%s\n' "$ERR" | grep -c .)" -eq 1 ] || fail "read-only home: expected one line, got: $ERR"
cmp -s "$F" "$T/before.json" || fail "read-only home: the credential file changed"
chmod 755 "$HOME"
echo ok
