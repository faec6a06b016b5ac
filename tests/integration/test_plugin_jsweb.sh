#!/usr/bin/env bash
# javascript-web Lua plugin: the saas-dashboard workbench app and synthetic Vite projects
# (detection and what it leaves alone, TS and code style, EU zone, existing and half-done
# setups, @amplitude/unified, dry run, second run, undo).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/js_plugin_lib.sh"

# --- the workbench app ---
P="$T/dash"; app dash javascript-web/saas-dashboard
before=$(tree "$P")
[ "$(detected "$P")" = javascript-web ] || fail "saas-dashboard not detected as javascript-web: $(cat "$T/det.out" "$T/det.err")"
assert_contains "$(cat "$T/det.out")" "index.html loads src/main.js"
expect_rc 0 "$W" setup --ci --skip-install --api-key "$KEY" --install-dir "$P" --dry-run
assert_contains "$OUT" "+if (import.meta.env.VITE_AMPLITUDE_API_KEY) {"
assert_contains "$OUT" "+  amplitude.init(import.meta.env.VITE_AMPLITUDE_API_KEY, {"
assert_contains "$OUT" "nothing was written"
[ "$(tree "$P")" = "$before" ] || fail "dry run wrote files"
setup "$P"
M="$P/src/main.js"
[ "$(count "$M" "import * as amplitude from '@amplitude/analytics-browser';")" = 1 ] || fail "no SDK import: $(cat "$M")"
[ "$(grep -c 'amplitude.init(' "$M")" = 1 ] || fail "not exactly one init"
grep -qF "    serverUrl: import.meta.env.VITE_AMPLITUDE_SERVER_URL || undefined," "$M" || fail "no serverUrl"
# autocapture as Amplitude's guides set it; no init without a key
grep -qF "    autocapture: { sessions: true, pageViews: true, formInteractions: true, fileDownloads: true }," "$M" || fail "autocapture not set"
grep -qx "if (import.meta.env.VITE_AMPLITUDE_API_KEY) {" "$M" || fail "no key guard: $(cat "$M")"
! grep -q serverZone "$M" || fail "serverZone set for zone us"
# the init follows the import block, before the first statement
imp=$(grep -n "^import \* as amplitude" "$M" | cut -d: -f1)
ini=$(grep -n "^if (import.meta.env.VITE_AMPLITUDE_API_KEY)" "$M" | cut -d: -f1)
root=$(grep -n "^const root" "$M" | cut -d: -f1)
[ "$imp" -lt "$ini" ] && [ "$ini" -lt "$root" ] || fail "init misplaced: $(cat "$M")"
grep -q '"@amplitude/analytics-browser": "^2\.' "$P/package.json" || fail "dependency missing"
[ "$(cat "$P/.env.local")" = "VITE_AMPLITUDE_API_KEY=$KEY" ] || fail ".env.local: $(cat "$P/.env.local")"
git -C "$P" check-ignore -q .env.local || fail ".env.local not ignored"
! git -C "$P" grep -q "$KEY" || fail "key in a tracked file"
for f in vite.config.js index.html package-lock.json src/router.js; do
  git -C "$P" diff --quiet -- "$f" || fail "$f was changed"
done
! grep -q "env.local" "$P/.gitignore" || fail ".gitignore got a second entry for .env.local (*.local covers it)"
settled "$P" "$before"

# --- EU zone ---
P="$T/dash-eu"; app dash-eu javascript-web/saas-dashboard
setup "$P" --zone eu
grep -qF "  serverZone: 'EU'," "$P/src/main.js" || fail "EU zone not set: $(cat "$P/src/main.js")"

# --- TypeScript, double quotes, no semicolons, 4-space indent, no trailing commas ---
P="$T/ts"; mkdir -p "$P/src"
cat >"$P/package.json" <<'EOF'
{
  "name": "ts-web",
  "private": true,
  "type": "module",
  "devDependencies": { "typescript": "^5.6.0", "vite": "^6.0.0" }
}
EOF
printf '<!doctype html>\n<script type="module" src="./src/app.ts?v=1"></script>\n' >"$P/index.html"
cat >"$P/src/app.ts" <<'EOF'
import "./style.css"
import {
    render
} from "./view"

