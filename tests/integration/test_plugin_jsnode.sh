#!/usr/bin/env bash
# javascript-node Lua plugin: the five Node workbench apps and synthetic servers (CommonJS vs
# ES modules vs .mjs vs TypeScript, code style, EU zone, existing and half-done setups, dry
# run, second run, undo), and the generated code run by node against a recording SDK
# double: key from .env, serverUrl, one event per request, flush before the app's own exit.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/js_plugin_lib.sh"
command -v node >/dev/null || fail "node is needed for this test"
unset AMPLITUDE_API_KEY AMPLITUDE_SERVER_URL || true

# line NUM of the first line of FILE holding TEXT
line() { grep -nF -- "$2" "$1" | head -1 | cut -d: -f1; }
# first FILE: TEXT comes before OTHER
before_line() {
  local a b; a=$(line "$1" "$2"); b=$(line "$1" "$3")
  [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ] || fail "$1: '$2' (line $a) not before '$3' (line $b): $(cat "$1")"
}

# --- the five workbench apps: app, entry, module kind, hook line, a route registration ---
while IFS='|' read -r name entry kind hook route; do
  P="$T/$name"; app "$name" "javascript-node/$name"
  before=$(tree "$P")
  [ "$(detected "$P")" = javascript-node ] || fail "$name not detected: $(cat "$T/det.out" "$T/det.err")"
  setup "$P"
  E="$P/src/$entry"; A="$P/src/amplitude.js"
  [ -f "$A" ] || fail "$name: no src/amplitude.js"
  if [ "$kind" = cjs ]; then
    grep -qF "const amplitude = require('@amplitude/analytics-node');" "$A" || fail "$name: not CommonJS: $(cat "$A")"
    grep -q "^module.exports = { track, flush" "$A" || fail "$name: no module.exports"
    first="require('./amplitude');"
  else
    grep -qF "import * as amplitude from '@amplitude/analytics-node';" "$A" || fail "$name: not ESM: $(cat "$A")"
    grep -q "^export function track(" "$A" || fail "$name: no exported track"
    first="from './amplitude.js';"
  fi
  [ "$(grep -c 'amplitude.init(' "$A")" = 1 ] || fail "$name: not one init"
  [ "$(cat "$P/src/"*.js "$P/src/"*/*.js 2>/dev/null | grep -c '\.init(')" = 1 ] || fail "$name: init elsewhere too"
  grep -qF "process.loadEnvFile();" "$A" || fail "$name: .env not loaded"
  grep -qF "serverUrl: process.env.AMPLITUDE_SERVER_URL || undefined," "$A" || fail "$name: no serverUrl"
  # a visitor id from a first-party cookie, never one id per host
  grep -qF 'amp_device_id=${id}; Max-Age=31536000; Path=/; SameSite=Lax; HttpOnly' "$A" || fail "$name: no visitor cookie"
  ! grep -q 'hostname()' "$A" || fail "$name: a per-host id"
  for sig in "'SIGINT', 'SIGTERM'" "'beforeExit'"; do grep -qF "$sig" "$A" || fail "$name: no $sig flush"; done
  ! grep -q serverZone "$A" || fail "$name: serverZone for zone us"
  # imported once, first, and the hook registered before the routes
  [ "$(grep -c "amplitude" "$E")" = 1 ] || fail "$name: the module is not imported exactly once: $(cat "$E")"
  first_import=$(grep -nE "^(import |const .* = require\()" "$E" | head -1 | cut -d: -f2-)
  assert_contains "$first_import" "$first"
  grep -qF -- "$hook" "$E" || fail "$name: no hook '$hook': $(cat "$E")"
  before_line "$E" "$hook" "$route"
  node --check "$A" || fail "$name: amplitude.js does not parse"
  node --check "$E" || fail "$name: $entry does not parse"
  [ "$(cat "$P/.env")" = "AMPLITUDE_API_KEY=$KEY" ] || fail "$name: .env: $(cat "$P/.env")"
  git -C "$P" check-ignore -q .env || fail "$name: .env not ignored"
  [ "$(grep -c '\.env' "$P/.gitignore")" = 1 ] || fail "$name: .env listed twice in .gitignore"
  ! git -C "$P" grep -q "$KEY" || fail "$name: key in a tracked file"
  grep -q '"@amplitude/analytics-node": "^1\.' "$P/package.json" || fail "$name: dependency"
  git -C "$P" diff --quiet -- package-lock.json README.md || fail "$name: lockfile or README changed"
  settled "$P" "$before"
