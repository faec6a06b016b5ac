# End to end in a real terminal: `ampli-wizard setup` in tmux against the stand-in.
#  1. colour, 80x24: the first-run questions (region, sign in or create), browser sign-in
#     (the URL whole on its own line), the header, straight to the picker in levels
#     (project, then environment, with counts and what --ci picks), where /login
#     re-authenticates (one bundled store write, the real expiry of the stand-in's new
#     token ttl) and the picker is asked again, /whoami, type-to-filter, the coloured plan
#     and "Apply these changes? [Y/n]", the applied file changes and the summary;
#  2. NO_COLOR: no ESC[ anywhere in the pane; Ctrl-C at the picker: exit 130, the
#     terminal restored (echo, icanon), the credential file and the project untouched.
# Store writes are counted with inotify (tests/helpers/count_writes.py): the kernel
# queues every rename of the credential file, so a second write cannot go unseen.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
lock_callback_ports
start_standin --token-ttl 7200
mkdir -m 700 "$T/plugins"
cat >"$T/plugins/ui_probe.lua" <<'LUA'
return {
  name = "ui-probe", version = "1.0.0", abi = "1.1",
  frameworks = { "ui-probe" }, priority = 100,
  detect = function(s)
    if s:exists("ui-probe.marker") then return "ui-probe", "marker" end
  end,
  plan = function(s)
    s:env(".env", "AMPLITUDE_API_KEY", s:get("api_key"))
  end,
}
LUA
chmod 600 "$T/plugins/ui_probe.lua"
APP="$T/app"; APP2="$T/app2"
mkdir -p "$APP" "$APP2"
touch "$APP/ui-probe.marker" "$APP2/ui-probe.marker"
standin_config '{"orgs": [
  {"id": "o1", "name": "Acme", "workspaces": [
    {"id": "p1", "name": "Shop", "environments": [
      {"name": "Production", "rank": 1, "app": {"id": 101, "apiKey": "0000000000000000000000000000aa01"}},
      {"name": "Development", "rank": 2, "app": {"id": 102, "apiKey": "0000000000000000000000000000aa02"}},
      {"name": "Staging", "rank": 3, "app": {"id": 103, "apiKey": "0000000000000000000000000000aa05"}}]},
    {"id": "p2", "name": "Blog", "environments": [
      {"name": "Production", "rank": 1, "app": {"id": 201, "apiKey": "0000000000000000000000000000aa03"}}]}]}]}'

# store writes, counted from now on
python3 "$WIZ_TEST_SRC/tests/helpers/count_writes.py" "$HOME" .ampli.json "$T/writes" 9>&- &
WATCH=$!
for _ in $(seq 1 200); do [ -e "$T/writes.ready" ] && break; sleep 0.05; done
[ -e "$T/writes.ready" ] || fail "write counter did not start"
writes() { cat "$T/writes"; }
wait_writes() { # wait_writes N: the counter reaches N (queued events arrive in order)
  for _ in $(seq 1 400); do [ "$(writes)" -ge "$1" ] && break; sleep 0.05; done
  [ "$(writes)" -eq "$1" ] || fail "expected $1 store write(s), saw $(writes)"
}

SOCK="wiz-ui-setup-$$"
tm() { tmux -L "$SOCK" "$@"; }
trap 'kill $WATCH 2>/dev/null || true; wait $WATCH 2>/dev/null || true; tm kill-server 2>/dev/null || true; cleanup' EXIT
unset TMUX
screen() { tm capture-pane -p -J -t "$WIN" -S -200; }
wait_screen() {
  for _ in $(seq 1 400); do
    screen | grep -Eq -- "$1" && return 0
    sleep 0.05
  done
  screen >&2
  fail "screen never showed /$1/"
}
wait_screen_count() { # PATTERN N: the pattern on N lines
  for _ in $(seq 1 400); do
    [ "$(screen | grep -Ec -- "$1")" -ge "$2" ] && return 0
    sleep 0.05
  done
  screen >&2
  fail "screen never showed /$1/ $2 times"
}
# new_window NAME [VAR=VALUE...]: a clean shell in an 80x24 pane with the test's environment
# (HISTFILE=/dev/null: a shell killed with the server would write ~/.bash_history while the
# test removes HOME)
new_window() {
  local name=$1; shift
  local cmd=(env -i PATH="$PATH" HOME="$HOME" TERM=xterm-256color LANG=C.UTF-8 HISTFILE=/dev/null
    AMPLI_WIZARD_CONFIG="$AMPLI_WIZARD_CONFIG" AMPLI_WIZARD_SERVER="$AMPLI_WIZARD_SERVER"
    AMPLI_WIZARD_PLUGIN_PATH="$T/plugins" BROWSER="$FOLLOW_BROWSER" "$@" bash --norc --noprofile)
  if tm has-session -t t 2>/dev/null; then
    tm new-window -t t -n "$name" "${cmd[@]}"
  else
    tm -f /dev/null new-session -d -s t -n "$name" -x 80 -y 24 "${cmd[@]}"
    tm set-option -g status off
  fi
  WIN="t:$name"
  tm send-keys -t "$WIN" "PS1='$ '; clear" Enter
  wait_screen '^\$ $'
}

