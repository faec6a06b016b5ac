# Attack surface. The callback listener: bound to 127.0.0.1 only; another path, an
# oversized request, a slow connection and a burst of 1,000 connections accept no code,
# a wrong state is answered and ignored (the login keeps waiting and then takes the real
# callback) with no token request for the forged one, and after a login the
# port is closed (a second callback finds nobody). No token in the argv or environment
# of the $BROWSER process or of an install command. Credential file mode 0600.
# (A hostile Lua plugin reading ~/.ampli.json is covered by test_plugin_lua.sh.)
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
lock_callback_ports
start_standin

# --- 1. the listener under attack, then a wrong state ---
printf '#!/bin/sh\nfor u; do :; done\nprintf "%%s\\n" "$u" >"%s/arg"\n%q --print-url "$u" >"%s/url"\ncat /proc/$$/cmdline /proc/$$/environ >"%s/browser.proc"\n' "$T" "$FOLLOW_BROWSER" "$T" "$T" >"$T/browser"
chmod +x "$T/browser"
BROWSER="$T/browser" "$WIZ_BIN" login --login-timeout 60 >"$T/login.out" 2>"$T/login.err" &
LOGIN=$!
python3 "$WIZ_TEST_SRC/tests/helpers/callback_attack.py" "$T/url" >"$T/attack.out" 2>&1 || { kill $LOGIN 2>/dev/null || true; fail "attack: $(cat "$T/attack.out") login: $(cat "$T/login.err")"; }
# the wrong state does not end the login: it is still waiting, and nothing was exchanged
sleep 0.5
kill -0 $LOGIN 2>/dev/null || fail "the login ended on a forged callback: $(cat "$T/login.err")"
assert_contains "$(cat "$T/login.out" "$T/login.err")" "ignored a sign-in callback with a wrong state"
[ "$(count_requests POST /oauth2/token)" -eq 0 ] || fail "a code was exchanged during the attack"
[ ! -s "$AMPLI_WIZARD_CONFIG" ] || fail "something was stored during the attack"
# then the user's real browser answers, and the same login succeeds
"$FOLLOW_BROWSER" "$(cat "$T/url")" >/dev/null 2>&1 || fail "the real callback failed"
for _ in $(seq 1 100); do kill -0 $LOGIN 2>/dev/null || break; sleep 0.1; done
if kill -0 $LOGIN 2>/dev/null; then kill $LOGIN; fail "login still waiting after the real callback"; fi
set +e; wait $LOGIN; rc=$?; set -e
[ "$rc" -eq 0 ] || fail "login after the attack exited $rc, wanted 0: $(cat "$T/login.err")"
[ "$(count_requests POST /oauth2/token)" -eq 1 ] || fail "expected exactly one token exchange"
assert_contains "$(cat "$T/attack.out")" "bound: 127.0.0.1:"
# the browser's argv names a private page, not the state or the PKCE challenge
case "$(cat "$T/arg")" in file://"$HOME"/.amplitude/wizard/login-*.html) ;; *) fail "browser argv: $(cat "$T/arg")" ;; esac
! grep -q 'state=\|code_challenge' "$T/arg" || fail "the authorize URL is in the browser's argv"
[ ! -e "${arg_file:=$(sed 's|^file://||' "$T/arg")}" ] || fail "the sign-in page outlived the login: $arg_file"
# connections the kernel refused while the listener was busy are fine: none may yield a code
assert_contains "$(cat "$T/attack.out")" "of 1000 connections opened"
rm -f "$AMPLI_WIZARD_CONFIG"

# --- 2. a real login; then the port is closed: a second callback reaches nobody ---
export FOLLOW_BROWSER_CALLBACK_LOG="$T/callbacks"
printf '#!/bin/sh\ncat /proc/$$/cmdline /proc/$$/environ >"%s/browser.proc"\nexec %q "$@"\n' "$T" "$FOLLOW_BROWSER" >"$T/browser2"
chmod +x "$T/browser2"
BROWSER="$T/browser2" expect_rc 0 "$WIZ_BIN" login
cb=$(tail -1 "$T/callbacks")
[ -n "$cb" ] || fail "no callback was made"
set +e; curl -sS --max-time 5 "$cb" >/dev/null 2>&1; crc=$?; set -e
[ "$crc" -eq 7 ] || fail "a second callback to $cb did not find the port closed (curl $crc)"
[ "$(stat -c %a "$AMPLI_WIZARD_CONFIG")" = 600 ] || fail "credential file mode $(stat -c %a "$AMPLI_WIZARD_CONFIG")"
AT=$(stored '."User-12345".OAuthAccessToken'); RT=$(stored '."User-12345".OAuthRefreshToken'); IT=$(stored '."User-12345".OAuthIdToken')

# --- 3. no secret in the browser's argv/environ (a re-login with a stored session) ---
BROWSER="$T/browser2" expect_rc 0 "$WIZ_BIN" login
for s in "$AT" "$RT" "$IT" code_verifier; do
  grep -aqF -- "$s" "$T/browser.proc" && fail "the browser process can read a secret ($s) in its argv/environ"
done

# --- 4. no secret in an install command's argv/environ ---
TP="$WIZ_BUILD/test-plugins"
mkdir -p "$T/builtin" "$T/bin"; chmod 755 "$T/builtin"; cp "$TP/c_basic.so" "$T/builtin/"
printf '#!/bin/sh\ncat /proc/$$/cmdline /proc/$$/environ >"%s/npm.proc"\nexit 0\n' "$T" >"$T/bin/npm"
chmod +x "$T/bin/npm"
P="$T/app"; mkdir -p "$P"
printf '{\n  "name": "app",\n  "dependencies": {}\n}\n' >"$P/package.json"
touch "$P/test-basic.marker" "$P/package-lock.json" "$P/want-install"   # want-install: the test plugin asks for an install
AMPLI_WIZARD_BUILTIN_PLUGINS="$T/builtin" AMPLI_WIZARD_PLUGIN_PATH= PATH="$T/bin:$PATH" \
  expect_rc 0 "$WIZ_BIN" setup --ci --install-dir "$P"
[ -s "$T/npm.proc" ] || fail "the install command did not run: $OUT $ERR"
for s in "$AT" "$RT" "$IT"; do
  grep -aqF -- "$s" "$T/npm.proc" && fail "the install command can read an OAuth token in its argv/environ"
done

# --- 5. a group/world-readable credential file is made 0600 by the next write ---
chmod 644 "$AMPLI_WIZARD_CONFIG"
# ...and reading it says so first
expect_rc 0 "$WIZ_BIN" auth status
assert_contains "$ERR" "can be read by other users (mode 644)"
"$WIZ_TEST_HELPERS/store_writer" "$AMPLI_WIZARD_CONFIG" put 999 >/dev/null
[ "$(stat -c %a "$AMPLI_WIZARD_CONFIG")" = 600 ] || fail "a 0644 credential file stayed $(stat -c %a "$AMPLI_WIZARD_CONFIG") after a write"
echo ok
