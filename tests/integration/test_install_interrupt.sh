# Ctrl-C (SIGINT) while the package install runs: the install (in its own process group)
# gets the signal and everything it started ends; the wizard waits for it, exits 130, says
# what was left and the exact undo command, which restores the project. A hung install
# times out (AMPLI_WIZARD_COMMAND_TIMEOUT_S) with the same message and exit 10.
source "$(dirname "$0")/lib.sh"
W="$WIZ_BIN"
mkdir -p "$T/bin"
cat >"$T/bin/npm" <<SH
#!/bin/sh
trap 'echo INT >"$T/child.sig"; exit 130' INT
trap 'echo TERM >"$T/child.sig"; exit 143' TERM
echo "installing"
sleep 60 &
echo \$! >"$T/grandchild.pid"
wait
SH
chmod +x "$T/bin/npm"
newapp() {
  rm -rf "$1"; mkdir -p "$1"
  printf '{\n  "name": "app",\n  "dependencies": {\n    "express": "^4.19.0"\n  }\n}\n' >"$1/package.json"
  printf 'const express = require("express")\nconst app = express()\napp.listen(3000)\n' >"$1/index.js"
  touch "$1/package-lock.json"
  git -C "$1" init -q && git -C "$1" add -A && git -C "$1" -c user.email=t@t -c user.name=t commit -qm init
}
P="$T/app"; newapp "$P"
rm -f "$T/child.sig" "$T/grandchild.pid"
PATH="$T/bin:$PATH" "$W" setup --ci --api-key 0123456789abcdef0123456789abcdef --install-dir "$P" >"$T/out" 2>"$T/err" &
wpid=$!
for _ in $(seq 1 100); do [ -s "$T/grandchild.pid" ] && break; sleep 0.05; done
[ -s "$T/grandchild.pid" ] || fail "the install never started: $(cat "$T/err")"
kill -INT "$wpid"
set +e; wait "$wpid"; rc=$?; set -e
[ "$rc" -eq 130 ] || fail "interrupted install: exit $rc, wanted 130: $(cat "$T/err")"
[ "$(cat "$T/child.sig")" = INT ] || fail "the install did not get the signal"
# what the install started has ended too (gone, or a zombie waiting for init to reap it)
gpid=$(cat "$T/grandchild.pid"); alive=1
for _ in $(seq 1 40); do
  stat=$(ps -o stat= -p "$gpid" 2>/dev/null || true)
  case "$stat" in ""|Z*) alive=0; break ;; esac
  sleep 0.05
done
[ "$alive" -eq 0 ] || fail "what the install started is still running ($(ps -o pid,stat,cmd -p "$gpid"))"
ERR=$(cat "$T/err")
assert_contains "$ERR" "interrupted (Interrupt) while 'npm' ran"
assert_contains "$ERR" "the file changes are kept: 'ampli-wizard undo --install-dir $P "
UNDO=$(printf '%s\n' "$ERR" | sed -n "s/.*'\(ampli-wizard undo --install-dir [^']*\)'.*/\1/p" | tail -1)
grep -q analytics-node "$P/package.json" || fail "the edits were not kept"
# shellcheck disable=SC2086
expect_rc 0 "$W" ${UNDO#ampli-wizard }
[ -z "$(git -C "$P" status --porcelain)" ] || fail "undo left: $(git -C "$P" status --porcelain)"

# a hung install: stopped at the limit, exit 10, the same hint
newapp "$P"
rm -f "$T/child.sig"
PATH="$T/bin:$PATH" AMPLI_WIZARD_COMMAND_TIMEOUT_S=1 expect_rc 10 "$W" setup --ci --api-key 0123456789abcdef0123456789abcdef --install-dir "$P"
assert_contains "$ERR" "'npm' did not finish within 1 s and was stopped"
assert_contains "$ERR" "ampli-wizard undo --install-dir $P "
[ "$(cat "$T/child.sig")" = TERM ] || fail "the hung install did not get SIGTERM"
# Ctrl-C typed in a real terminal (tmux): the tty sends SIGINT to the foreground process
# group, the wizard's; the install, in a group of its own, still gets it from the wizard
newapp "$P"
rm -f "$T/child.sig" "$T/grandchild.pid"
SOCK="wiz-install-$$"
tm() { tmux -L "$SOCK" "$@"; }
trap 'tm kill-server 2>/dev/null || true; cleanup' EXIT
unset TMUX
tm -f /dev/null new-session -d -s t -x 120 -y 30 env -i PATH="$T/bin:$PATH" HOME="$HOME" TERM=xterm-256color \
  LANG=C.UTF-8 HISTFILE=/dev/null AMPLI_WIZARD_CONFIG="$AMPLI_WIZARD_CONFIG" bash --norc --noprofile
tm send-keys -t t "PS1='$ '; clear" Enter
tm send-keys -t t "$W setup --yes --api-key 0123456789abcdef0123456789abcdef --install-dir $P; echo RC=\$?" Enter
for _ in $(seq 1 200); do [ -s "$T/grandchild.pid" ] && break; sleep 0.05; done
[ -s "$T/grandchild.pid" ] || { tm capture-pane -p -t t >&2; fail "tmux: the install never started"; }
tm send-keys -t t C-c
for _ in $(seq 1 200); do tm capture-pane -p -J -t t | grep -q '^RC=' && break; sleep 0.05; done
PANE=$(tm capture-pane -p -J -t t -S -100)
printf '%s\n' "$PANE" | grep -q '^RC=130$' || { printf '%s\n' "$PANE" >&2; fail "tmux Ctrl-C: not exit 130"; }
[ "$(cat "$T/child.sig")" = INT ] || fail "tmux Ctrl-C: the install did not get the signal"
assert_contains "$PANE" "ampli-wizard undo --install-dir $P "
echo "install interrupt ok"