const config = {
    title: "x"
}
render(config)
EOF
printf 'export function render(c: { title: string }) {\n    document.title = c.title\n}\n' >"$P/src/view.ts"
touch "$P/src/style.css"
commit "$P"; before=$(tree "$P")
[ "$(detected "$P")" = javascript-web ] || fail "TS Vite project not detected"
setup "$P"
E="$P/src/app.ts"
grep -qx 'import \* as amplitude from "@amplitude/analytics-browser"' "$E" || fail "import style: $(cat "$E")"
grep -qx '        serverUrl: import.meta.env.VITE_AMPLITUDE_SERVER_URL || undefined,' "$E" || fail "indent: $(cat "$E")"
grep -qx '        autocapture: { sessions: true, pageViews: true, formInteractions: true, fileDownloads: true }' "$E" || fail "trailing comma: $(cat "$E")"
grep -qx '    })' "$E" || fail "semicolon added: $(cat "$E")"
# the import went after the multi-line import, not inside it
[ "$(sed -n 4p "$E")" = '} from "./view"' ] && [ "$(sed -n 5p "$E")" = 'import * as amplitude from "@amplitude/analytics-browser"' ] \
  || fail "import block: $(cat "$E")"
git -C "$P" check-ignore -q .env.local || fail ".env.local not ignored (no .gitignore before)"
settled "$P" "$before"

# --- existing setup: SDK, init and key present -> only the chosen key replaces theirs, then nothing ---
P="$T/done"; cp -r "$T/ts" "$P.tmp"; rm -rf "$P.tmp/.git" "$P.tmp/.amplitude"; mv "$P.tmp" "$P"
cat >"$P/src/app.ts" <<'EOF'
import { init } from "@amplitude/analytics-browser"
// init(import.meta.env.VITE_AMPLITUDE_API_KEY) is done once, here:
init(import.meta.env.VITE_AMPLITUDE_API_KEY)
EOF
sed -i 's/"devDependencies"/"dependencies": { "@amplitude\/analytics-browser": "^2.1.0" },\n  "devDependencies"/' "$P/package.json"
printf '.env.local\n' >"$P/.gitignore"; printf 'VITE_AMPLITUDE_API_KEY=theirs-key-1234\n' >"$P/.env.local"
commit "$P"
setup "$P"
[ "$(cat "$P/.env.local")" = "VITE_AMPLITUDE_API_KEY=$KEY" ] || fail "the chosen key did not replace theirs"
git -C "$P" diff --quiet -- src package.json || fail "sources changed on an existing setup"
before=$(tree "$P")
setup "$P"
assert_contains "$OUT$ERR" "already set up"
[ "$(tree "$P")" = "$before" ] || fail "an existing setup was changed"

# --- half-done: the init is there, the key is not -> only .env.local ---
rm "$P/.env.local"; before=$(tree "$P")
setup "$P"
[ "$(cat "$P/.env.local")" = "VITE_AMPLITUDE_API_KEY=$KEY" ] || fail "key not completed"
[ "$(grep -c 'init(' "$P/src/app.ts")" = 2 ] || fail "a second init was added (1 call + 1 comment expected)"
git -C "$P" diff --quiet -- src package.json || fail "sources changed on a half-done setup"
settled "$P" "$before"

# --- existing setup through Amplitude's CDN snippet in index.html: nothing planned ---
P="$T/cdn"; app cdn javascript-web/saas-dashboard
sed -i 's|</head>|<script src="https://cdn.amplitude.com/script/KEY.js"></script><script>window.amplitude.init("KEY");</script></head>|' "$P/index.html"
git_ -C "$P" commit -qam cdn; before=$(tree "$P")
setup "$P"
assert_contains "$OUT$ERR" "already set up"
[ "$(tree "$P")" = "$before" ] || fail "a CDN setup got a second init"

