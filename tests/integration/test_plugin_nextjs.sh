#!/usr/bin/env bash
# next-js plugin: the workbench Next apps end to end, then synthetic variants: Next 15.2 vs
# 15.3 App Router, installed vs declared version, JS vs TS, quote/semicolon/indent style,
# Pages Router without _app, existing and half-done setups, EU zone, custom server URL.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/test_plugin_jsfw_lib.inc"
mkdir -p "$T/apps"

for app in "$WIZ_TEST_SRC"/workbench/apps/next-js/*/; do
  check_app "next-js/$(basename "$app")"
done

# --- Next 15.2, App Router, TypeScript, src/: a client component in the root layout ---
P="$T/n152"; mkdir -p "$P/src/app"
printf '{\n  "name": "n152",\n  "dependencies": {\n    "next": "15.2.4",\n    "react": "^19.1.1"\n  }\n}\n' > "$P/package.json"
echo '{}' > "$P/tsconfig.json"
cat > "$P/src/app/layout.tsx" <<'EOF'
import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = { title: 'x' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="page">
        {children}
      </body>
    </html>
  );
}
EOF
echo 'export default function Page() { return <p>hi</p>; }' > "$P/src/app/page.tsx"
commit_dir "$P"; before=$(snapshot "$P")
setup_ "$P"
[ ! -e "$P/src/instrumentation-client.ts" ] && [ ! -e "$P/instrumentation-client.ts" ] || fail "15.2 got instrumentation-client"
C="$P/src/app/amplitude.tsx"
[ "$(head -1 "$C")" = "'use client';" ] || fail "component is not a client component: $(head -1 "$C")"
grep -q "typeof window !== 'undefined' && amplitudeApiKey" "$C" || fail "component init not browser-only"
grep -q "export function Amplitude()" "$C" || fail "no Amplitude component"
[ "$(inits "$C")" = 1 ] || fail "component init count"
grep -q "^import { Amplitude } from './amplitude';$" "$P/src/app/layout.tsx" || fail "layout import"
grep -A1 '<body className="page">' "$P/src/app/layout.tsx" | grep -q '^        <Amplitude />$' || fail "layout body: $(cat "$P/src/app/layout.tsx")"
[ "$(all_inits "$P")" = 1 ] || fail "15.2: one init expected"
grep -q '"@amplitude/unified": "^1\.' "$P/package.json" || fail "15.2: dependency"
second_run_and_undo "$P" "$before"

# --- Next 15.3, JavaScript, double quotes, no semicolons, 4 spaces: instrumentation-client.js ---
P="$T/n153"; mkdir -p "$P/app"
printf '{\n    "dependencies": {\n        "next": "~15.3.0"\n    }\n}\n' > "$P/package.json"
cat > "$P/app/layout.js" <<'EOF'
import "./globals.css"

export default function RootLayout({ children }) {
    return (
        <html lang="en">
            <body>{children}</body>
        </html>
    )
}
EOF
commit_dir "$P"; before=$(snapshot "$P")
expect_rc 0 "$W" setup --ci --skip-install --dry-run --api-key "$KEY" --install-dir "$P"
assert_contains "$OUT" "+++ b/instrumentation-client.js"
[ "$(snapshot "$P")" = "$before" ] || fail "dry run wrote"
setup_ "$P"
I="$P/instrumentation-client.js"
[ "$(head -1 "$I")" = 'import * as amplitude from "@amplitude/unified"' ] || fail "style: $(head -1 "$I")"
grep -q '^    amplitude.initAll(amplitudeApiKey, {$' "$I" || fail "indentation: $(cat "$I")"
! grep -q ';$' "$I" || fail "semicolons in a semicolon-less project"
! grep -q "'" "$I" || fail "single quotes in a double-quote project"
git -C "$P" diff --quiet HEAD -- app/layout.js || fail "15.3 touched the layout"
grep -q '^    "dependencies": {$' "$P/package.json" && grep -q '^        "@amplitude/unified": "^1\.' "$P/package.json" ||
  fail "package.json indentation not kept: $(cat "$P/package.json")"
second_run_and_undo "$P" "$before"

# --- the installed Next version wins over the declared range ---
P="$T/ninst"; mkdir -p "$P/app" "$P/node_modules/next"
printf '{"dependencies": {"next": "^15.2.0"}}\n' > "$P/package.json"
printf '{"name": "next", "version": "15.5.4"}\n' > "$P/node_modules/next/package.json"
printf 'export default function L({ children }) {\n  return <html><body>{children}</body></html>;\n}\n' > "$P/app/layout.jsx"
echo node_modules > "$P/.gitignore"
commit_dir "$P"
setup_ "$P"
[ -e "$P/instrumentation-client.js" ] || fail "installed 15.5.4 should use instrumentation-client"
rm -rf "$P/node_modules"; expect_rc 0 "$W" undo --ci --install-dir "$P"
setup_ "$P"
[ -e "$P/app/amplitude.jsx" ] && [ ! -e "$P/instrumentation-client.js" ] || fail "declared ^15.2.0 should use a component"
grep -q '<body><Amplitude />{children}</body>' "$P/app/layout.jsx" || fail "inline body: $(cat "$P/app/layout.jsx")"

# --- an existing instrumentation-client.ts gets the init after its imports ---
P="$T/ninstr"; mkdir -p "$P/app"
printf '{"dependencies": {"next": "15.4.0"}}\n' > "$P/package.json"; echo '{}' > "$P/tsconfig.json"
printf 'export default function L({ children }: { children: React.ReactNode }) {\n  return <html><body>{children}</body></html>;\n}\n' > "$P/app/layout.tsx"
printf "import { onCLS } from 'web-vitals';\n\nonCLS(console.log);\n" > "$P/instrumentation-client.ts"
commit_dir "$P"
setup_ "$P"
[ "$(sed -n 2p "$P/instrumentation-client.ts")" = "import * as amplitude from '@amplitude/unified';" ] || fail "import placement"
tail -1 "$P/instrumentation-client.ts" | grep -q '^onCLS(console.log);$' || fail "existing code lost"
[ "$(all_inits "$P")" = 1 ] || fail "instrumentation: one init"

# --- Pages Router without _app, JavaScript: Next's default _app is created ---
P="$T/npages"; mkdir -p "$P/pages"
printf '{"dependencies": {"next": "^14.2.0", "react": "^18.3.0"}}\n' > "$P/package.json"
printf "export default function Home() {\n  return <h1>Home</h1>;\n}\n" > "$P/pages/index.js"
commit_dir "$P"; before=$(snapshot "$P")
setup_ "$P"
A="$P/pages/_app.js"
grep -q '^export default function App({ Component, pageProps }) {$' "$A" || fail "default _app: $(cat "$A")"
grep -q "typeof window !== 'undefined' && amplitudeApiKey" "$A" || fail "_app init must be browser-only"
[ "$(inits "$A")" = 1 ] || fail "_app init count"
grep -q '^NEXT_PUBLIC_AMPLITUDE_API_KEY=' "$P/.env.local" && (cd "$P" && git_ check-ignore -q .env.local) || fail "env"
second_run_and_undo "$P" "$before"

# --- an existing setup (dependency, init, key) is recognised: nothing planned ---
P="$T/nexisting"; mkdir -p "$P/pages"
printf '{"dependencies": {"@amplitude/analytics-browser": "^2.0.0", "next": "^15.5.0"}}\n' > "$P/package.json"
cat > "$P/pages/_app.js" <<'EOF'
import * as amplitude from '@amplitude/analytics-browser';

if (typeof window !== 'undefined') amplitude.init(process.env.NEXT_PUBLIC_AMPLITUDE_API_KEY);

export default function App({ Component, pageProps }) {
  return <Component {...pageProps} />;
}
EOF
printf '.env*.local\n' > "$P/.gitignore"
commit_dir "$P"; echo "NEXT_PUBLIC_AMPLITUDE_API_KEY=theirkey" > "$P/.env.local"
setup_ "$P"
assert_contains "$OUT$ERR" "already set up"
assert_contains "$OUT$ERR" "pages/_app.js initialises it"
grep -qx "NEXT_PUBLIC_AMPLITUDE_API_KEY=$KEY" "$P/.env.local" || fail "the chosen key did not replace theirs"
git -C "$P" diff --quiet -- pages package.json || fail "existing setup's sources were changed"
before=$(snapshot "$P")
setup_ "$P"
[ "$(snapshot "$P")" = "$before" ] || fail "a second run changed the existing setup"

# --- half-done: the SDK declared, no init: the init is added with that SDK, manifest kept ---
rm "$P/.env.local"; printf 'export default function App({ Component, pageProps }) {\n  return <Component {...pageProps} />;\n}\n' > "$P/pages/_app.js"
git_ -C "$P" commit -qam "no init"
setup_ "$P"
git -C "$P" diff --quiet HEAD -- package.json || fail "half-done: package.json changed"
grep -q "import \* as amplitude from '@amplitude/analytics-browser';" "$P/pages/_app.js" || fail "half-done: SDK kept"
grep -q '  amplitude.init(amplitudeApiKey, {' "$P/pages/_app.js" || fail "half-done: browser init"
[ "$(all_inits "$P")" = 1 ] || fail "half-done: one init"

# --- half-done: init and SDK present, no key: only the env file is written ---
git_ -C "$P" add -A; git_ -C "$P" commit -qm "init now"; rm "$P/.env.local"
setup_ "$P"
[ -z "$(git -C "$P" status --porcelain)" ] || fail "init-but-no-env touched sources: $(git -C "$P" status --porcelain)"
grep -q "^NEXT_PUBLIC_AMPLITUDE_API_KEY=$KEY$" "$P/.env.local" || fail "init-but-no-env: key not written"
[ "$(all_inits "$P")" = 1 ] || fail "init-but-no-env: a second init"

# --- EU zone and a custom ingestion server ---
P="$T/neu"; mkdir -p "$P/app"
printf '{"dependencies": {"next": "latest"}}\n' > "$P/package.json"
printf 'export default function L({ children }) {\n  return <html><body>{children}</body></html>;\n}\n' > "$P/app/layout.js"
commit_dir "$P"
AMPLI_WIZARD_SERVER=http://127.0.0.1:9 setup_ "$P" --zone eu
grep -q "^    serverZone: 'EU',$" "$P/instrumentation-client.js" || fail "eu zone: $(cat "$P/instrumentation-client.js")"
grep -q '^NEXT_PUBLIC_AMPLITUDE_SERVER_URL=http://127.0.0.1:9/2/httpapi$' "$P/.env.local" || fail "server url: $(cat "$P/.env.local")"
expect_rc 0 "$W" undo --ci --install-dir "$P"
setup_ "$P"
! grep -q serverZone "$P/instrumentation-client.js" || fail "us zone must not set serverZone"
! grep -q SERVER_URL "$P/.env.local" || fail "public ingestion must not write a server URL"

echo "ok"
