#!/usr/bin/env bash
# tanstack Lua plugin: the reading-list workbench app (create-tsrouter-app, file-based routes),
# a code-based router, TanStack Start's root route (the init kept out of the server by a
# window check; an existing unguarded one refused), EU zone, dry run, second run, undo.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/js_plugin_lib.sh"

# --- the workbench app ---
P="$T/books"; app books tanstack/reading-list
before=$(tree "$P")
[ "$(detected "$P")" = tanstack ] || fail "reading-list not detected as tanstack: $(cat "$T/det.out" "$T/det.err")"
assert_contains "$(cat "$T/det.out")" "package.json has @tanstack/react-router"
expect_rc 0 "$W" setup --ci --skip-install --api-key "$KEY" --install-dir "$P" --dry-run
[ "$(tree "$P")" = "$before" ] || fail "dry run wrote files"
setup "$P"
M="$P/src/main.tsx"
grep -qx "import { initAll } from '@amplitude/unified'" "$M" || fail "import: $(cat "$M")"
grep -qx "if (import.meta.env.VITE_AMPLITUDE_API_KEY) {" "$M" || fail "guard: $(cat "$M")"
[ "$(grep -n 'initAll(' "$M" | cut -d: -f1)" -lt "$(grep -n 'root.render(' "$M" | cut -d: -f1)" ] || fail "init after render"
[ "$(cat "$P/.env.local")" = "VITE_AMPLITUDE_API_KEY=$KEY" ] || fail ".env.local: $(cat "$P/.env.local")"
git -C "$P" check-ignore -q .env.local || fail ".env.local not ignored"
for f in src/routes/__root.tsx src/routes/index.tsx src/router.tsx vite.config.ts index.html; do
  git -C "$P" diff --quiet -- "$f" || fail "$f was changed"
done
settled "$P" "$before"

# --- a code-based router rendered from src/app.tsx (index.html names it), JS style: no semicolons ---
P="$T/code"; mkdir -p "$P/src"
printf '{ "name": "code", "type": "module", "dependencies": { "@tanstack/react-router": "^1.120.0", "react": "^19.0.0" }, "devDependencies": { "vite": "^7.0.0" } }\n' >"$P/package.json"
printf '<!doctype html>\n<div id="app"></div>\n<script type="module" src="/src/app.tsx"></script>\n' >"$P/index.html"
cat >"$P/src/app.tsx" <<'EOF'
import ReactDOM from "react-dom/client"
import { RouterProvider, createRootRoute, createRoute, createRouter } from "@tanstack/react-router"

const rootRoute = createRootRoute()
const indexRoute = createRoute({ getParentRoute: () => rootRoute, path: "/" })
const router = createRouter({ routeTree: rootRoute.addChildren([indexRoute]) })

ReactDOM.createRoot(document.getElementById("app")!).render(<RouterProvider router={router} />)
EOF
commit "$P"; before=$(tree "$P")
setup "$P" --zone eu
grep -qx 'import { initAll } from "@amplitude/unified"' "$P/src/app.tsx" || fail "code-based: $(cat "$P/src/app.tsx")"
grep -qF '    serverZone: "EU",' "$P/src/app.tsx" || fail "EU: $(cat "$P/src/app.tsx")"
settled "$P" "$before"

# --- TanStack Start: the root route, which the server loads too ---
P="$T/start"; mkdir -p "$P/src/routes"
printf '{ "name": "start", "type": "module", "dependencies": { "@tanstack/react-start": "^1.130.0", "@tanstack/react-router": "^1.130.0" } }\n' >"$P/package.json"
cat >"$P/src/routes/__root.tsx" <<'EOF'
import { HeadContent, Scripts, createRootRoute } from '@tanstack/react-router'

export const Route = createRootRoute({
  shellComponent: RootDocument,
})

function RootDocument({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <HeadContent />
      </head>
      <body>
        {children}
        <Scripts />
      </body>
    </html>
  )
}
EOF
commit "$P"; before=$(tree "$P")
[ "$(detected "$P")" = tanstack ] || fail "Start not detected"
assert_contains "$(cat "$T/det.out")" "package.json has @tanstack/react-start ^1.130.0"
setup "$P"
R="$P/src/routes/__root.tsx"
grep -qx "if (typeof window !== 'undefined' && import.meta.env.VITE_AMPLITUDE_API_KEY) {" "$R" || fail "no window check: $(cat "$R")"
[ "$(grep -n 'initAll(' "$R" | cut -d: -f1)" -lt "$(grep -n '^export const Route' "$R" | cut -d: -f1)" ] || fail "init placement"
settled "$P" "$before"

# --- Start with an init the server would run: verify refuses ---
P="$T/start-bad"; mkdir -p "$P/src/routes"
printf '{ "name": "sb", "type": "module", "dependencies": { "@tanstack/react-start": "^1.130.0", "@amplitude/analytics-browser": "^2.0.0" } }\n' >"$P/package.json"
printf "import * as amplitude from '@amplitude/analytics-browser'\namplitude.init(import.meta.env.VITE_AMPLITUDE_API_KEY)\n" >"$P/src/routes/__root.tsx"
commit "$P"; before=$(tree "$P")
expect_rc 10 "$W" setup --ci --skip-install --api-key "$KEY" --install-dir "$P"
assert_contains "$ERR" "src/routes/__root.tsx initialises the browser SDK where the server runs it too"
[ "$(tree "$P")" = "$before" ] || fail "a failed verify left changes"

echo "tanstack plugin: all checks passed"