# ---- 1. a full interactive setup, in colour ----
new_window main
tm send-keys -t "$WIN" "$WIZ_BIN setup --install-dir $APP --skip-install; echo RC=\$?" Enter
# a first run (nothing stored): the data region, then sign in or create, as Amplitude's wizard asks
wait_screen 'Select your data region'
wait_screen 'Europe \(app\.eu\.amplitude\.com\)'
screen | grep -q 'United States (app.amplitude.com)' || { screen >&2; fail "the region question has no US choice"; }
tm send-keys -t "$WIN" Enter   # US, the default
wait_screen 'Sign in to Amplitude, or create an account'
wait_screen 'Create a new Amplitude account'
tm send-keys -t "$WIN" Enter   # the browser
# straight to the project picker: it takes the commands ('/'), no "press Enter" step before it
wait_screen 'Which project in Acme\? \(2 projects, 4 environments\)'
screen | grep -q 'Press Enter to choose the project' && { screen >&2; fail "an extra 'Press Enter' step before the picker"; }
# the sign-in URL whole on its own line (capture -J joins what the terminal wrapped)
screen | grep -Eq '^http://127\.0\.0\.1:[0-9]+/oauth2/auth\?client_id=[^ ]*&state=[0-9a-f]{32}$' \
  || { screen >&2; fail "the sign-in URL is not whole on its own line"; }
UID_=$(stored 'keys[0]' | sed 's/^User-//')
NAME=$(stored "to_entries[0].value.User | \"\(.firstName) \(.lastName) <\(.email)>\"")
wait_screen "signed in as $NAME · zone us"
screen | grep -q '✔ Fetching your Amplitude account' || { screen >&2; fail "no progress step for the user fetch"; }
wait_writes 1
[ "$(stored 'keys | length')" -eq 1 ] || fail "sign-in left more than one entry: $(cat "$AMPLI_WIZARD_CONFIG")"
EXP=$(stored ".\"User-$UID_\".OAuthExpiresAt"); IDT=$(stored ".\"User-$UID_\".OAuthIdToken")
[ "$(iso_to_epoch "$EXP")" -eq "$(jwt_claim "$IDT" exp)" ] || fail "sign-in: stored expiry $EXP is not the id token's exp"
[ $(( $(jwt_claim "$IDT" exp) - $(jwt_claim "$IDT" iat) )) -eq 7200 ] || fail "sign-in: ttl is not the stand-in's 7200"

# /login at the picker: the session is fresh, so a refresh (no browser), then one write; the
# picker is asked again for the account signed in now
standin_config '{"token_ttl": 5400}'
AUTHS=$(count_requests GET /oauth2/auth)
tm send-keys -t "$WIN" "/login" Enter
wait_screen 'Session refreshed'
wait_screen 'Which project in Acme\? .* asked again'
wait_writes 2
[ "$(count_requests GET /oauth2/auth)" -eq "$AUTHS" ] || fail "/login opened the browser although a refresh was possible"
[ "$(standin_requests | jq '[.[] | select(.path == "/oauth2/token" and .form.grant_type == "refresh_token")] | length')" -eq 1 ] \
  || fail "/login did not refresh exactly once"
