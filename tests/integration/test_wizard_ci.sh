#!/usr/bin/env bash
# (its apps sign in through the browser: it uses the callback ports)
# wizard-ci on the fake apps of tests/ci-fixtures, claimed by the test plugins: a passing app
# at every level, failures detected (setup, expect.json, no event) with the log tail and a
# non-zero exit, --list, --shard (stable, disjoint, complete), --json / --junit, bad args.
source "$(dirname "$0")/lib.sh"
CI="$WIZ_BUILD/wizard-ci"
FX="$WIZ_TEST_SRC/tests/ci-fixtures"
[ -x "$CI" ] || fail "wizard-ci not built"
# only the test plugins, so the real framework plugins do not claim the fake apps
mkdir -p "$T/plugins" "$T/no-builtin"
chmod 755 "$T/plugins" "$T/no-builtin"
cp "$WIZ_BUILD/test-plugins/c_basic.so" "$WIZ_TEST_SRC/tests/plugins/lua/lua_basic.lua" "$T/plugins/"
export AMPLI_WIZARD_PLUGIN_PATH="$T/plugins" AMPLI_WIZARD_BUILTIN_PLUGINS="$T/no-builtin"
export TMPDIR="$T" NO_COLOR=1
run_ci() { expect_rc "$1" "$CI" --apps-dir "$FX" "${@:2}"; }
last_line() { printf '%s\n' "$OUT" | tail -1; }

# --- bad arguments: exit 2 with one line ---
run_ci 2
assert_contains "$ERR" "name the apps"
run_ci 2 all --level nope
assert_contains "$ERR" "--level must be static, build or runtime"
run_ci 2 all --jobs 0
run_ci 2 all --shard 0/2
run_ci 2 all --shard 3/2
run_ci 2 all --shard x
run_ci 2 all --bogus
assert_contains "$ERR" "unknown option '--bogus'"
run_ci 2 all --junit
assert_contains "$ERR" "--junit needs a value"
run_ci 2 fake/nope
assert_contains "$ERR" "no app or app directory named 'fake/nope'"
run_ci 2 all --wizard "$T/missing-wizard"
assert_contains "$ERR" "the wizard (--wizard) not found"
run_ci 0 --help
assert_contains "$OUT" "--shard K/N"
assert_contains "$OUT" "runtime"

# --- --list: all, a directory, one app ---
run_ci 0 --list all
all=$(find "$FX" -path '*/.wizard-ci/expect.json' | sed "s#^$FX/##; s#/.wizard-ci/expect.json##" | sort)
[ "$OUT" = "$all" ] || fail "--list all: $OUT"
run_ci 0 --list fake
[ "$OUT" = "$(grep '^fake/' <<<"$all")" ] || fail "--list fake: $OUT"
run_ci 0 --list other/lua-too fake/lua-pass/
[ "$OUT" = "$(printf 'fake/lua-pass\nother/lua-too')" ] || fail "--list of two apps: $OUT"

# --- --shard: disjoint, complete, stable ---
for n in 1 2 3 4; do
  union=
  for k in $(seq 1 $n); do
    run_ci 0 --list all --shard "$k/$n"
    first=$OUT
    run_ci 0 --list all --shard "$k/$n"
    [ "$OUT" = "$first" ] || fail "shard $k/$n is not stable"
    union+="$OUT"$'\n'
  done
  [ "$(printf '%s' "$union" | sed '/^$/d' | sort)" = "$all" ] || fail "shards of $n do not cover every app exactly once"
  [ "$(printf '%s' "$union" | sed '/^$/d' | sort | uniq -d)" = "" ] || fail "shards of $n overlap"
done