# --- half-done: the dependency is there, the init is not -> init only ---
P="$T/dep"; app dep javascript-web/saas-dashboard
sed -i 's/"chart.js": "^4.5.0"/"@amplitude\/analytics-browser": "^2.10.0",\n    "chart.js": "^4.5.0"/' "$P/package.json"
git_ -C "$P" commit -qam dep; before=$(tree "$P")
setup "$P"
git -C "$P" diff --quiet -- package.json || fail "package.json changed though the SDK was listed"
[ "$(grep -c 'amplitude.init(' "$P/src/main.js")" = 1 ] || fail "init not added"
settled "$P" "$before"

# --- @amplitude/unified already chosen -> initAll ---
P="$T/unified"; app unified javascript-web/saas-dashboard
sed -i 's/"chart.js": "^4.5.0"/"@amplitude\/unified": "^1.0.0",\n    "chart.js": "^4.5.0"/' "$P/package.json"
git_ -C "$P" commit -qam unified; before=$(tree "$P")
setup "$P"
grep -qF "import { initAll } from '@amplitude/unified';" "$P/src/main.js" || fail "unified import: $(cat "$P/src/main.js")"
grep -qF "initAll(import.meta.env.VITE_AMPLITUDE_API_KEY, {" "$P/src/main.js" || fail "initAll missing"
! grep -q "analytics-browser" "$P/package.json" || fail "a second browser SDK was added"
settled "$P" "$before"

# --- not ours: frameworks the generic plugins leave alone, and non-Vite projects ---
for fw in '"nuxt": "^3.13.0"' '"@angular/core": "^19.0.0"' '"astro": "^5.0.0"' '"@sveltejs/kit": "^2.8.0"'; do
  P="$T/ng"; rm -rf "$P"; mkdir -p "$P/src"
  printf '{\n  "name": "x",\n  "dependencies": { %s, "express": "^4.21.0" },\n  "devDependencies": { "vite": "^6.0.0" },\n  "scripts": { "start": "node server.js" }\n}\n' "$fw" >"$P/package.json"
  printf '<script type="module" src="/src/main.js"></script>\n' >"$P/index.html"
  printf 'console.log(1);\n' >"$P/src/main.js"
  printf 'require("http").createServer((q, s) => s.end()).listen(3000);\n' >"$P/server.js"
  d=$(detected "$P")
  [ "$d" != javascript-web ] && [ "$d" != javascript-node ] || fail "$fw claimed by $d"
done
P="$T/novite"; mkdir -p "$P"; printf '{ "name": "lib", "version": "1.0.0" }\n' >"$P/package.json"
[ "$(detected "$P")" = "" ] || fail "a package without vite or a server was claimed"
# Vite wins over a server dependency: javascript-web is tried before javascript-node
P="$T/both"; mkdir -p "$P/src"
printf '{ "name": "b", "dependencies": { "express": "^5.1.0" }, "devDependencies": { "vite": "^7.1.0" } }\n' >"$P/package.json"
printf '<script type="module" src="/src/main.js"></script>\n' >"$P/index.html"; printf 'console.log(1);\n' >"$P/src/main.js"
[ "$(detected "$P")" = javascript-web ] || fail "vite + express: not javascript-web"

