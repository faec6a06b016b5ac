#!/usr/bin/env bash
# Amplitude's wizard maps every AMPLITUDE_WIZARD_* variable in the environment to a flag
# and refuses the ones it does not know (amplitude/wizard bin.ts: yargs
# .env('AMPLITUDE_WIZARD') with .strict()), so a variable of ours under that prefix would
# break it in the same shell. Ours are AMPLI_WIZARD_*; under the shared prefix we read only
# names Amplitude's wizard declares itself (api-key, agent, cache-dir, confirm-app: bin.ts
# declares the flag) and the old
# AMPLITUDE_WIZARD_CONFIG, kept as a fallback for older scripts.
source "$(dirname "$0")/lib.sh"
allowed="AMPLITUDE_WIZARD_API_KEY AMPLITUDE_WIZARD_AGENT AMPLITUDE_WIZARD_CACHE_DIR AMPLITUDE_WIZARD_CONFIRM_APP AMPLITUDE_WIZARD_CONFIG"
read_names=$(grep -rhoE 'getenv\("AMPLITUDE_WIZARD_[A-Z_]+"\)' "$WIZ_TEST_SRC/core" | sed 's/getenv("\(.*\)")/\1/' | sort -u)
[ -n "$read_names" ] || fail "no AMPLITUDE_WIZARD_ variable found: the pattern is wrong"
for n in $read_names; do
  case " $allowed " in *" $n "*) ;; *) fail "core reads $n, which Amplitude's wizard would refuse" ;; esac
done
# and the help lists every variable the engine reads
W="$WIZ_BIN"
expect_rc 0 "$W" --help
for n in $(grep -rhoE 'getenv\("(AMPLI|AMPLITUDE)_WIZARD_[A-Z_]+"\)' "$WIZ_TEST_SRC/core" | sed 's/getenv("\(.*\)")/\1/' | sort -u); do
  case "$n" in *_TEST_*|AMPLI_WIZARD_BUILTIN_PLUGINS|AMPLI_WIZARD_SESSION_ID) continue ;; esac
  assert_contains "$OUT" "$n"
done
echo ok
