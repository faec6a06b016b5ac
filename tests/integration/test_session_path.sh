#!/usr/bin/env bash
# Where the session lives, as Amplitude's wizard keeps it: ~/.amplitude/wizard/oauth-session.json.
# The legacy ~/.ampli.json is read only while that file does not exist, copied forward once
# (byte for byte, 0600) and never written again; a canonical file with no user means signed
# out (the legacy one is not brought back); AMPLI_WIZARD_CONFIG still overrides.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/auth_lib.sh"
lock_callback_ports
start_standin
W="$WIZ_BIN"
export BROWSER="$FOLLOW_BROWSER"
LEGACY="$HOME/.ampli.json"; CANON="$HOME/.amplitude/wizard/oauth-session.json"
sha() { sha256sum "$1" | cut -c1-64; }

unset AMPLI_WIZARD_CONFIG AMPLITUDE_WIZARD_CONFIG
# a fresh HOME: nothing stored anywhere; logout says so, login creates the file's directory
expect_rc 0 "$W" logout
expect_rc 0 "$W" login --ci
[ -f "$CANON" ] && [ ! -e "$LEGACY" ] || fail "a first login did not write only $CANON"
rm -rf "$HOME/.amplitude"

# an older tool's session in ~/.ampli.json (written here through the override)
AMPLI_WIZARD_CONFIG="$LEGACY" expect_rc 0 "$W" login --ci
legacy_sha=$(sha "$LEGACY")
unset AMPLI_WIZARD_CONFIG
[ ! -e "$CANON" ] || fail "canonical file exists before the first run"
expect_rc 0 "$W" whoami
assert_contains "$OUT" "ada@example.com"
[ -f "$CANON" ] || fail "the session was not copied forward to $CANON"
[ "$(sha "$CANON")" = "$legacy_sha" ] || fail "the copy is not byte for byte"
[ "$(stat -c %a "$CANON")" = 600 ] && [ "$(stat -c %a "$(dirname "$CANON")")" = 700 ] || fail "modes"

# signed out in the canonical file: the legacy session is not brought back
expect_rc 0 "$W" logout
expect_rc 3 "$W" whoami --ci
[ "$(sha "$LEGACY")" = "$legacy_sha" ] || fail "logout wrote the legacy file"
# from now on only the canonical file is written: a new login leaves ~/.ampli.json as it was
expect_rc 0 "$W" login --ci
expect_rc 0 "$W" whoami
[ "$(sha "$LEGACY")" = "$legacy_sha" ] || fail "the legacy file was written"
[ "$(jq -r '."User-12345".User.email' "$CANON")" = ada@example.com ] || fail "the login did not write the canonical file"

# two wizards migrating at once: one copy, never a clobbered canonical file
rm -f "$CANON"
pids=()
for i in 1 2 3 4; do "$W" whoami >/dev/null 2>&1 & pids+=($!); done
wait "${pids[@]}" # not a bare wait: the stand-in runs in the background too
[ "$(sha "$CANON")" = "$legacy_sha" ] || fail "concurrent migration left a different file"
[ -z "$(ls "$(dirname "$CANON")" | grep 'tmp-')" ] || fail "migration temp files left: $(ls "$(dirname "$CANON")")"

# the override still wins and never migrates; the old name of the variable still works
rm -f "$CANON"
AMPLI_WIZARD_CONFIG="$T/other.json" expect_rc 3 "$W" whoami --ci
[ ! -e "$CANON" ] || fail "an overridden run migrated"
AMPLITUDE_WIZARD_CONFIG="$LEGACY" expect_rc 0 "$W" whoami
[ ! -e "$CANON" ] || fail "an overridden run (old variable name) migrated"
echo ok