# --- a module that imports the SDK without calling init is no setup ---
P="$T/twice"; app twice javascript-web/saas-dashboard
printf "import { init } from '@amplitude/analytics-browser';\nexport const start = () => 1;\n" >"$P/src/extra.js"
git_ -C "$P" add -A; git_ -C "$P" commit -qm extra; before=$(tree "$P")
setup "$P"       # extra.js imports but never calls init: one init is planned
[ "$(grep -c 'amplitude.init(' "$P/src/main.js")" = 1 ] || fail "init not added next to an import without a call"
# React on Vite (no router): claimed as react, the init in the Vite entry before the render
P="$T/vite-react"; mkdir -p "$P/src"
printf '{\n  "type": "module",\n  "dependencies": {\n    "react": "^19.0.0",\n    "react-dom": "^19.0.0"\n  },\n  "devDependencies": {\n    "vite": "^7.1.0"\n  }\n}\n' >"$P/package.json"
printf '<!doctype html>\n<html>\n  <body>\n    <div id="root"></div>\n    <script type="module" src="/src/main.jsx"></script>\n  </body>\n</html>\n' >"$P/index.html"
printf "import { createRoot } from 'react-dom/client'\n\ncreateRoot(document.getElementById('root')).render(null)\n" >"$P/src/main.jsx"
commit "$P"
expect_rc 0 "$W" detect --ci --install-dir "$P"
assert_contains "$OUT" "framework: react"
assert_contains "$OUT" "package.json has react ^19.0.0 and vite ^7.1.0 and index.html loads src/main.jsx"
setup "$P"
# the unified SDK, as Amplitude's React guide has it
grep -qx "import { initAll } from '@amplitude/unified'" "$P/src/main.jsx" || fail "vite-react import: $(cat "$P/src/main.jsx")"
grep -q '"@amplitude/unified": "^1\.' "$P/package.json" || fail "vite-react: no unified dependency"
grep -q "initAll(import.meta.env.VITE_AMPLITUDE_API_KEY" "$P/src/main.jsx" || fail "vite-react: $(cat "$P/src/main.jsx")"
ini=$(grep -n "initAll(" "$P/src/main.jsx" | cut -d: -f1); ren=$(grep -n "createRoot(document" "$P/src/main.jsx" | cut -d: -f1)
[ "$ini" -lt "$ren" ] || fail "vite-react: the init is not before the render: $(cat "$P/src/main.jsx")"
grep -qx "VITE_AMPLITUDE_API_KEY=$KEY" "$P/.env.local" || fail "vite-react: no key in .env.local"
setup "$P"
assert_contains "$OUT" "already set up"
# with a router library the app is the router plugin's (react-router claims React Router);
# --framework react still sets up the entry script
P="$T/vite-react-router"; rm -rf "$P"; cp -r "$T/vite-react" "$P"; rm -rf "$P/.git" "$P/.env.local"
git -C "$T/vite-react" show HEAD:src/main.jsx >"$P/src/main.jsx"; git -C "$T/vite-react" show HEAD:package.json >"$P/package.json"
sed -i 's|"react-dom": "^19.0.0"|"react-dom": "^19.0.0",\n    "react-router-dom": "^6.30.0"|' "$P/package.json"
commit "$P"
expect_rc 0 "$W" detect --ci --install-dir "$P"
assert_contains "$OUT" "framework: react-router"
expect_rc 0 "$W" setup --ci --skip-install --api-key "$KEY" --install-dir "$P" --framework react
grep -q "initAll(import.meta.env.VITE_AMPLITUDE_API_KEY" "$P/src/main.jsx" || fail "vite-react-router with --framework: $(cat "$P/src/main.jsx")"
# --- init counting is semantic: a Sentry.init( in a file that imports the Amplitude SDK (for
# track) is not an Amplitude init, so one is still added, and verify counts exactly one ---
P="$T/sentry"; rm -rf "$P"; mkdir -p "$P/src"
printf '{ "name": "s", "type": "module", "dependencies": { "@sentry/browser": "^9.0.0", "@amplitude/analytics-browser": "^2.0.0" }, "devDependencies": { "vite": "^7.1.0" } }\n' >"$P/package.json"
printf '<!doctype html>\n<html><head><title>s</title></head><body><script type="module" src="/src/main.js"></script></body></html>\n' >"$P/index.html"
cat >"$P/src/main.js" <<'EOF2'
import * as Sentry from '@sentry/browser';
import { track } from '@amplitude/analytics-browser';

Sentry.init({ dsn: 'https://public@example.invalid/1' });
const note = 'amplitude.init(later)';
track('Page Loaded', { note });
EOF2
commit "$P"
setup "$P"
grep -q "amplitude.init(import.meta.env.VITE_AMPLITUDE_API_KEY" "$P/src/main.js" \
  || fail "sentry: Sentry.init (or a string) was taken for an Amplitude init, none added: $(cat "$P/src/main.js")"
grep -qF "Sentry.init({ dsn:" "$P/src/main.js" || fail "sentry: Sentry's init was touched"
setup "$P"
assert_contains "$OUT" "already set up"
echo OK
