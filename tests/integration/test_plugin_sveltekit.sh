#!/usr/bin/env bash
# sveltekit Lua plugin: the habit-log workbench app (sv create's minimal template) and
# synthetic SvelteKit projects: the client hooks created in the project's style or edited
# when they exist, JS projects, an existing init elsewhere, an init in server-only code
# refused by verify, EU zone, dry run, second run, undo.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/js_plugin_lib.sh"

# --- the workbench app ---
P="$T/habit"; app habit sveltekit/habit-log
before=$(tree "$P")
[ "$(detected "$P")" = sveltekit ] || fail "habit-log not detected as sveltekit: $(cat "$T/det.out" "$T/det.err")"
assert_contains "$(cat "$T/det.out")" "package.json has @sveltejs/kit ^2."
expect_rc 0 "$W" detect --ci --json --install-dir "$P"
assert_contains "$OUT" '"integration":"javascript_web","frameworkName":"SvelteKit"'
expect_rc 0 "$W" setup --ci --skip-install --api-key "$KEY" --install-dir "$P" --dry-run
assert_contains "$OUT" "+if (env.PUBLIC_AMPLITUDE_API_KEY) {"
[ "$(tree "$P")" = "$before" ] || fail "dry run wrote files"
setup "$P"
H="$P/src/hooks.client.ts"
[ -f "$H" ] || fail "no src/hooks.client.ts"
# sv writes tabs, single quotes, semicolons and no trailing commas: the new file does too
expected=$(printf '%s\n' \
  "import { initAll } from '@amplitude/unified';" \
  "import { env } from '\$env/dynamic/public';" \
  "" \
  "// One init for the whole app: the client hooks run once, in the browser, when the app starts." \
  "if (env.PUBLIC_AMPLITUDE_API_KEY) {" \
  "	initAll(env.PUBLIC_AMPLITUDE_API_KEY, {" \
  "		analytics: {" \
  "			serverUrl: env.PUBLIC_AMPLITUDE_SERVER_URL || undefined," \
  "			autocapture: { sessions: true, pageViews: true, formInteractions: true, fileDownloads: true }" \
  "		}" \
  "	});" \
  "}")
[ "$(cat "$H")" = "$expected" ] || fail "hooks.client.ts: $(diff <(echo "$expected") "$H")"
[ "$(cat "$P/.env")" = "PUBLIC_AMPLITUDE_API_KEY=$KEY" ] || fail ".env: $(cat "$P/.env")"
git -C "$P" check-ignore -q .env || fail ".env not ignored"
# the unified SDK, Amplitude's default for a new browser project
grep -q '"@amplitude/unified": "^1\.' "$P/package.json" || fail "dependency missing"
! git -C "$P" grep -q "$KEY" || fail "key in a tracked file"
# server code stays free of the browser SDK; build configuration untouched
for f in src/routes/+page.server.ts src/routes/+page.svelte src/routes/+layout.svelte vite.config.ts tsconfig.json src/app.html; do
  git -C "$P" diff --quiet -- "$f" || fail "$f was changed"
done
git -C "$P" diff --quiet -- .gitignore || fail ".gitignore changed though sv's .gitignore covers .env"
settled "$P" "$before"

# --- EU zone, a custom ingestion URL ---
P="$T/habit-eu"; app habit-eu sveltekit/habit-log
setup "$P" --zone eu
grep -qF "		serverZone: 'EU'," "$P/src/hooks.client.ts" || fail "EU zone not set: $(cat "$P/src/hooks.client.ts")"

# --- existing client hooks (two-space JS, no semicolons): edited, not replaced ---
P="$T/js"; mkdir -p "$P/src/routes"
cat >"$P/package.json" <<'EOF'
{ "name": "js-kit", "type": "module", "devDependencies": { "@sveltejs/kit": "^2.20.0", "svelte": "^5.0.0", "vite": "^6.0.0" } }
EOF
cat >"$P/src/hooks.client.js" <<'EOF'
import { dev } from "$app/environment"

