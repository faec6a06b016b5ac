#!/usr/bin/env bash
# react-router plugin: the four workbench apps end to end, then synthetic variants:
# framework mode without entry.client (revealed) and with a custom appDirectory, data mode
# rendering in src/index.tsx, declarative semicolon-less style, react-router-dom, existing
# and half-done setups, EU zone.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/test_plugin_jsfw_lib.inc"
mkdir -p "$T/apps"

for app in "$WIZ_TEST_SRC"/workbench/apps/react-router/*/; do
  check_app "react-router/$(basename "$app")"
done

# --- framework mode, no entry.client, appDirectory "src", JS with double quotes: revealed ---
P="$T/fw"; mkdir -p "$P/src"
printf '{"type": "module", "dependencies": {"react-router": "7.9.1"}, "devDependencies": {"@react-router/dev": "7.9.1"}}\n' > "$P/package.json"
printf 'export default {\n  appDirectory: "src",\n  ssr: true,\n}\n' > "$P/react-router.config.js"
cat > "$P/src/root.jsx" <<'EOF'
import { Outlet } from "react-router"

export default function App() {
  return <Outlet />
}
EOF
commit_dir "$P"; before=$(snapshot "$P")
setup_ "$P"
E="$P/src/entry.client.jsx"
[ -e "$E" ] && [ ! -e "$P/app/entry.client.jsx" ] || fail "entry.client not revealed in appDirectory"
grep -q '^import { HydratedRouter } from "react-router/dom"$' "$E" || fail "reveal style: $(cat "$E")"
grep -q '^import \* as amplitude from "@amplitude/unified"$' "$E" || fail "sdk import: $(cat "$E")"
grep -q '^const amplitudeApiKey = import.meta.env.VITE_AMPLITUDE_API_KEY$' "$E" || fail "vite env"
# the init comes before hydration
[ "$(grep -n 'initAll' "$E" | cut -d: -f1)" -lt "$(grep -n 'hydrateRoot(' "$E" | cut -d: -f1)" ] || fail "init after hydration"
[ "$(all_inits "$P")" = 1 ] || fail "framework: one init"
second_run_and_undo "$P" "$before"

# --- data mode: the router renders in src/index.tsx (router defined elsewhere) ---
P="$T/data"; mkdir -p "$P/src"
printf '{"dependencies": {"react-router-dom": "^6.28.0"}}\n' > "$P/package.json"
printf "import { createBrowserRouter } from 'react-router-dom';\n\nexport const router = createBrowserRouter([]);\n" > "$P/src/router.tsx"
cat > "$P/src/index.tsx" <<'EOF'
import { createRoot } from 'react-dom/client';
import {
  RouterProvider,
} from 'react-router-dom';
import { router } from './router';

createRoot(document.getElementById('root')!).render(<RouterProvider router={router} />);
EOF
commit_dir "$P"
setup_ "$P"
git -C "$P" diff --quiet HEAD -- src/router.tsx || fail "data: router module touched"
[ "$(sed -n 5p "$P/src/index.tsx")" = "import { router } from './router';" ] &&
  [ "$(sed -n 6p "$P/src/index.tsx")" = "import * as amplitude from '@amplitude/unified';" ] || fail "import after a multi-line import: $(cat "$P/src/index.tsx")"
[ "$(inits "$P/src/index.tsx")" = 1 ] || fail "data: init"

# --- declarative, no semicolons, tabs; an existing @amplitude/analytics-browser is kept ---
P="$T/decl"; mkdir -p "$P/src"
printf '{"dependencies": {"@amplitude/analytics-browser": "^2.1.0", "react-router": "^7.0.0"}}\n' > "$P/package.json"
printf "import { createRoot } from 'react-dom/client'\nimport { BrowserRouter } from 'react-router'\n\ncreateRoot(document.body).render(\n\t<BrowserRouter />\n)\n" > "$P/src/main.jsx"
commit_dir "$P"
setup_ "$P" --zone eu
M="$P/src/main.jsx"
grep -q "^import \* as amplitude from '@amplitude/analytics-browser'$" "$M" || fail "decl: sdk import"
grep -q "^	amplitude.init(amplitudeApiKey, {$" "$M" || fail "decl: tab indentation: $(cat "$M")"
grep -q "^		serverZone: 'EU',$" "$M" || fail "decl: eu zone"
git -C "$P" diff --quiet HEAD -- package.json || fail "decl: package.json changed although the SDK was there"
# now it is set up: adding the key elsewhere changes nothing
git_ -C "$P" add -A; git_ -C "$P" commit -qm setup; snap=$(snapshot "$P")
setup_ "$P"
assert_contains "$OUT$ERR" "already set up"
[ "$(snapshot "$P")" = "$snap" ] || fail "decl: existing setup changed"

# --- no module renders the router: a clear error, nothing written ---
P="$T/none"; mkdir -p "$P/src"
printf '{"dependencies": {"react-router": "^7.0.0"}}\n' > "$P/package.json"
echo "export const x = 1;" > "$P/src/lib.js"
commit_dir "$P"; before=$(snapshot "$P")
expect_rc 10 "$W" setup --ci --skip-install --api-key "$KEY" --install-dir "$P"
assert_contains "$ERR" "no module renders the router"
[ "$(snapshot "$P")" = "$before" ] || fail "failed plan wrote files"

echo "ok"
