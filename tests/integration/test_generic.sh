#!/usr/bin/env bash
# The generic fallback: a project no plugin claims gets the manual steps for the ecosystem its
# files show (browser JS, Node.js, Python, neither), nothing written, and exit 10 from a CI
# setup (detect still exits 2); --framework generic asks for it by name; the interactive
# question offers it as its last choice.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/js_plugin_lib.sh"

steps() { # steps DIR WANT...: a CI setup of DIR exits 10, prints each WANT, writes nothing
  local d=$1; shift
  commit "$d"; local before; before=$(tree "$d")
  expect_rc 10 "$W" setup --ci --api-key "$KEY" --install-dir "$d"
  for w in "$@"; do assert_contains "$OUT$ERR" "$w"; done
  assert_contains "$ERR" "no plugin sets up $d (tried: "
  assert_contains "$ERR" "nothing was changed; add Amplitude by hand (the steps above) or pass --framework ID"
  [ "$(tree "$d")" = "$before" ] || fail "$d: the fallback wrote files"
  [ -z "$(git -C "$d" status --porcelain)" ] || fail "$d: git sees changes: $(git -C "$d" status --porcelain)"
}

# a package.json with nothing a plugin knows: Node.js
P="$T/node"; mkdir -p "$P"; printf '{ "name": "tool", "dependencies": { "chalk": "^5.0.0" } }\n' >"$P/package.json"
steps "$P" "to add Amplitude to a Node.js app by hand" "npm install @amplitude/analytics-node" "AMPLITUDE_API_KEY"
expect_rc 2 "$W" detect --ci --install-dir "$P"
assert_contains "$ERR" "could not tell which framework"

# a bundler and a UI library no plugin serves (Preact on webpack), with pnpm: the browser steps
P="$T/web"; mkdir -p "$P"
printf '{ "name": "w", "dependencies": { "preact": "^10.0.0" }, "devDependencies": { "webpack": "^5.0.0" } }\n' >"$P/package.json"
printf 'lockfileVersion: 9.0\n' >"$P/pnpm-lock.yaml"
steps "$P" "to add Amplitude to a browser app by hand" "pnpm add @amplitude/analytics-browser" "amplitude.init(KEY"

# Python files without a marker any Python plugin takes
P="$T/py"; mkdir -p "$P"; printf 'print("hi")\n' >"$P/app.py"
[ "$(detected "$P")" = "" ] || fail "app.py alone was claimed by $(detected "$P")"
steps "$P" "to add Amplitude to a Python app by hand" "pip install amplitude-analytics" "client.shutdown()"

# neither
P="$T/none"; mkdir -p "$P"; printf 'hello\n' >"$P/notes.txt"
steps "$P" "neither a JavaScript nor a Python project" "https://amplitude.com/docs/sdks"

# a hostile repository: package.json is a FIFO (an open would wait for a writer for ever)
# and index.html a symlink out of the project: the fallback neither hangs nor follows it
P="$T/fifo"; mkdir -p "$P"; mkfifo "$P/package.json"; ln -s /etc/hostname "$P/index.html"
expect_rc 10 timeout 20 "$W" setup --ci --api-key "$KEY" --install-dir "$P"
assert_contains "$OUT$ERR" "to add Amplitude to a Node.js app by hand"

# by name, even where a plugin would claim the project; before any sign-in (no key given)
P="$T/named"; app named javascript-web/saas-dashboard; before=$(tree "$P")
expect_rc 10 "$W" setup --ci --framework generic --install-dir "$P"
assert_contains "$OUT$ERR" "to add Amplitude to a browser app by hand"
assert_not_contains "$ERR" "sign in"
[ "$(tree "$P")" = "$before" ] || fail "--framework generic wrote files"

# classic: the question's last choice is the fallback
P="$T/pick"; mkdir -p "$P"; printf '{ "name": "tool" }\n' >"$P/package.json"; commit "$P"
last=$(printf 'x\n' | "$W" setup --classic --api-key "$KEY" --install-dir "$P" 2>&1 | grep -E '^ *[0-9]+\) ' | tail -1 || true)
assert_contains "$last" "none of these: show the manual steps"
num=$(echo "$last" | sed -E 's/^ *([0-9]+)\).*/\1/')
set +e
printf '%s\n' "$num" | "$W" setup --classic --api-key "$KEY" --install-dir "$P" >"$T/out" 2>"$T/err"
rc=$?
set -e
[ "$rc" = 10 ] || fail "picking the fallback exited $rc: $(cat "$T/out" "$T/err")"
assert_contains "$(cat "$T/out" "$T/err")" "to add Amplitude to a Node.js app by hand"
[ -z "$(git -C "$P" status --porcelain)" ] || fail "the picked fallback wrote files"

echo "generic fallback: all checks passed"