# --- a passing app at every level, with both reports ---
run_ci 0 fake/py-cli --jobs 1 --json "$T/r.json" --junit "$T/r.xml"
assert_contains "$OUT" "PASS  static"
assert_contains "$OUT" "PASS  build"
assert_contains "$OUT" "PASS  runtime"
[ "$(last_line)" = "1 passed, 0 failed" ] || fail "closing line: $(last_line)"
python3 - "$T/r.json" "$T/r.xml" <<'PY' || fail "reports are wrong"
import json, sys, xml.etree.ElementTree as ET
r = json.load(open(sys.argv[1]))
assert r["passed"] == 1 and r["failed"] == 0 and r["level"] == "runtime", r
app = r["apps"][0]
assert app["app"] == "fake/py-cli" and app["status"] == "pass", app
assert [l["level"] for l in app["levels"]] == ["static", "build", "runtime"], app
assert all(l["status"] == "pass" for l in app["levels"]), app
suite = ET.parse(sys.argv[2]).getroot().find("testsuite")
assert suite.get("tests") == "3" and suite.get("failures") == "0", suite.attrib
assert [c.get("name") for c in suite.findall("testcase")] == ["static", "build", "runtime"]
PY
# nothing left behind: the run's temp dir is gone
[ -z "$(find "$T" -maxdepth 1 -name 'wizard-ci.*')" ] || fail "temp copies left without --keep"

# --- expect.json is checked against its schema: a misspelt field or a wrong type fails the
# app naming it, never silently skips the check it meant ---
run_ci 1 typo --level static
assert_contains "$OUT" "unknown field 'untuched'"
assert_contains "$OUT" "'creates' must be an array of strings"
[ "$(last_line)" = "0 passed, 2 failed" ] || fail "schema errors: $(last_line)"

# --- the static level for several apps at once, two jobs; failures named with their log tail ---
run_ci 1 fake other --level static --jobs 2 --json "$T/s.json" --junit "$T/s.xml"
assert_contains "$OUT" "PASS  static"
assert_contains "$OUT" "fake/lua-pass"
assert_contains "$OUT" "other/lua-too"
assert_contains "$OUT" "FAIL  static"
assert_contains "$OUT" "fake/verify-fails  [setup] 'ampli-wizard setup --ci --skip-install"
assert_contains "$OUT" "| ampli-wizard: plugin test-basic: verify failed: deliberate verify failure"
assert_contains "$OUT" "fake/wrong-expect  [expect] package.json should be untouched but was changed"
pass=$(grep -c '^PASS' <<<"$OUT"); failn=$(grep -c '^FAIL' <<<"$OUT")
[ "$(last_line)" = "$pass passed, $failn failed" ] || fail "closing line: $(last_line)"
[ "$failn" = 2 ] || fail "expected 2 failures: $OUT"
python3 - "$T/s.json" "$T/s.xml" <<'PY' || fail "failure reports are wrong"
import json, sys, xml.etree.ElementTree as ET
r = json.load(open(sys.argv[1]))
apps = {a["app"]: a for a in r["apps"]}
assert r["failed"] == 2 and apps["fake/lua-pass"]["status"] == "pass", r
vf = apps["fake/verify-fails"]["levels"][0]
assert vf["status"] == "fail" and vf["step"] == "setup" and "deliberate verify failure" in vf["log_tail"], vf
suite = ET.parse(sys.argv[2]).getroot().find("testsuite")
assert suite.get("failures") == "2", suite.attrib
msgs = [f.get("message") for f in suite.iter("failure")]
assert any("should be untouched" in m for m in msgs), msgs
PY

# --- an app that runs but sends with another key: the runtime level fails ---
WIZARD_CI_EVENT_TIMEOUT=3 run_ci 1 fake/py-wrong-key --jobs 1 --keep
assert_contains "$OUT" "PASS  build"
assert_contains "$OUT" "FAIL  runtime"
assert_contains "$OUT" "[event] no event with the app's key reached the stand-in within 3 s"
[ "$(last_line)" = "0 passed, 1 failed" ] || fail "closing line: $(last_line)"
kept=$(sed -n 's/^wizard-ci: temp copies and logs kept in //p' <<<"$OUT")
[ -d "$kept" ] && ls "$kept"/*/logs/*python-check* >/dev/null || fail "--keep did not keep the logs"
grep -q '^AMPLITUDE_API_KEY=' "$kept"/*/app-set-up/.env || fail "the kept copy lacks the set-up .env"

