#!/usr/bin/env bash
# nuxt Lua plugin: the garden-planner workbench app (Nuxt 4, app/ as srcDir) and synthetic
# Nuxt projects: Nuxt 3's root layout, a runtimeConfig the app already has (the keys merged
# into it), a config the host cannot edit (refused, nothing written), an init in Nitro's
# server/ (refused), EU zone, dry run, second run, undo.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/js_plugin_lib.sh"

# --- the workbench app ---
P="$T/garden"; app garden nuxt/garden-planner
before=$(tree "$P")
[ "$(detected "$P")" = nuxt ] || fail "garden-planner not detected as nuxt: $(cat "$T/det.out" "$T/det.err")"
assert_contains "$(cat "$T/det.out")" "package.json has nuxt ~4.3.1 and nuxt.config.ts exists"
expect_rc 0 "$W" setup --ci --skip-install --api-key "$KEY" --install-dir "$P" --dry-run
assert_contains "$OUT" "+      amplitudeApiKey: '',"
assert_contains "$OUT" "Nuxt has no other way"
[ "$(tree "$P")" = "$before" ] || fail "dry run wrote files"
setup "$P"
C="$P/app/plugins/amplitude.client.ts"
expected=$(printf '%s\n' \
  "import { initAll } from '@amplitude/unified'" \
  "" \
  "export default defineNuxtPlugin(() => {" \
  "  const config = useRuntimeConfig()" \
  "  // One init for the whole app: a .client plugin runs once, in the browser, when the app starts." \
  "  if (config.public.amplitudeApiKey) {" \
  "    initAll(config.public.amplitudeApiKey, {" \
  "      analytics: {" \
  "        serverUrl: config.public.amplitudeServerUrl || undefined," \
  "        autocapture: { sessions: true, pageViews: true, formInteractions: true, fileDownloads: true }" \
  "      }" \
  "    })" \
  "  }" \
  "})")
[ "$(cat "$C")" = "$expected" ] || fail "client plugin: $(diff <(echo "$expected") "$C")"
# the declaration, in the config's style (no semicolons, no trailing commas), values empty
expected=$(printf '%s\n' "export default defineNuxtConfig({" "  runtimeConfig: {" "    public: {" \
  "      amplitudeApiKey: ''," "      amplitudeServerUrl: ''" "    }" "  }," "  compatibilityDate: '2025-07-15',")
[ "$(sed -n 2,9p "$P/nuxt.config.ts")" = "$expected" ] || fail "nuxt.config.ts: $(cat "$P/nuxt.config.ts")"
! grep -q "$KEY" "$P/nuxt.config.ts" || fail "the key went into nuxt.config.ts"
[ "$(cat "$P/.env")" = "NUXT_PUBLIC_AMPLITUDE_API_KEY=$KEY" ] || fail ".env: $(cat "$P/.env")"
git -C "$P" check-ignore -q .env || fail ".env not ignored"
! git -C "$P" grep -q "$KEY" || fail "key in a tracked file"
for f in server/api/plants.get.ts app/app.vue app/pages/index.vue tsconfig.json .gitignore; do
  git -C "$P" diff --quiet -- "$f" || fail "$f was changed"
done
settled "$P" "$before"

# --- EU zone ---
P="$T/garden-eu"; app garden-eu nuxt/garden-planner
setup "$P" --zone eu
grep -qF "      serverZone: 'EU'," "$P/app/plugins/amplitude.client.ts" || fail "EU: $(cat "$P/app/plugins/amplitude.client.ts")"

# --- Nuxt 3: app.vue at the root, a runtimeConfig with other keys, semicolons, JS ---
P="$T/n3"; mkdir -p "$P/pages"
printf '{ "name": "n3", "dependencies": { "nuxt": "^3.15.0" } }\n' >"$P/package.json"
cat >"$P/nuxt.config.js" <<'EOF'
export default defineNuxtConfig({
  runtimeConfig: {
    apiSecret: '',
    public: {
      apiBase: '/api',
    },
  },
});
EOF
printf '<template>\n  <NuxtPage />\n</template>\n' >"$P/app.vue"
printf '<template>\n  <h1>hi</h1>\n</template>\n' >"$P/pages/index.vue"
commit "$P"; before=$(tree "$P")
setup "$P"
[ -f "$P/plugins/amplitude.client.js" ] || fail "Nuxt 3: no plugins/amplitude.client.js: $(cd "$P" && find . -name 'amplitude*')"
grep -q '^  const config = useRuntimeConfig();$' "$P/plugins/amplitude.client.js" || fail "semicolons: $(cat "$P/plugins/amplitude.client.js")"
expected=$(printf '%s\n' "    public: {" "      amplitudeApiKey: ''," "      amplitudeServerUrl: ''," "      apiBase: '/api',")
[ "$(sed -n 4,7p "$P/nuxt.config.js")" = "$expected" ] || fail "merged runtimeConfig: $(cat "$P/nuxt.config.js")"
[ "$(grep -c runtimeConfig "$P/nuxt.config.js")" = 1 ] || fail "a second runtimeConfig"
settled "$P" "$before"

# --- a config the host cannot edit (no defineNuxtConfig call): refused, nothing written ---
P="$T/plain"; mkdir -p "$P"
printf '{ "name": "plain", "dependencies": { "nuxt": "^3.15.0" } }\n' >"$P/package.json"
printf 'export default {\n  ssr: false,\n}\n' >"$P/nuxt.config.ts"
printf '<template><div /></template>\n' >"$P/app.vue"
commit "$P"; before=$(tree "$P")
expect_rc 10 "$W" setup --ci --skip-install --api-key "$KEY" --install-dir "$P"
assert_contains "$ERR" "nuxt.config.ts: cannot declare the runtime config (no object defineNuxtConfig)"
[ "$(tree "$P")" = "$before" ] || fail "a refused setup wrote files"

# --- an init in Nitro's server/: refused ---
P="$T/srv"; mkdir -p "$P/server/utils"
printf '{ "name": "srv", "dependencies": { "nuxt": "^4.0.0", "@amplitude/analytics-browser": "^2.0.0" } }\n' >"$P/package.json"
printf 'export default defineNuxtConfig({})\n' >"$P/nuxt.config.ts"
printf "import * as amplitude from '@amplitude/analytics-browser'\namplitude.init('k')\n" >"$P/server/utils/track.ts"
commit "$P"; before=$(tree "$P")
expect_rc 10 "$W" setup --ci --skip-install --api-key "$KEY" --install-dir "$P"
assert_contains "$ERR" "the browser SDK is initialised in server-only code (server/utils/track.ts)"
[ "$(tree "$P")" = "$before" ] || fail "a refused setup wrote files"

echo "nuxt plugin: all checks passed"
