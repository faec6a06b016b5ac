#!/usr/bin/env bash
# vue plugin: vue/movies end to end, then synthetic variants: JS main with double quotes,
# entry found through index.html, Nuxt not claimed, existing and half-done setups, EU zone.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/test_plugin_jsfw_lib.inc"
mkdir -p "$T/apps"

for app in "$WIZ_TEST_SRC"/workbench/apps/vue/*/; do
  check_app "vue/$(basename "$app")"
done

# --- another SDK's init is not Amplitude's: only calls on names bound to an @amplitude
# import count (Sentry.init beside ours must not fail verify, and a rerun plans nothing) ---
P="$T/sentry"; mkdir -p "$P/src"
printf '{\n  "type": "module",\n  "dependencies": {\n    "vue": "^3.5.0",\n    "@sentry/vue": "^8.0.0"\n  },\n  "devDependencies": {\n    "vite": "^7.1.0"\n  }\n}\n' > "$P/package.json"
cat > "$P/src/main.ts" <<'EOF'
import { createApp } from 'vue'
import * as Sentry from '@sentry/vue'
import App from './App.vue'

const app = createApp(App)
Sentry.init({ app, dsn: import.meta.env.VITE_SENTRY_DSN })
// amplitude.init(KEY) in a comment, and 'amplitude.init(' in a string: not calls
const note = 'amplitude.init('
app.mount('#app')
EOF
printf '<template>\n  <p>hi</p>\n</template>\n' > "$P/src/App.vue"
commit_dir "$P"
setup_ "$P"
[ "$(grep -c 'amplitude.init(amplitudeApiKey' "$P/src/main.ts")" = 1 ] || fail "sentry: not one Amplitude init: $(cat "$P/src/main.ts")"
grep -q "^Sentry.init(" "$P/src/main.ts" || fail "sentry: its init was touched"
setup_ "$P"
assert_contains "$OUT" "already set up"

# --- plain JS, double quotes, semicolons, 4 spaces ---
P="$T/js"; mkdir -p "$P/src"
printf '{\n  "type": "module",\n  "dependencies": {\n    "vue": "^3.5.0"\n  },\n  "devDependencies": {\n    "vite": "^7.1.0"\n  }\n}\n' > "$P/package.json"
cat > "$P/src/main.js" <<'EOF'
import { createApp } from "vue";
import App from "./App.vue";

createApp(App, {
    title: "Movies",
}).mount("#app");
EOF
printf '<template>\n    <p>hi</p>\n</template>\n' > "$P/src/App.vue"
commit_dir "$P"; before=$(snapshot "$P")
expect_rc 0 "$W" detect --ci --install-dir "$P"
assert_contains "$OUT" "framework: vue"
setup_ "$P"
M="$P/src/main.js"
[ "$(sed -n 3p "$M")" = 'import * as amplitude from "@amplitude/analytics-browser";' ] || fail "import: $(cat "$M")"
grep -q '^    amplitude.init(amplitudeApiKey, {$' "$M" || fail "indent/call: $(cat "$M")"
grep -q '^        ...(amplitudeServerUrl ? { serverUrl: amplitudeServerUrl } : {}),$' "$M" || fail "server url option"
# autocapture as Amplitude's framework guides set it (unset, the SDK warns on every page)
grep -q '^        autocapture: { sessions: true, pageViews: true, formInteractions: true, fileDownloads: true },$' "$M" || fail "autocapture: $(cat "$M")"
[ "$(tail -1 "$M")" = '}).mount("#app");' ] || fail "mount line lost"
[ "$(grep -n 'amplitude.init' "$M" | cut -d: -f1)" -lt "$(grep -n 'createApp(App' "$M" | cut -d: -f1)" ] || fail "init after mount"
grep -q '"@amplitude/analytics-browser": "^2\.' "$P/package.json" || fail "dependency"
grep -q "^VITE_AMPLITUDE_API_KEY=$KEY$" "$P/.env.local" && (cd "$P" && git_ check-ignore -q .env.local) || fail "env"
second_run_and_undo "$P" "$before"

# --- entry named by index.html; an existing @amplitude/unified is used (initAll) ---
P="$T/html"; mkdir -p "$P/src"
printf '{"dependencies": {"vue": "^3.5.0", "@amplitude/unified": "^1.0.0"}}\n' > "$P/package.json"
printf '<div id="app"></div>\n<script type="module" src="/src/entry.ts"></script>\n' > "$P/index.html"
printf "import { createApp } from 'vue'\n\ncreateApp({}).mount('#app')\n" > "$P/src/entry.ts"
commit_dir "$P"
setup_ "$P" --zone eu
grep -q "^  amplitude.initAll(amplitudeApiKey, {$" "$P/src/entry.ts" || fail "unified init: $(cat "$P/src/entry.ts")"
grep -qF "analytics: { autocapture: { sessions: true" "$P/src/entry.ts" || fail "unified autocapture: $(cat "$P/src/entry.ts")"
grep -q "^    serverZone: 'EU',$" "$P/src/entry.ts" || fail "eu"
git -C "$P" diff --quiet HEAD -- package.json || fail "package.json changed"

# --- half-done: init present, no key: only the env file ---
git_ -C "$P" add -A; git_ -C "$P" commit -qm init2; rm "$P/.env.local"
setup_ "$P"
[ -z "$(git -C "$P" status --porcelain)" ] || fail "half-done touched sources"
[ "$(all_inits "$P")" = 1 ] || fail "half-done: init count"
grep -q "^VITE_AMPLITUDE_API_KEY=$KEY$" "$P/.env.local" || fail "half-done: key"

# --- Nuxt is not claimed by the vue plugin ---
P="$T/nuxt"; mkdir -p "$P"
printf '{"dependencies": {"nuxt": "^3.13.0", "vue": "^3.5.0"}}\n' > "$P/package.json"
commit_dir "$P"
set +e; "$W" detect --ci --install-dir "$P" >"$T/out" 2>&1; set -e
assert_not_contains "$(cat "$T/out")" "framework: vue"

echo "ok"
