# Allocation-failure injection (curl's "torture"): tests/helpers/shims/failmalloc.so makes
# the Nth allocation fail, for every N a run makes (counted by one clean run first):
#   1. a bundled store write (store_writer put),
#   2. setup --api-key --ci --skip-install (plan + apply) on a small app,
#   3. a browser login against the stand-in.
# Each run must end without a signal, with a message when it fails, and leave the
# credential file / project tree either untouched or completely updated.
# TORTURE_STRIDE=k tests every k-th N of setup and login (default: as many as fit in
# about 150 runs each; 1 = every N, as `scripts/torture` does).
source "$WIZ_TEST_SRC/tests/integration/lib.sh"
source "$WIZ_TEST_SRC/tests/integration/auth_lib.sh"
SHIM="$WIZ_TEST_HELPERS/failmalloc.so"
[ -e "$SHIM" ] || fail "missing $SHIM (built by tests/fuzz/CMakeLists.txt)"
W="$WIZ_BIN"
F="$AMPLI_WIZARD_CONFIG"
# strip what legitimately differs between two complete writes (expiry timestamps)
norm() { jq -S 'walk(if type == "object" then del(.OAuthExpiresAt) else . end)' "$1"; }
# count CMD...: number of allocations a clean run of CMD makes
count() { FAILMALLOC_COUNT_FILE="$T/count" LD_PRELOAD="$SHIM" "$@" >/dev/null 2>&1 || fail "clean run failed: $*"; cat "$T/count"; }
stride() { local n=$1; echo $(( ${TORTURE_STRIDE:-$(( n / 150 + 1 ))} )); }
# run_n N CMD...: runs CMD with the Nth allocation failing; sets RC, ERRTXT
run_n() {
  local n=$1; shift
  set +e; FAILMALLOC_NTH=$n LD_PRELOAD="$SHIM" "$@" >"$T/out" 2>"$T/err"; RC=$?; set -e
  ERRTXT=$(cat "$T/err")
  if [ "$RC" -ge 128 ]; then
    # a backtrace for the report, when gdb is there
    command -v gdb >/dev/null && gdb -q -batch -ex "set environment LD_PRELOAD $SHIM" \
      -ex "set disable-randomization off" -ex "set environment FAILMALLOC_NTH $n" -ex run -ex bt --args "$@" </dev/null 2>&1 | grep -A15 "received signal" >&2 || true
    fail "N=$n: '$*' died with signal $((RC - 128)): $ERRTXT"
  fi
  [ "$RC" -eq 0 ] || [ -n "$ERRTXT" ] || fail "N=$n: '$*' failed ($RC) without a message"
}

# --- 1. the bundled store write ---
WR="$WIZ_TEST_HELPERS/store_writer"
"$WR" "$F" put 111 >/dev/null; "$WR" "$F" put 222 eu >/dev/null
cp "$F" "$T/before.json"
"$WR" "$F" put 333 >/dev/null; norm "$F" >"$T/after.norm"
cp "$T/before.json" "$F"
total=$(count "$WR" "$F" put 333)
fails=0
for n in $(seq 1 "$total"); do
  cp "$T/before.json" "$F"
  run_n "$n" "$WR" "$F" put 333
  if ! cmp -s "$F" "$T/before.json"; then
    [ "$(norm "$F")" = "$(cat "$T/after.norm")" ] || fail "store N=$n (rc $RC): credential file neither old nor new: $(cat "$F")"
  fi
  [ -z "$(find "$HOME" -maxdepth 1 -name '.ampli.json.corrupt-*' -o -maxdepth 1 -name '.ampli.json.tmp-*')" ] ||
    fail "store N=$n: left $(ls -a "$HOME")"
  [ "$RC" -eq 0 ] || fails=$((fails + 1))
done
[ "$fails" -gt 0 ] || fail "no store run failed: the shim did not bite"
echo "store write: $total allocations, every N tested, $fails runs failed cleanly"

