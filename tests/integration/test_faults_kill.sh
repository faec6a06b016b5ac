# SIGKILL at random points of `setup --api-key ... --ci --skip-install` (KILL_RUNS runs,
# default 200) on a small project: afterwards the project is untouched, completely set
# up, or restored exactly by `undo`; the credential file beside it is never corrupted.
# The kill delays are random (seed printed, KILL_SEED=... replays a sequence); the
# verdict never depends on timing.
source "$(dirname "$0")/lib.sh"
W="$WIZ_BIN"
TP="$WIZ_BUILD/test-plugins"
mkdir -p "$T/builtin"; chmod 755 "$T/builtin"; cp "$TP/c_basic.so" "$T/builtin/"
export AMPLI_WIZARD_BUILTIN_PLUGINS="$T/builtin" AMPLI_WIZARD_PLUGIN_PATH= NO_COLOR=1
RUNS=${KILL_RUNS:-200}
SEED=${KILL_SEED:-$$}
RANDOM=$SEED
echo "kill seed: $SEED"

# a credential file that must survive every kill
"$WIZ_TEST_HELPERS/store_writer" "$AMPLI_WIZARD_CONFIG" put 111 >/dev/null
cp "$AMPLI_WIZARD_CONFIG" "$T/cred.before"

P="$T/app"; mkdir -p "$P"
printf '{\n  "name": "app",\n  "dependencies": {\n    "express": "^4.19.0"\n  }\n}\n' >"$P/package.json"
printf '# local settings\nPORT=3000\n' >"$P/.env.example"
touch "$P/test-basic.marker" "$P/package-lock.json"
cp -a "$P" "$T/app.orig"
tree() { (cd "$1" && find . -path ./.amplitude -prune -o -type f -print | sort | xargs sha256sum); }
tree "$P" >"$T/tree.before"
SETUP=("$W" setup --api-key KEY-1 --ci --skip-install --install-dir "$P")
start=$(date +%s%N)
"${SETUP[@]}" >/dev/null 2>&1 || fail "clean setup failed"
dur_us=$(( ($(date +%s%N) - start) / 1000 ))
tree "$P" >"$T/tree.after"
[ "$(cat "$T/tree.before")" != "$(cat "$T/tree.after")" ] || fail "setup changed nothing"

untouched=0; complete=0; undone=0; killed=0
for i in $(seq 1 "$RUNS"); do
  rm -rf "$P"; cp -a "$T/app.orig" "$P"
  # a random point between the start and a little past the clean run's duration
  delay_us=$(( (RANDOM * 32768 + RANDOM) % (dur_us + dur_us / 4 + 1) ))
  "${SETUP[@]}" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '0.%06d' "$delay_us")"
  kill -KILL "$pid" 2>/dev/null && killed=$((killed + 1))
  wait "$pid" 2>/dev/null || true
  jq -e . "$AMPLI_WIZARD_CONFIG" >/dev/null || fail "run $i: credential file corrupt"
  cmp -s "$AMPLI_WIZARD_CONFIG" "$T/cred.before" || fail "run $i: credential file changed by setup --api-key"
  got=$(tree "$P")
  if [ "$got" = "$(cat "$T/tree.before")" ]; then
    untouched=$((untouched + 1))
  elif [ "$got" = "$(cat "$T/tree.after")" ]; then
    complete=$((complete + 1))
  else
    "$W" undo --ci --install-dir "$P" >"$T/undo.out" 2>&1 || fail "run $i (killed after ${delay_us} us): half-applied and undo failed: $(cat "$T/undo.out")"
    [ "$(tree "$P")" = "$(cat "$T/tree.before")" ] || fail "run $i (killed after ${delay_us} us): undo did not restore the project: $(cat "$T/undo.out"); $(diff <(echo "$got") "$T/tree.before"); now: $(diff <(tree "$P") "$T/tree.before")"
    undone=$((undone + 1))
  fi
done
echo "kill: $RUNS runs (clean run ${dur_us} us), $killed killed mid-run: $untouched untouched, $complete complete, $undone half-applied and restored by undo"
[ "$killed" -gt 0 ] || fail "no run was killed before it finished"
