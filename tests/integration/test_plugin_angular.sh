#!/usr/bin/env bash
# angular Lua plugin: the task-board workbench app (ng new) and synthetic Angular projects:
# the generated module matches what the committed script writes byte for byte, an NgModule
# bootstrap, a main.ts that bootstraps nothing (refused), EU zone, dry run, second run, undo.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/js_plugin_lib.sh"

# --- the workbench app ---
P="$T/board"; app board angular/task-board
before=$(tree "$P")
[ "$(detected "$P")" = angular ] || fail "task-board not detected as angular: $(cat "$T/det.out" "$T/det.err")"
assert_contains "$(cat "$T/det.out")" "package.json has @angular/core ^21.2.0 and angular.json exists"
expect_rc 0 "$W" setup --ci --skip-install --api-key "$KEY" --install-dir "$P" --dry-run
assert_contains "$OUT" "+if (amplitudeEnv.apiKey) {"
# the plan shows the key masked, in .env and in the generated module alike
assert_contains "$OUT" '+export const amplitudeEnv = {"apiKey":"0123...cdef","serverUrl":""};'
assert_not_contains "$OUT$ERR" "$KEY"
[ "$(tree "$P")" = "$before" ] || fail "dry run wrote files"
setup "$P"
# the plugin's own next step, after the install step
assert_contains "$OUT" "next: After a fresh clone (and in CI), run node scripts/amplitude-env.mjs before ng build"
M="$P/src/main.ts"
grep -qx "import { initAll } from '@amplitude/unified';" "$M" || fail "SDK import: $(cat "$M")"
grep -qx "import { amplitudeEnv } from './environments/amplitude.env';" "$M" || fail "env import: $(cat "$M")"
[ "$(grep -n 'initAll(' "$M" | cut -d: -f1)" -lt "$(grep -n '^bootstrapApplication' "$M" | cut -d: -f1)" ] \
  || fail "init after bootstrap: $(cat "$M")"
[ "$(cat "$P/.env")" = "NG_APP_AMPLITUDE_API_KEY=$KEY" ] || fail ".env: $(cat "$P/.env")"
G="$P/src/environments/amplitude.env.ts"
git -C "$P" check-ignore -q .env && git -C "$P" check-ignore -q src/environments/amplitude.env.ts || fail "not ignored"
! git -C "$P" grep -q "$KEY" || fail "key in a tracked file"
# what setup wrote is what the script writes from .env (a clone regenerates the same module)
cp "$G" "$T/gen.setup"; rm "$G"
(cd "$P" && node scripts/amplitude-env.mjs) || fail "the script failed"
cmp -s "$T/gen.setup" "$G" || fail "setup and the script disagree: $(diff "$T/gen.setup" "$G")"
# the environment wins over .env; values are JSON-escaped
(cd "$P" && NG_APP_AMPLITUDE_API_KEY='k"1' node scripts/amplitude-env.mjs)
grep -qF '"apiKey":"k\"1"' "$G" || fail "env not preferred or not escaped: $(cat "$G")"
cp "$T/gen.setup" "$G"
for f in angular.json tsconfig.json tsconfig.app.json src/app/app.config.ts src/index.html package-lock.json; do
  git -C "$P" diff --quiet -- "$f" || fail "$f was changed"
done
git -C "$P" diff package.json | grep '^[-+] ' | grep -v '@amplitude/unified' && fail "package.json changed beyond the dependency"
settled "$P" "$before"

# --- EU zone, a custom server URL in the generated module ---
P="$T/board-eu"; app board-eu angular/task-board
setup "$P" --zone eu
grep -qF "    serverZone: 'EU'," "$P/src/main.ts" || fail "EU: $(cat "$P/src/main.ts")"

# --- an NgModule app, double quotes, no semicolons ---
P="$T/mod"; mkdir -p "$P/src/app"
printf '{ "name": "mod", "dependencies": { "@angular/core": "^19.0.0", "@angular/platform-browser-dynamic": "^19.0.0" } }\n' >"$P/package.json"
cat >"$P/src/main.ts" <<'EOF'
import { platformBrowserDynamic } from "@angular/platform-browser-dynamic"
import { AppModule } from "./app/app.module"

platformBrowserDynamic().bootstrapModule(AppModule)
  .catch(err => console.error(err))
EOF
printf 'export class AppModule {}\n' >"$P/src/app/app.module.ts"
commit "$P"; before=$(tree "$P")
setup "$P"
grep -qx 'import { amplitudeEnv } from "./environments/amplitude.env"' "$P/src/main.ts" || fail "style: $(cat "$P/src/main.ts")"
[ "$(grep -c 'initAll(' "$P/src/main.ts")" = 1 ] || fail "NgModule: one init"
settled "$P" "$before"

# --- main.ts that bootstraps nothing: refused, nothing written ---
P="$T/odd"; mkdir -p "$P/src"
printf '{ "name": "odd", "dependencies": { "@angular/core": "^21.0.0" } }\n' >"$P/package.json"
printf 'import "./polyfills"\n' >"$P/src/main.ts"
commit "$P"; before=$(tree "$P")
expect_rc 10 "$W" setup --ci --skip-install --api-key "$KEY" --install-dir "$P"
assert_contains "$ERR" "src/main.ts does not bootstrap the app"
[ "$(tree "$P")" = "$before" ] || fail "a refused setup wrote files"

echo "angular plugin: all checks passed"