/** @type {import('@sveltejs/kit').HandleClientError} */
export function handleError({ error }) {
  if (dev) console.error(error)
  return { message: "Something went wrong" }
}
EOF
printf '<h1>hi</h1>\n' >"$P/src/routes/+page.svelte"
commit "$P"; before=$(tree "$P")
[ "$(detected "$P")" = sveltekit ] || fail "JS SvelteKit project not detected"
assert_contains "$(cat "$T/det.out")" "and src/hooks.client.js exists"
setup "$P"
E="$P/src/hooks.client.js"
[ ! -e "$P/src/hooks.client.ts" ] || fail "a second hooks file was created"
[ "$(sed -n 1p "$E")" = 'import { dev } from "$app/environment"' ] || fail "first import moved: $(cat "$E")"
grep -qx 'import { initAll } from "@amplitude/unified"' "$E" || fail "SDK import style: $(cat "$E")"
grep -qx 'import { env } from "$env/dynamic/public"' "$E" || fail "env import: $(cat "$E")"
grep -qx '      serverUrl: env.PUBLIC_AMPLITUDE_SERVER_URL || undefined,' "$E" || fail "indent: $(cat "$E")"
grep -qx 'export function handleError({ error }) {' "$E" || fail "handleError lost: $(cat "$E")"
[ "$(grep -c 'initAll(' "$E")" = 1 ] || fail "not one init"
settled "$P" "$before"

# --- sv's JS template (JSDoc types: jsconfig.json, typescript listed for checkJs): a .js hook ---
P="$T/jsdoc"; mkdir -p "$P/src/routes"
printf '{ "name": "jd", "type": "module", "devDependencies": { "@sveltejs/kit": "^2.63.0", "typescript": "^6.0.3" } }\n' >"$P/package.json"
printf '{ "extends": "./.svelte-kit/tsconfig.json", "compilerOptions": { "checkJs": true } }\n' >"$P/jsconfig.json"
printf '<h1>hi</h1>\n' >"$P/src/routes/+page.svelte"
commit "$P"; before=$(tree "$P")
setup "$P"
[ -f "$P/src/hooks.client.js" ] && [ ! -e "$P/src/hooks.client.ts" ] || fail "jsdoc project: $(ls "$P/src")"
settled "$P" "$before"

# --- an init the app already has (in the root layout): no second one ---
P="$T/has"; mkdir -p "$P/src/routes"
cat >"$P/package.json" <<'EOF'
{ "name": "has", "type": "module", "dependencies": { "@amplitude/analytics-browser": "^2.11.0" },
  "devDependencies": { "@sveltejs/kit": "^2.20.0", "svelte": "^5.0.0" } }
EOF
cat >"$P/src/routes/+layout.svelte" <<'EOF'
<script>
	import { onMount } from 'svelte';
	import * as amplitude from '@amplitude/analytics-browser';
	import { env } from '$env/dynamic/public';

	let { children } = $props();
	onMount(() => amplitude.init(env.PUBLIC_AMPLITUDE_API_KEY));
</script>

{@render children()}
EOF
commit "$P"
setup "$P"
[ ! -e "$P/src/hooks.client.ts" ] && [ ! -e "$P/src/hooks.client.js" ] || fail "a hooks file was created beside an existing init"
git -C "$P" diff --quiet -- src/routes/+layout.svelte package.json || fail "the existing setup was edited"
[ "$(cat "$P/.env")" = "PUBLIC_AMPLITUDE_API_KEY=$KEY" ] || fail "the key was not set for the existing init"

# --- an init in server-only code: verify refuses (the browser SDK on every request) ---
P="$T/srv"; mkdir -p "$P/src/lib/server"
cat >"$P/package.json" <<'EOF'
{ "name": "srv", "type": "module", "dependencies": { "@amplitude/analytics-browser": "^2.11.0" },
  "devDependencies": { "@sveltejs/kit": "^2.20.0" } }
EOF
printf "import * as amplitude from '@amplitude/analytics-browser';\namplitude.init('k');\n" >"$P/src/lib/server/track.ts"
commit "$P"; before=$(tree "$P")
expect_rc 10 "$W" setup --ci --skip-install --api-key "$KEY" --install-dir "$P"
assert_contains "$ERR" "the browser SDK is initialised in server-only code (src/lib/server/track.ts)"
[ "$(tree "$P")" = "$before" ] || fail "a failed verify left changes"

echo "sveltekit plugin: all checks passed"