done <<'EOF'
express-todo|index.js|cjs|app.use((req, res, next) => {|app.use('/api/todos', todosRouter);
fastify-blog|server.js|esm|app.addHook('onSend', async (request, reply, payload) => {|await app.register(postsApi
hono-links|index.js|esm|app.use('*', async (c, next) => {|app.route('/api/links', links);
koa-notes|index.js|cjs|app.use(async (ctx, next) => {|app.use(notesRouter.routes())
native-http-contacts|server.js|esm|http.createServer(trackRequests(handleRequest));|server.listen(port
EOF

# --- not a Node server: a Hono app for Cloudflare Workers ---
P="$T/worker"; mkdir -p "$P/src"
printf '{ "name": "w", "scripts": { "start": "wrangler dev" }, "dependencies": { "hono": "^4.9.0" }, "devDependencies": { "wrangler": "^4.0.0" } }\n' >"$P/package.json"
printf "import { Hono } from 'hono';\nconst app = new Hono();\nexport default app;\n" >"$P/src/index.js"
[ "$(detected "$P")" = "" ] || fail "a Workers project was claimed: $(cat "$T/det.out")"

# --- dry run writes nothing ---
P="$T/dry"; app dry javascript-node/koa-notes; before=$(tree "$P")
expect_rc 0 "$W" setup --ci --skip-install --api-key "$KEY" --install-dir "$P" --dry-run
assert_contains "$OUT" "+const { visitorId, trackRequest } = require('./amplitude');"
assert_contains "$OUT" "nothing was written"
[ "$(tree "$P")" = "$before" ] || fail "dry run wrote files"

# --- EU zone ---
P="$T/eu"; app eu javascript-node/hono-links
setup "$P" --zone eu
grep -qF "    serverZone: 'EU'," "$P/src/amplitude.js" || fail "EU zone: $(cat "$P/src/amplitude.js")"
node --check "$P/src/amplitude.js" || fail "EU module does not parse"

# --- .mjs entry, no "type": module, found through the start script's flags ---
P="$T/mjs"; mkdir -p "$P"
printf '{\n  "name": "m",\n  "scripts": { "start": "node --enable-source-maps server.mjs" },\n  "dependencies": { "express": "^5.1.0" }\n}\n' >"$P/package.json"
cat >"$P/server.mjs" <<'EOF'
import express from 'express';
import { routes } from './routes.mjs';

const app = express();
app.use('/api', routes);
app.listen(3000);
EOF
printf "export const routes = (req, res, next) => next();\n" >"$P/routes.mjs"
commit "$P"; before=$(tree "$P")
assert_contains "$(detected "$P"; cat "$T/det.out")" "package.json depends on express ^5.1.0"
setup "$P"
[ -f "$P/amplitude.mjs" ] && [ ! -e "$P/amplitude.js" ] || fail ".mjs module not created"
[ "$(head -1 "$P/server.mjs")" = "import { visitorId, trackRequest } from './amplitude.mjs';" ] || fail "mjs import: $(cat "$P/server.mjs")"
node --check "$P/amplitude.mjs" && node --check "$P/server.mjs" || fail ".mjs files do not parse"
settled "$P" "$before"

# --- TypeScript: double quotes, no semicolons, 4 spaces, multi-line creation ---
P="$T/ts"; mkdir -p "$P/src/routes"
printf '{\n  "name": "t",\n  "main": "dist/index.js",\n  "scripts": { "build": "tsc", "start": "node dist/index.js" },\n  "dependencies": { "fastify": "^5.6.0" }\n}\n' >"$P/package.json"
cat >"$P/src/index.ts" <<'EOF'
import Fastify from "fastify"
import routes from "./routes/index"

const server = Fastify({
    logger: true
})

server.register(routes)
server.listen({ port: 3000 })
EOF
printf 'export default async function routes() {\n    return\n}\n' >"$P/src/routes/index.ts"
commit "$P"; before=$(tree "$P")
[ "$(detected "$P")" = javascript-node ] || fail "TS server not detected"
setup "$P"
A="$P/src/amplitude.ts"; E="$P/src/index.ts"
[ -f "$A" ] || fail "no amplitude.ts"
grep -qx 'import \* as amplitude from "@amplitude/analytics-node"' "$A" || fail "TS module style: $(cat "$A")"
grep -qx '    eventType: string,' "$A" || fail "TS types/indent: $(cat "$A")"
grep -qx '        serverUrl: process.env.AMPLITUDE_SERVER_URL || undefined' "$A" || fail "trailing comma: $(cat "$A")"
! grep -q ';$' "$A" || fail "semicolons in a no-semicolon project: $(grep ';$' "$A")"
[ "$(head -1 "$E")" = 'import { visitorId, trackRequest } from "./amplitude"' ] || fail "TS import: $(cat "$E")"
grep -qx 'server.addHook("onSend", async (request, reply, payload) => {' "$E" || fail "TS hook: $(cat "$E")"
before_line "$E" "})" 'server.addHook("onSend"'
before_line "$E" 'server.addHook("onSend"' "server.register(routes)"
settled "$P" "$before"

# TypeScript for Node's ES modules with no relative import to copy: "./amplitude.js"
P="$T/tsesm"; mkdir -p "$P/src"
printf '{ "name": "e", "type": "module", "scripts": { "start": "node dist/server.js" }, "dependencies": { "koa": "^3.0.0" } }\n' >"$P/package.json"
printf 'import Koa from "koa";\n\nconst app = new Koa();\napp.listen(3000);\n' >"$P/src/server.ts"
commit "$P"; setup "$P"
[ "$(head -1 "$P/src/server.ts")" = 'import { visitorId, trackRequest } from "./amplitude.js";' ] || fail "TS ESM import: $(cat "$P/src/server.ts")"
grep -qx 'app.use(async (ctx, next) => {' "$P/src/server.ts" || fail "TS Koa hook: $(cat "$P/src/server.ts")"

# --- CommonJS Fastify created by require('fastify')(...) ---
P="$T/cjsf"; mkdir -p "$P"
printf '{ "name": "c", "main": "app.js", "dependencies": { "fastify": "^4.28.0" } }\n' >"$P/package.json"
cat >"$P/app.js" <<'EOF'
const fastify = require('fastify')({ logger: true })

fastify.get('/', async () => ({ ok: true }))
fastify.listen({ port: 3000 })
EOF
commit "$P"; setup "$P"
grep -qx "fastify.addHook('onSend', async (request, reply, payload) => {" "$P/app.js" || fail "require('fastify')(): $(cat "$P/app.js")"
grep -qx "const { visitorId, trackRequest } = require('./amplitude')" "$P/app.js" || fail "CJS import without semicolon"
node --check "$P/app.js" && node --check "$P/amplitude.js" || fail "CJS Fastify files do not parse"

# --- existing setup of the project's own: its sources kept; the key of the project chosen
# now replaces theirs (then nothing is planned); a missing key completed ---
P="$T/own"; mkdir -p "$P/lib"
printf '{ "name": "o", "scripts": { "start": "node index.js" }, "dependencies": { "@amplitude/analytics-node": "^1.3.0", "express": "^5.1.0" } }\n' >"$P/package.json"
printf "const { init } = require('@amplitude/analytics-node');\n\ninit(process.env.AMPLITUDE_API_KEY);\n" >"$P/lib/analytics.js"
printf "require('./lib/analytics');\nconst express = require('express');\n\nconst app = express();\napp.listen(3000);\n" >"$P/index.js"
printf '.env\n' >"$P/.gitignore"; printf 'AMPLITUDE_API_KEY=own-key-12345\n' >"$P/.env"
commit "$P"
setup "$P"
[ "$(cat "$P/.env")" = "AMPLITUDE_API_KEY=$KEY" ] || fail "the chosen key did not replace theirs: $(cat "$P/.env")"
[ -z "$(git -C "$P" status --porcelain -- index.js lib package.json)" ] || fail "sources changed: $(git -C "$P" status --porcelain)"
before=$(tree "$P")
setup "$P"
assert_contains "$OUT$ERR" "already set up"
[ "$(tree "$P")" = "$before" ] || fail "an existing setup was changed"
rm "$P/.env"; setup "$P"
[ "$(cat "$P/.env")" = "AMPLITUDE_API_KEY=$KEY" ] || fail "the key of an existing setup was not completed"
[ -z "$(git -C "$P" status --porcelain -- index.js lib package.json)" ] || fail "sources changed: $(git -C "$P" status --porcelain)"

# --- verify: an init module of the project's own that nothing imports fails the run,
# which is rolled back (the plugin cannot wire a module without a track() export) ---
P="$T/orphan"; mkdir -p "$P/lib"
printf '{ "name": "o", "scripts": { "start": "node index.js" }, "dependencies": { "@amplitude/analytics-node": "^1.3.0", "express": "^5.1.0" } }\n' >"$P/package.json"
printf "const { init } = require('@amplitude/analytics-node');\ninit(process.env.AMPLITUDE_API_KEY);\n" >"$P/lib/analytics.js"
printf "const express = require('express');\nconst app = express();\napp.listen(3000);\n" >"$P/index.js"
commit "$P"; before=$(tree "$P")
expect_rc 10 "$W" setup --ci --skip-install --api-key "$KEY" --install-dir "$P"
assert_contains "$ERR" "lib/analytics.js is imported nowhere, so it never runs"
[ "$(tree "$P")" = "$before" ] || fail "the failed run was not rolled back"

# --- half-done: our module is there but nothing imports it -> wired, not duplicated ---
P="$T/half"; app half javascript-node/express-todo
app gen javascript-node/express-todo; setup "$T/gen"; cp "$T/gen/src/amplitude.js" "$P/src/amplitude.js"
git_ -C "$P" add -A; git_ -C "$P" commit -qm half; before=$(tree "$P")
setup "$P"
git -C "$P" diff --quiet -- src/amplitude.js || fail "the existing module was rewritten"
[ "$(git -C "$P" status --porcelain -- src)" = " M src/index.js" ] || fail "half-done: $(git -C "$P" status --porcelain)"
grep -qF "const { visitorId, trackRequest } = require('./amplitude');" "$P/src/index.js" || fail "half-done: import missing"
grep -qF "app.use((req, res, next) => {" "$P/src/index.js" || fail "half-done: hook missing"
settled "$P" "$before"

# --- node:http with an inline, multi-line handler (CommonJS, no dependencies at all) ---
P="$T/inline"; mkdir -p "$P"
printf '{\n  "name": "i",\n  "scripts": {\n    "start": "node server.js"\n  }\n}\n' >"$P/package.json"
cat >"$P/server.js" <<'EOF'
const http = require('http');

const server = http.createServer((req, res) => {
  res.setHeader('content-type', 'text/plain');
  res.end(`hello ${req.url}`);
});
server.listen(Number(process.env.PORT) || 3000);
EOF
commit "$P"; before=$(tree "$P")
assert_contains "$(detected "$P"; cat "$T/det.out")" "server.js creates a node:http server"
setup "$P"
grep -qx "const server = http.createServer(trackRequests((req, res) => {" "$P/server.js" || fail "inline wrap: $(cat "$P/server.js")"
grep -qx "}));" "$P/server.js" || fail "inline wrap close: $(cat "$P/server.js")"
grep -q '"dependencies": {' "$P/package.json" || fail "no dependencies section added"
node --check "$P/server.js" || fail "wrapped server does not parse"
settled "$P" "$before"
setup "$P"

# --- the generated code, run: a recording double of @amplitude/analytics-node ---
# init/track log at once; flush "sends" (logs) the queue after 300 ms, like a network round
# trip, so an exit that does not wait for it loses the events.
fake_sdk() {
  mkdir -p "$1/node_modules/@amplitude/analytics-node"
  printf '{ "name": "@amplitude/analytics-node", "version": "0.0.0-test", "main": "index.js" }\n' \
    >"$1/node_modules/@amplitude/analytics-node/package.json"
  cat >"$1/node_modules/@amplitude/analytics-node/index.js" <<'EOF'
const fs = require('node:fs');
const log = (o) => fs.appendFileSync(process.env.FAKE_SDK_LOG, JSON.stringify(o) + '\n');
let queue = [];
exports.init = (apiKey, options) => { log({ call: 'init', apiKey, options }); return { promise: Promise.resolve() }; };
exports.track = (type, props, opts) => { queue.push({ type, props, opts }); log({ call: 'track', type }); return { promise: Promise.resolve() }; };
exports.flush = () => ({ promise: new Promise((resolve) => setTimeout(() => {
  for (const e of queue) log({ call: 'sent', ...e });
  queue = [];
  resolve();
}, 300)) });
EOF
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# serve DIR ENTRY SIGNAL [env...]: starts node ENTRY, GETs /api/contacts, sends SIGNAL; $RC, $LOG
serve() {
  local d=$1 entry=$2 sig=$3; shift 3
  LOG="$T/sdk.$RANDOM.log"; : >"$LOG"
  local port; port=$(free_port)
  (cd "$d" && exec env PORT="$port" FAKE_SDK_LOG="$LOG" "$@" node "$entry") >"$T/node.out" 2>&1 &
  local pid=$!
  for _ in $(seq 1 200); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.05; done
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/contacts")" = 200 ] \
    || { kill "$pid"; cat "$T/node.out" >&2; fail "$d: no 200 from the server"; }
  kill -"$sig" "$pid"
  set +e; wait "$pid"; RC=$?; set -e
}
P="$T/native-http-contacts"; setup "$P"; fake_sdk "$P"
serve "$P" src/server.js TERM AMPLITUDE_SERVER_URL=http://127.0.0.1:9/2/httpapi
[ "$RC" = 0 ] || fail "the app's own exit(0) was lost: rc $RC; $(cat "$T/node.out")"
python3 - "$LOG" "$KEY" <<'EOF' || fail "native-http-contacts run: $(cat "$LOG")"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
init = [r for r in rows if r["call"] == "init"]
assert len(init) == 1, rows
assert init[0]["apiKey"] == sys.argv[2], init            # from .env
assert init[0]["options"] == {"serverUrl": "http://127.0.0.1:9/2/httpapi"}, init
sent = [r for r in rows if r["call"] == "sent"]
routes = [s["props"]["route"] for s in sent]
assert "/api/contacts" in routes, rows                   # flushed before the app's exit
for s in sent:
    assert s["type"] == "Request Handled"
    assert "path" not in s["props"], s                   # the route, never the raw URL
    dev = s["opts"]["device_id"]
    assert len(dev) == 36 and not dev.startswith("server-"), dev   # a visitor's, from the cookie
    assert s["props"]["method"] == "GET" and s["props"]["status_code"] == 200, s
EOF
# SIGINT too; a key set in the environment wins over .env; no server URL -> none passed
serve "$P" src/server.js INT AMPLITUDE_API_KEY=from-environment-1
[ "$RC" = 0 ] || fail "SIGINT: rc $RC"
grep -qF '"apiKey":"from-environment-1","options":{}' "$LOG" || fail "env precedence / serverUrl: $(cat "$LOG")"
grep -qF '"call":"sent","type":"Request Handled"' "$LOG" || fail "SIGINT: nothing flushed: $(cat "$LOG")"
# no handler of the app's own: flushed, then the signal ends the process as it would have
P="$T/inline"; fake_sdk "$P"
serve "$P" server.js TERM
[ "$RC" = 143 ] || fail "no own handler: rc $RC (143 expected: killed by SIGTERM)"
grep -qF '"props":{"method":"GET","route":"/api/contacts","status_code":200}' "$LOG" || fail "inline: $(cat "$LOG")"
# no .env and no key: a warning, no init, the server still answers
rm "$P/.env"
serve "$P" server.js TERM
grep -qF "AMPLITUDE_API_KEY is not set" "$T/node.out" || fail "no warning without a key"
! grep -q '"call":"init"' "$LOG" || fail "init without a key"
# ---- express-generator's shape: `npm start` runs the extensionless bin/www, which wraps the
# express app of app.js in http.createServer: the hook goes on the express app (its routes
# name the events), bin/www stays as it is, and verify finds the module imported
P="$T/express-gen"; mkdir -p "$P/bin" "$P/routes"
printf '{\n  "name": "eg",\n  "private": true,\n  "scripts": {\n    "start": "node ./bin/www"\n  },\n  "dependencies": {\n    "express": "~4.16.1"\n  }\n}\n' >"$P/package.json"
printf "var express = require('express');\nvar indexRouter = require('./routes/index');\n\nvar app = express();\n\napp.use(express.json());\napp.use('/', indexRouter);\n\nmodule.exports = app;\n" >"$P/app.js"
printf "var express = require('express');\nvar router = express.Router();\nrouter.get('/', function(req, res) { res.send('index'); });\nmodule.exports = router;\n" >"$P/routes/index.js"
printf "#!/usr/bin/env node\nvar app = require('../app');\nvar http = require('http');\nvar server = http.createServer(app);\nserver.listen(process.env.PORT || '3000');\n" >"$P/bin/www"
git -C "$P" init -q && git -C "$P" add -A && git -C "$P" -c user.email=t@t -c user.name=t commit -qm init
setup "$P"
git -C "$P" diff --quiet -- bin/www || fail "express-generator: bin/www changed: $(git -C "$P" diff -- bin/www)"
assert_contains "$OUT" "Start the app (npm start)"   # its only script: no dev script to name
[ "$(head -1 "$P/app.js")" = "const { visitorId, trackRequest } = require('./amplitude');" ] || fail "express-generator: app.js: $(cat "$P/app.js")"
before_line "$P/app.js" "app.use((req, res, next) => {" "app.use('/', indexRouter);"
node --check "$P/app.js" && node --check "$P/amplitude.js" || fail "express-generator: does not parse"
# ---- fastify-cli's shape (`fastify start app.js`, app.js exporting the root plugin, a test
# helper that builds the app): the hook goes first in the root plugin, tests stay untouched
P="$T/fastify-cli"; mkdir -p "$P/routes" "$P/test"
printf '{\n  "name": "fc",\n  "main": "app.js",\n  "scripts": {\n    "test": "node --test test/**/*.test.js",\n    "start": "fastify start -l info app.js"\n  },\n  "dependencies": {\n    "@fastify/autoload": "^6.0.0",\n    "fastify": "^5.0.0",\n    "fastify-cli": "^7.4.0"\n  }\n}\n' >"$P/package.json"
printf "'use strict'\n\nconst path = require('node:path')\nconst AutoLoad = require('@fastify/autoload')\n\nmodule.exports = async function (fastify, opts) {\n  fastify.register(AutoLoad, {\n    dir: path.join(__dirname, 'routes'),\n    options: Object.assign({}, opts)\n  })\n}\n" >"$P/app.js"
printf "'use strict'\n\nmodule.exports = async function (fastify, opts) {\n  fastify.get('/', async function (request, reply) {\n    return { root: true }\n  })\n}\n" >"$P/routes/root.js"
printf "'use strict'\nconst { build: buildApplication } = require('fastify-cli/helper')\nconst fastify = require('fastify')()\nmodule.exports = { buildApplication, fastify }\n" >"$P/test/helper.js"
git -C "$P" init -q && git -C "$P" add -A && git -C "$P" -c user.email=t@t -c user.name=t commit -qm init
setup "$P"
git -C "$P" diff --quiet -- test routes || fail "fastify-cli: a test or route changed: $(git -C "$P" diff --stat)"
grep -qx "  fastify.addHook('onSend', async (request, reply, payload) => {" "$P/app.js" || fail "fastify-cli: no hook in the root plugin: $(cat "$P/app.js")"
before_line "$P/app.js" "  fastify.addHook('onSend'" "  fastify.register(AutoLoad, {"
[ "$(head -1 "$P/app.js")" = "'use strict'" ] || fail "fastify-cli: 'use strict' is not first any more"
node --check "$P/app.js" || fail "fastify-cli: app.js does not parse"
echo OK