# --- a wizard (--wizard) whose second run or undo misbehaves is caught ---
cat > "$T/odd-wizard" <<SH
#!/bin/sh
# The real wizard, then one deliberate fault chosen by \$ODD.
dir=; prev=
for a in "\$@"; do [ "\$prev" = --install-dir ] && dir=\$a; prev=\$a; done
again=no; [ "\$1" = setup ] && [ -e "\$dir/src/main.js" ] && grep -q amplitude "\$dir/src/main.js" && again=yes
"$WIZ_BIN" "\$@"; rc=\$?
[ "\$ODD" = second ] && [ \$again = yes ] && echo "// again" >> "\$dir/src/main.js"
[ "\$ODD" = undo ] && [ "\$1" = undo ] && echo stray > "\$dir/stray.txt"
exit \$rc
SH
chmod +x "$T/odd-wizard"
ODD=second run_ci 1 fake/lua-pass --level static --wizard "$T/odd-wizard"
assert_contains "$OUT" "[second-run] a second setup changed files: ~src/main.js"
ODD=undo run_ci 1 fake/lua-pass --level static --wizard "$T/odd-wizard"
assert_contains "$OUT" "[undo] undo did not restore the tree: +stray.txt"
ODD=none run_ci 0 fake/lua-pass --level static --wizard "$T/odd-wizard"
assert_contains "$OUT" "wizard $T/odd-wizard"
# --- a level that cannot run here (pnpm missing) fails naming the tool; --allow-skip counts it ---
nopnpm=
IFS=: read -ra dirs <<<"$PATH"
for d in "${dirs[@]}"; do [ -n "$d" ] && [ ! -e "$d/pnpm" ] && nopnpm+="${nopnpm:+:}$d"; done
mkdir -p "$T/no-tools"
PATH=$nopnpm run_ci 1 pm/pnpm-app --level build --jobs 1 --tools-dir "$T/no-tools"
assert_contains "$OUT" "PASS  static"
assert_contains "$OUT" "FAIL  build"
assert_contains "$OUT" "pnpm not found"
assert_contains "$OUT" "--allow-skip"
[ "$(last_line)" = "0 passed, 1 failed" ] || fail "closing line without --allow-skip: $(last_line)"
PATH=$nopnpm run_ci 0 pm/pnpm-app --level build --jobs 1 --tools-dir "$T/no-tools" --allow-skip
assert_contains "$OUT" "SKIP  build"
assert_contains "$OUT" "pnpm not found"
[ "$(last_line)" = "0 passed, 0 failed, 1 skipped" ] || fail "closing line with --allow-skip: $(last_line)"
# the tools dir comes first on the job's PATH, also for the commands it starts
mkdir -p "$T/fake-tools"
printf '#!/bin/sh\necho "fake pnpm $*" >> "%s/pnpm-calls"\n' "$T" > "$T/fake-tools/pnpm"
chmod +x "$T/fake-tools/pnpm"
PATH=$nopnpm run_ci 0 pm/pnpm-app --level build --jobs 1 --tools-dir "$T/fake-tools"
assert_contains "$OUT" "PASS  build"
grep -q '^fake pnpm install' "$T/pnpm-calls" || fail "the tools dir's pnpm did not run the install"
# --- an app that needs another Node.js line ("node": "99"): its tools/node99/bin comes first,
# for the commands the job starts; not installed, the app fails naming the binary ---
mkdir -p "$T/napps/pm" "$T/ntools/bin" "$T/node99/bin"
cp -r "$FX/pm/pnpm-app" "$T/napps/pm/"
jq '. + {node: "99"}' "$FX/pm/pnpm-app/.wizard-ci/expect.json" >"$T/napps/pm/pnpm-app/.wizard-ci/expect.json"
printf '#!/bin/sh
echo "node for pnpm: $(command -v node)" >> "%s/node-calls"
' "$T" > "$T/ntools/bin/pnpm"
chmod +x "$T/ntools/bin/pnpm"
PATH=$nopnpm expect_rc 1 "$CI" --apps-dir "$T/napps" pm/pnpm-app --level build --jobs 1 --tools-dir "$T/ntools/bin"
assert_contains "$OUT" "the app needs Node.js 99: $T/ntools/bin/../node99/bin/node is not installed"
mkdir -p "$T/ntools/node99/bin"; printf '#!/bin/sh
echo v99.0.0
' >"$T/ntools/node99/bin/node"; chmod +x "$T/ntools/node99/bin/node"
PATH=$nopnpm expect_rc 0 "$CI" --apps-dir "$T/napps" pm/pnpm-app --level build --jobs 1 --tools-dir "$T/ntools/bin"
grep -qx "node for pnpm: $T/ntools/bin/../node99/bin/node" "$T/node-calls" || fail "node99 not first on PATH: $(cat "$T/node-calls")"
echo "wizard-ci: all checks passed"
