#!/usr/bin/env bash
# A cloned repository cannot make the wizard run its code: programs are found in the
# absolute PATH entries only (an empty or relative entry would name the project's own
# ./git once a child has changed into it), and every git call neutralises the
# project's .git/config (fsmonitor, hooks, pager, helpers), also under --dry-run.
source "$(dirname "$0")/lib.sh"
W="$WIZ_BIN"
export NO_COLOR=1
only_test_basic_plugin
P="$T/repo"; mkdir -p "$P/bin"
printf '{\n  "name": "app",\n  "dependencies": {}\n}\n' >"$P/package.json"
touch "$P/test-basic.marker"
git -C "$P" init -q && git -C "$P" add -A && git -C "$P" -c user.email=t@e -c user.name=t commit -qm init
# the repository's own "tools", and a config that would run a command on any git call
for tool in git npm bun pnpm yarn xdg-open browser; do
  printf '#!/bin/sh\ntouch "%s/PWNED-%s"\n' "$T" "$tool" > "$P/$tool"; cp "$P/$tool" "$P/bin/$tool"
  chmod +x "$P/$tool" "$P/bin/$tool"
done
git -C "$P" config core.fsmonitor "touch $T/PWNED-fsmonitor; false"
git -C "$P" config core.hooksPath "$P/bin"
pwned() { ls "$T" | grep '^PWNED' || true; }

cd "$P"
# empty, "." and relative entries before the real ones
export PATH=":.:bin:$PATH"
expect_rc 0 "$W" setup --api-key K --ci --dry-run --skip-install
[ -z "$(pwned)" ] || fail "dry run ran the project's code: $(pwned)"
touch want-install
expect_rc 0 "$W" setup --api-key K --ci
[ -z "$(pwned)" ] || fail "setup ran the project's code: $(pwned)"
grep -q '^AMPLITUDE_API_KEY=K$' .env || fail "setup did not write .env"
expect_rc 0 "$W" undo
[ -z "$(pwned)" ] || fail "undo ran the project's code: $(pwned)"
# a browser named relatively is not looked up in the cwd either
BROWSER=browser expect_rc 3 timeout 20 "$W" login --ci --login-timeout 1 || true
[ -z "$(pwned)" ] || fail "login ran the project's browser: $(pwned)"
# the plan names the project's own lifecycle scripts that the install would run
S="$T/scripts"; mkdir -p "$S"
printf '{\n  "name": "s",\n  "scripts": {"postinstall": "node setup.js", "prepare": "husky", "test": "x"},\n  "dependencies": {}\n}\n' > "$S/package.json"
touch "$S/test-basic.marker" "$S/want-install"
expect_rc 0 "$W" setup --api-key K --ci --dry-run --install-dir "$S"
assert_contains "$OUT$ERR" "the install will run this project's own scripts from package.json (postinstall, prepare)"
echo ok
