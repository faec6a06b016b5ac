# The interactive UI in a real terminal (tmux): a picker driven by arrow keys and by
# type-to-filter, NO_COLOR, slash commands at a confirmation, a long URL in a narrow
# terminal, TERM=dumb falling back to classic, and Ctrl-C (terminal restored, exit 130)
# both in a picker and during a spinner.
. "$(dirname "$0")/lib.sh"
D="$WIZ_TEST_HELPERS/ui_driver"
TERMS=0
SOCK="wiz-ui-$$-0"
tm() { tmux -L "$SOCK" "$@"; }
TMUX_CLEAN() { tm kill-server 2>/dev/null || true; cleanup; }
trap TMUX_CLEAN EXIT
unset TMUX

# A fresh shell in a WIDTHxHEIGHT terminal; extra env as arguments.
start_term() {
  local w=$1 h=$2; shift 2
  tm kill-server 2>/dev/null || true
  TERMS=$((TERMS + 1)); SOCK="wiz-ui-$$-$TERMS" # a new server each time: no race with the old one
  tm -f /dev/null new-session -d -s t -x "$w" -y "$h" \
    env -i PATH="$PATH" HOME="$HOME" TERM=xterm-256color LANG=C.UTF-8 HISTFILE=/dev/null "$@" bash --norc --noprofile
  tm set-option -g status off
  tm send-keys -t t "PS1='$ '" Enter
  wait_screen '^\$ $'
  tm send-keys -t t "clear" Enter
}
screen() { tm capture-pane -p -J -t t; }
# Waits (up to 10 s) until the screen matches the extended regex $1.
wait_screen() {
  for _ in $(seq 1 200); do
    screen | grep -Eq -- "$1" && return 0
    sleep 0.05
  done
  screen >&2
  fail "screen never showed /$1/"
}
run() { tm send-keys -t t "$1" Enter; }
last_rc() { run 'echo "RC=$?"'; wait_screen "^RC=$1\$"; }
tty_sane() {
  run "stty -a | tr ' ;' '\n\n' | grep -Ex -- '-?(icanon|echo)' | tr '\n' ' '; echo STTY"
  wait_screen '^icanon echo STTY$'
  [ "$(tm display -p -t t '#{cursor_flag}')" = 1 ] || fail "cursor left hidden"
}

ENVS='Acme / Web / Production|Acme / Web / Development|Beta / App / Staging|Beta / App / Production'

# 1. picker: arrow keys; the answer stays in the scrollback
start_term 80 24
run "$D choose 'Which environment?' '$ENVS' 0 --app-id 2>$T/r1"
wait_screen 'type to filter'
wait_screen '❯ Acme / Web / Production'
tm send-keys -t t Down Down Up
wait_screen '❯ Acme / Web / Development'
tm send-keys -t t Enter
wait_screen '✔ Which environment\? · Acme / Web / Development'
last_rc 0
assert_contains "$(cat "$T/r1")" "RESULT choose 1 Acme / Web / Development"
assert_contains "$(cat "$T/r1")" "MODE interactive"
# colours are on by default
tm capture-pane -p -e -t t >"$T/colour"
grep -q $'\033\\[[0-9;]*3[0-9]m' "$T/colour" || fail "no colour without NO_COLOR"

# 2. type-to-filter, backspace, enter
run "clear; $D choose 'Which environment?' '$ENVS' 0 --app-id 2>$T/r2"
wait_screen 'type to filter'
tm send-keys -t t p r o d
wait_screen 'filter: prod  \(2 of 4\)'
tm send-keys -t t x
wait_screen '\(no match\)'
tm send-keys -t t BSpace
wait_screen 'filter: prod  \(2 of 4\)'
tm send-keys -t t Down
wait_screen '❯ Beta / App / Production'
[ "$(screen | grep -c 'filter: ')" = 1 ] || { screen >&2; fail "the picker block was not redrawn in place"; }
tm send-keys -t t Enter
wait_screen '✔ Which environment\? · Beta / App / Production'
last_rc 0
assert_contains "$(cat "$T/r2")" "RESULT choose 3 Beta / App / Production"

# 3. Ctrl-C in a picker: cancelled, exit 130, the terminal as it was
run "clear; $D choose 'Which environment?' '$ENVS' 0 --app-id"
wait_screen 'type to filter'
tm send-keys -t t C-c
wait_screen '✘ Which environment\? · cancelled'
last_rc 130
tty_sane