# --- 2. setup --api-key plan/apply ---
TP="$WIZ_BUILD/test-plugins"
mkdir -p "$T/builtin"; chmod 755 "$T/builtin"; cp "$TP/c_basic.so" "$T/builtin/"
export AMPLI_WIZARD_BUILTIN_PLUGINS="$T/builtin" AMPLI_WIZARD_PLUGIN_PATH= NO_COLOR=1
P="$T/app"; mkdir -p "$P"
printf '{\n  "name": "app",\n  "dependencies": {\n    "express": "^4.19.0"\n  }\n}\n' >"$P/package.json"
printf '# local settings\nPORT=3000\n' >"$P/.env.example"
touch "$P/test-basic.marker" "$P/package-lock.json"
cp -a "$P" "$T/app.orig"
tree() { (cd "$1" && find . -path ./.amplitude -prune -o -type f -print | sort | xargs sha256sum); }
SETUP=("$W" setup --api-key KEY-1 --ci --skip-install --install-dir "$P")
"${SETUP[@]}" >/dev/null 2>&1 || fail "clean setup failed"
tree "$P" >"$T/tree.after"; tree "$T/app.orig" >"$T/tree.before"
reset_app() { rm -rf "$P"; cp -a "$T/app.orig" "$P"; }
reset_app
total=$(count "${SETUP[@]}")
step=$(stride "$total"); fails=0; runs=0
for n in $(seq 1 "$step" "$total"); do
  reset_app
  run_n "$n" "${SETUP[@]}"
  runs=$((runs + 1))
  got=$(tree "$P")
  if [ "$got" != "$(cat "$T/tree.before")" ] && [ "$got" != "$(cat "$T/tree.after")" ]; then
    # half-applied: undo must bring the original back
    "$W" undo --ci --install-dir "$P" >/dev/null 2>&1 || fail "setup N=$n (rc $RC): half-applied and undo failed"
    [ "$(tree "$P")" = "$(cat "$T/tree.before")" ] || fail "setup N=$n (rc $RC): half-applied, undo did not restore: $ERRTXT"
  fi
  [ "$RC" -eq 0 ] || fails=$((fails + 1))
done
[ "$fails" -gt 0 ] || fail "no setup run failed: the shim did not bite"
echo "setup: $total allocations, $runs runs (every ${step}th N), $fails failed cleanly"

# --- 3. browser login against the stand-in ---
lock_callback_ports
start_standin
# the browser is a child: keep the shim out of it
printf '#!/bin/sh\nexec env -u LD_PRELOAD -u FAILMALLOC_NTH -u FAILMALLOC_COUNT_FILE %q "$@"\n' "$WIZ_TEST_SRC/workbench/stand-in/follow-browser" >"$T/browser"
chmod +x "$T/browser"
export BROWSER="$T/browser"
rm -f "$F"
LOGIN=("$W" login --login-timeout 5)
total=$(count "${LOGIN[@]}")
rm -f "$F" "$F.lock"
step=$(stride "$total"); fails=0; runs=0
for n in $(seq 1 "$step" "$total"); do
  rm -f "$F"
  run_n "$n" "${LOGIN[@]}"
  runs=$((runs + 1))
  if [ -e "$F" ]; then
    jq -e '."User-12345" | (.User.email == "ada@example.com") and (.OAuthAccessToken | length > 0) and
      (.OAuthIdToken | length > 0) and (.OAuthRefreshToken | length > 0) and (.OAuthExpiresAt | length > 0)' \
      "$F" >/dev/null || fail "login N=$n (rc $RC): incomplete credential file: $(cat "$F")"
  fi
  [ "$RC" -eq 0 ] || fails=$((fails + 1))
done
[ "$fails" -gt 0 ] || fail "no login run failed: the shim did not bite"
echo "login: $total allocations, $runs runs (every ${step}th N), $fails failed cleanly"