EXP2=$(stored ".\"User-$UID_\".OAuthExpiresAt"); IDT2=$(stored ".\"User-$UID_\".OAuthIdToken")
[ "$IDT2" != "$IDT" ] || fail "/login kept the old id token"
[ "$(iso_to_epoch "$EXP2")" -eq "$(jwt_claim "$IDT2" exp)" ] || fail "/login: stored expiry $EXP2 is not the new id token's exp"
[ $(( $(jwt_claim "$IDT2" exp) - $(jwt_claim "$IDT2" iat) )) -eq 5400 ] || fail "/login: ttl is not the stand-in's new 5400"
[ "$(stored ".\"User-$UID_\".User.email")" != null ] || fail "/login lost the user"
[ "$(stored 'keys | length')" -eq 1 ] || fail "/login left more than one entry"
tm send-keys -t "$WIN" "/whoami" Enter
wait_screen_count "signed in as $NAME · zone us" 3   # the header after sign-in, /login, /whoami
tm send-keys -t "$WIN" "/region" Enter
wait_screen 'zone: us \(switch with /region us or /region eu\)'
# the picker in levels (one organization: not asked), with counts and what --ci would pick
wait_screen 'Which project in Acme\? \(2 projects, 4 environments\)'
wait_screen 'Shop \(3 environments, what --ci picks\)'
screen | grep -q 'Blog (1 environment)' || { screen >&2; fail "the project level has no Blog with its count"; }
screen | grep -q "Create a new Amplitude project" || { screen >&2; fail "the picker offers no project creation"; }
tm send-keys -t "$WIN" Enter   # Shop, the recommended
wait_screen 'Which environment of Acme / Shop\? \(3 environments\)'
wait_screen 'Production \(app 101, what --ci picks\)'
tm send-keys -t "$WIN" d e v
wait_screen 'filter: dev  \(1 of 4\)'   # three environments and "Create a new Amplitude project"
tm send-keys -t "$WIN" Enter
wait_screen 'Using Amplitude project: Acme / Shop / Development \(app 102\)'
wait_screen 'Apply these changes\? \[Y/n\]'
screen | grep -q '^+AMPLITUDE_API_KEY=0000\.\.\.aa02' || { screen >&2; fail "the plan (key masked) was not shown before the question"; }
tm capture-pane -p -e -t "$WIN" | grep -q $'\033\\[32m+AMPLITUDE_API_KEY' || fail "the plan is not coloured"
# /region once the key is chosen: too late
tm send-keys -t "$WIN" "/region eu" Enter
wait_screen 'too late to switch'
wait_screen 'Apply these changes\? \[Y/n\] *$'
tm send-keys -t "$WIN" y
wait_screen '^RC=0$'
S=$(screen)
assert_contains "$S" "create .env"
assert_contains "$S" "✔ Planning the ui-probe integration"
assert_contains "$S" "Amplitude is set up for ui-probe: 2 file(s) changed (.env, .gitignore)"
assert_contains "$S" "next steps:"
assert_contains "$S" "The API key is in .env (git-ignored"
printf '%s\n' "$S" | grep -Eq "To revert every change: ampli-wizard undo --install-dir $APP [0-9T]+" \
  || fail "no undo step in the summary"
grep -qx "AMPLITUDE_API_KEY=0000000000000000000000000000aa02" "$APP/.env" || fail ".env: $(cat "$APP/.env")"
[ "$(writes)" -eq 2 ] || fail "setup wrote the store $(writes) times; the sign-in and /login are the only writes"

# ---- 2. NO_COLOR, then Ctrl-C at the picker ----
new_window plain NO_COLOR=1
tm send-keys -t "$WIN" "stty -a | tr ' ' '\\n' | grep -xc -e icanon -e echo; $WIZ_BIN setup --install-dir $APP2 --skip-install; echo RC=\$?" Enter
wait_screen 'type to filter'
screen | grep -q 'Select your data region' && { screen >&2; fail "a returning user was asked the region again"; }
CRED_SUM=$(sha256sum "$AMPLI_WIZARD_CONFIG")
if tm capture-pane -p -e -t "$WIN" | grep -q $'\033\\['; then
  tm capture-pane -p -e -t "$WIN" | cat -v >&2
  fail "NO_COLOR: the pane holds ESC[ sequences"
