# End to end in a real terminal: `ampli-wizard setup` in tmux against the stand-in. The
# browser sign-in ($BROWSER follows the URL), the environment picker driven by
# type-to-filter, the coloured plan and "Apply these changes? [Y/n]", then the result
# on disk and in the credential file (one bundled write with the real expiry).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
lock_callback_ports
start_standin
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
APP="$T/app"
mkdir -p "$APP"
touch "$APP/ui-probe.marker"
standin_config '{"orgs": [
  {"id": "o1", "name": "Acme", "workspaces": [
    {"id": "p1", "name": "Shop", "environments": [
      {"name": "Production", "rank": 1, "app": {"id": 101, "apiKey": "key-prod-000000000000000000000"}}]},
    {"id": "p2", "name": "Blog", "environments": [
      {"name": "Production", "rank": 1, "app": {"id": 201, "apiKey": "key-blog-000000000000000000000"}}]}]}]}'

SOCK="wiz-ui-setup-$$"
tm() { tmux -L "$SOCK" "$@"; }
trap 'tm kill-server 2>/dev/null || true; cleanup' EXIT
unset TMUX
screen() { tm capture-pane -p -J -t t; }
wait_screen() {
  for _ in $(seq 1 400); do
    screen | grep -Eq -- "$1" && return 0
    sleep 0.05
  done
  screen >&2
  fail "screen never showed /$1/"
}
tm -f /dev/null new-session -d -s t -x 80 -y 24 env -i PATH="$PATH" HOME="$HOME" TERM=xterm-256color LANG=C.UTF-8 \
  AMPLITUDE_WIZARD_CONFIG="$AMPLITUDE_WIZARD_CONFIG" AMPLITUDE_WIZARD_SERVER="$AMPLITUDE_WIZARD_SERVER" \
  AMPLITUDE_WIZARD_PLUGIN_PATH="$T/plugins" BROWSER="$FOLLOW_BROWSER" bash --norc --noprofile
tm set-option -g status off
tm send-keys -t t "PS1='$ '; clear" Enter
wait_screen '^\$ $'
tm send-keys -t t "$WIZ_BIN setup --install-dir $APP --skip-install; echo RC=\$?" Enter
wait_screen 'type to filter'
tm send-keys -t t b l o g
wait_screen 'filter: blog  \(1 of 2\)'
tm send-keys -t t Enter
wait_screen 'Acme / Blog / Production'
wait_screen 'Apply these changes\? \[Y/n\]'
screen | grep -q 'AMPLITUDE_API_KEY=key-blog' || { screen >&2; fail "the plan was not shown before the question"; }
tm send-keys -t t y
wait_screen '^RC=0$'
grep -qx "AMPLITUDE_API_KEY=key-blog-000000000000000000000" "$APP/.env" || fail ".env: $(cat "$APP/.env")"
[ "$(stored '."User-12345".User.id')" = 12345 ] || fail "the sign-in was not stored"
EXP=$(stored '."User-12345".OAuthExpiresAt')
ID_EXP=$(jwt_claim "$(stored '."User-12345".OAuthIdToken')" exp)
[ "$(iso_to_epoch "$EXP")" -eq "$ID_EXP" ] || fail "stored expiry $EXP is not the id token's exp $ID_EXP"
echo "ui tmux setup ok"