# 4. Ctrl-C while a spinner runs (cooked mode, a blocking step): exit 130, terminal restored
run "clear; $D spin 'Waiting for the browser' 30"
# (the spinner's first frame may already be on the line when the driver prints its mark)
wait_screen 'SPINNING$'
wait_screen 'Waiting for the browser'
tm send-keys -t t C-c
wait_screen '^\$ $'
last_rc 130
tty_sane

# 5. slash commands at a confirmation: /login runs the engine's callback; /help lists
run "clear; $D slash confirm 'apply?' y 2>$T/r5"
wait_screen '\? apply\? \[Y/n\]'
tm send-keys -t t '/login now' Enter
wait_screen 'fake /login ran'
tm send-keys -t t '/he' Enter
wait_screen '/region +show the zone'
tm send-keys -t t n
wait_screen 'apply\? \[Y/n\] no'
last_rc 0
assert_contains "$(cat "$T/r5")" "CALLED login [now]"
assert_contains "$(cat "$T/r5")" "RESULT confirm no"

# 5b. the command line opened at a question: Esc, and Backspace over its "/", go back to
# the question; the next key answers it (nothing swallowed, the prompt still on screen)
run "clear; $D slash confirm 'apply?' y 2>$T/r5b"
wait_screen '\? apply\? \[Y/n\]'
tm send-keys -t t '/'
wait_screen '^/$'
tm send-keys -t t Escape
wait_screen '\? apply\? \[Y/n\] $'
tm send-keys -t t '/lo'
wait_screen '^/lo$'
tm send-keys -t t BSpace BSpace BSpace
wait_screen '\? apply\? \[Y/n\] $'
tm send-keys -t t y
wait_screen 'apply\? \[Y/n\] yes'
last_rc 0
assert_contains "$(cat "$T/r5b")" "RESULT confirm yes"
assert_not_contains "$(cat "$T/r5b")" "CALLED"
# and in a picker: back to the list with its filter, the next Enter chooses
run "clear; $D slash choose 'Which environment?' '$ENVS' 0 --app-id 2>$T/r5c"
wait_screen 'type to filter'
tm send-keys -t t '/'
wait_screen '^/$'
tm send-keys -t t BSpace
wait_screen 'type to filter'
tm send-keys -t t '/'
wait_screen '^/$'
tm send-keys -t t Escape
wait_screen 'type to filter'
tm send-keys -t t Down Enter
wait_screen '✔ Which environment\? · Acme / Web / Development'
last_rc 0
assert_contains "$(cat "$T/r5c")" "RESULT choose 1"

# 6. /exit at a picker ends the run with 130
run "clear; $D choose 'Which environment?' '$ENVS' 0 --app-id"
wait_screen 'type to filter'
tm send-keys -t t '/exit' Enter
last_rc 130
tty_sane

# 7. NO_COLOR: the same picker and diff without a single colour sequence
start_term 80 24 NO_COLOR=1
run "$D diff plan '+++ b/.env\n+AMPLITUDE_API_KEY=k\n-old' choose 'Which environment?' '$ENVS' 0 --app-id 2>$T/r7"
wait_screen 'type to filter'
tm send-keys -t t Down Enter
wait_screen '✔ Which environment\? · Acme / Web / Development'
tm capture-pane -p -e -t t >"$T/nocolour"
grep -q $'\033\\[[0-9;]*3[0-9]m' "$T/nocolour" && fail "colour despite NO_COLOR: $(cat -v "$T/nocolour")"
last_rc 0

# 8. narrow terminal: a long URL printed whole on its own line (joined by -J when wrapped)
URL="http://127.0.0.1:13222/oauth2/auth?client_id=0ac84169-c41c-4222-885b-31469c761cb0&redirect_uri=http%3A%2F%2Flocalhost%3A13222%2Fcallback&state=0123456789abcdef"
start_term 40 24
run "$D url 'Open this URL to sign in' '$URL' choose 'Which environment is it?' '$ENVS' 0 --app-id"
wait_screen 'type to filter'
screen | grep -qxF -- "$URL" || { screen >&2; fail "URL not whole on its own line"; }
# every picker line fits in 40 columns (no wrapping breaks the redraw)
tm send-keys -t t Down Enter
wait_screen '✔ Which environment is it\? · Acme / Web / Development'
last_rc 0

# 9. TERM=dumb on a terminal: classic prompts
start_term 80 24
run "TERM=dumb $D choose 'Which environment?' '$ENVS' 0 --app-id"
wait_screen 'MODE classic'
wait_screen 'Answer 1-4 \[1\]: '
run "3"
wait_screen 'RESULT choose 2 Beta / App / Staging'
last_rc 0
echo "ui tmux ok"