fi
tm send-keys -t "$WIN" C-c
wait_screen '^RC=130$'
tm send-keys -t "$WIN" "clear; stty -a | tr ' ' '\\n' | grep -xc -e icanon -e echo" Enter
wait_screen '^2$'   # both back on: the terminal was restored
[ "$CRED_SUM" = "$(sha256sum "$AMPLI_WIZARD_CONFIG")" ] || fail "Ctrl-C changed the credential file"
[ "$(ls -A "$APP2")" = "ui-probe.marker" ] || fail "Ctrl-C left files in the project: $(ls -A "$APP2")"
[ "$(writes)" -eq 2 ] || fail "the cancelled run wrote the store"
# ---- 3. a first run that creates an account in the EU: the email, the name, the terms ----
NEWCFG="$T/new-home.json"
standin_config '{"signup_reply": "needs_information"}'  # the real service asks for the name and the terms
new_window signup NO_COLOR=1 AMPLI_WIZARD_CONFIG="$NEWCFG"
tm send-keys -t "$WIN" "$WIZ_BIN login; echo RC=\$?" Enter
wait_screen 'Select your data region'
tm send-keys -t "$WIN" Down
tm send-keys -t "$WIN" Enter
wait_screen 'Sign in to Amplitude, or create an account'
tm send-keys -t "$WIN" Down
tm send-keys -t "$WIN" Enter
wait_screen 'Your work email for the new Amplitude account'
tm send-keys -t "$WIN" "eve@example.com" Enter
wait_screen 'Your full name'
tm send-keys -t "$WIN" "Eve Example" Enter
wait_screen 'terms of service'
tm send-keys -t "$WIN" y Enter
wait_screen '^RC=0$'
[ "$(jq -r '[.[] | .User.zone] | .[0]' "$NEWCFG")" = eu ] || fail "the new account is not in the EU zone: $(cat "$NEWCFG")"
[ "$(standin_requests | jq -r '[.[] | select(.path == "/t/agentic/signup/v1")] | .[-1].json.email')" = eve@example.com ] \
  || fail "the signup did not send the typed email"
# --region and --signup answer the questions: a first run with both asks neither
rm -f "$NEWCFG"
tm send-keys -t "$WIN" "clear; $WIZ_BIN login --region us --no-browser --login-timeout 1; echo FLAGS_RC=\$?" Enter
wait_screen '^FLAGS_RC=[0-9]+$'
screen | grep -Eq 'Select your data region|create an account' && { screen >&2; fail "--region still asked the first-run questions"; }
# ---- 4. several organizations: the organization first, then what is left in it ----
standin_config '{"orgs": [
  {"id": "o1", "name": "Acme", "workspaces": [
    {"id": "p1", "name": "Shop", "environments": [
      {"name": "Production", "rank": 1, "app": {"id": 101, "apiKey": "0000000000000000000000000000aa01"}},
      {"name": "Development", "rank": 2, "app": {"id": 102, "apiKey": "0000000000000000000000000000aa02"}}]},
    {"id": "p2", "name": "Blog", "environments": [
      {"name": "Production", "rank": 1, "app": {"id": 201, "apiKey": "0000000000000000000000000000aa03"}}]}]},
  {"id": "o2", "name": "Zeta", "workspaces": [
    {"id": "p9", "name": "Lab", "environments": [
      {"name": "Production", "rank": 1, "app": {"id": 901, "apiKey": "0000000000000000000000000000aa09"}}]}]}]}'
new_window orgs NO_COLOR=1
tm send-keys -t "$WIN" "$WIZ_BIN setup --install-dir $APP2 --skip-install --dry-run; echo RC=\$?" Enter
wait_screen 'Which organization\? \(2 organizations, 4 environments\)'
wait_screen 'Acme \(2 projects, 3 environments, what --ci picks\)'
screen | grep -q 'Zeta (1 project, 1 environment)' || { screen >&2; fail "no Zeta with its counts"; }
tm send-keys -t "$WIN" Down Enter   # Zeta: one environment left, nothing more to ask
wait_screen 'Using Amplitude project: Zeta / Lab / Production \(app 901\)'
wait_screen '^RC=0$'
screen | grep -q 'Which project in' && { screen >&2; fail "a level with one choice was asked"; }
# "create" at the project level makes the project in the organization chosen above
tm send-keys -t "$WIN" "clear; $WIZ_BIN setup --install-dir $APP2 --skip-install --dry-run; echo RC2=\$?" Enter
wait_screen 'Which organization\?'
tm send-keys -t "$WIN" Enter   # Acme
wait_screen 'Which project in Acme\? \(2 projects, 3 environments\)'
tm send-keys -t "$WIN" c r e a t e
wait_screen 'filter: create  \(1 of 3\)'
tm send-keys -t "$WIN" Enter
wait_screen 'Name of the new Amplitude project'
screen | grep -q 'Which organization gets the new project' && { screen >&2; fail "the organization was asked twice"; }
tm send-keys -t "$WIN" "Docs" Enter
# (a dry run: nothing is created on the server; it names where the project would go)
wait_screen "dry run: the Amplitude project 'Docs' would be created in Acme; nothing was created"
wait_screen '^RC2=0$'
[ "$(count_requests POST /wizard/projects)" -eq 0 ] || fail "a dry run created a project on the server"
echo "ui tmux setup ok"
