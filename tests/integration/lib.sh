# Shared helpers for integration tests (sourced). Every test gets its own temp dir,
# HOME and credential file; servers listen on ephemeral loopback ports.
set -euo pipefail
: "${WIZ_BIN:?run through ctest}"
: "${WIZ_BUILD:?run through ctest}"
T=$(mktemp -d "${TMPDIR:-/tmp}/wiztest.XXXXXX")
export HOME="$T/home"
mkdir -p "$HOME"
export AMPLI_WIZARD_CONFIG="$HOME/.ampli.json"
unset AMPLI_WIZARD_SERVER AMPLITUDE_WIZARD_API_KEY AMPLITUDE_WIZARD_AGENT BROWSER || true
STANDIN_PIDS=()
cleanup() {
  # every background helper a test started dies with it (an orphan could hold a lock)
  local j; for j in $(jobs -p); do kill "$j" 2>/dev/null || true; done
  for p in "${STANDIN_PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$T"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
# expect_rc CODE cmd... : runs cmd, output in $OUT (stdout) and $ERR (stderr)
expect_rc() {
  local want=$1; shift
  set +e
  "$@" >"$T/out" 2>"$T/err"
  local got=$?
  set -e
  OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
  [ "$got" -eq "$want" ] || { echo "stdout: $OUT" >&2; echo "stderr: $ERR" >&2; fail "'$*' exited $got, wanted $want"; }
}
assert_contains() { case "$1" in *"$2"*) ;; *) fail "expected to find '$2' in: $1" ;; esac; }
assert_not_contains() { case "$1" in *"$2"*) fail "did not expect '$2' in: $1" ;; *) ;; esac; }

# start_standin [flags...]: starts build/amplitude-stand-in on an ephemeral port, sets
# STANDIN_URL and exports AMPLI_WIZARD_SERVER to it.
start_standin() {
  local pf="$T/standin.port.$RANDOM"
  "$WIZ_BUILD/amplitude-stand-in" --port 0 --port-file "$pf" "$@" >"$T/standin.log" 2>&1 9>&- &
  STANDIN_PIDS+=($!)
  for _ in $(seq 1 200); do [ -s "$pf" ] && break; sleep 0.02; done
  [ -s "$pf" ] || { cat "$T/standin.log" >&2; fail "stand-in did not start"; }
  STANDIN_URL="http://127.0.0.1:$(cat "$pf")"
  export AMPLI_WIZARD_SERVER="$STANDIN_URL"
}

# The run records of project dir $1 (ledger_dir.c): outside the project, per user.
runs_of() {
  local real; real=$(realpath "$1")
  printf '%s/runs/%s/undo' "${AMPLITUDE_WIZARD_CACHE_DIR:-$HOME/.amplitude/wizard}" \
    "$(printf '%s' "$real" | sha256sum | cut -c1-12)"
}
# The newest run id of project dir $1.
newest_run() { ls -t "$(runs_of "$1")" | head -1; }
# Only the C test plugin test-basic (tests/plugins/c_basic) as a built-in, no other plugins.
only_test_basic_plugin() {
  mkdir -p "$T/builtin" "$T/none"; chmod 755 "$T/builtin" "$T/none"
  cp "$WIZ_BUILD/test-plugins/c_basic.so" "$T/builtin/"
  export AMPLI_WIZARD_BUILTIN_PLUGINS="$T/builtin" AMPLI_WIZARD_PLUGIN_PATH="$T/none"
}
