-- javascript-node: Amplitude for Node.js servers (Express, Fastify, Koa, Hono on
-- @hono/node-server, or node:http alone). One new module (amplitude.js/.mjs/.cjs/.ts, in
-- the project's module system) inits the SDK once, loads .env, exports track() and flushes
-- on shutdown; the file that creates the server imports it first and sends one event per
-- handled request through the framework's own mechanism.
local text = import("text")
local js = import("js")

local SDK, SDK_SPEC = "@amplitude/analytics-node", "^1.5.73"
local ENV_FILE = ".env"
local KEY_VAR = "AMPLITUDE_API_KEY"
local EVENT = "Request Handled" -- the same event the Python plugins send

-- How each framework's app is created (Lua patterns capturing the variable), in the order
-- they are tried, and the dependency that names it.
local FRAMEWORKS = {
  { id = "express", dep = "express", create = { "([%w_$]+)%s*=%s*express%s*%(" } },
  { id = "fastify", dep = "fastify",
    create = { "([%w_$]+)%s*=%s*[Ff]astify%s*%(", "([%w_$]+)%s*=%s*require%(%s*['\"]fastify['\"]%s*%)%s*%(",
               -- a fastify-cli app (`fastify start app.js`): app.js exports the root plugin
               "module%.exports%s*=%s*async%s+function%s*[%w_$]*%s*%(%s*([%w_$]+)",
               "export%s+default%s+async%s+function%s*[%w_$]*%s*%(%s*([%w_$]+)" } },
  { id = "koa", dep = "koa", create = { "([%w_$]+)%s*=%s*new%s+Koa%s*%(" } },
  { id = "hono", dep = "hono", create = { "([%w_$]+)%s*=%s*new%s+Hono%s*%(" } },
  { id = "http", create = { "()createServer%s*%(" } },
}
local SERVER_DEPS = { "express", "fastify", "koa", "hono", "@hono/node-server" }

-- The event each framework sends, with its request/response expressions.
-- The event each framework sends, with its request/response expressions: only requests a
-- route of the app handles (no static files, 404s, OPTIONS or HEAD), named by the route
-- pattern (never the raw URL), for the visitor of a first-party cookie (never one id per
-- host: Amplitude counts devices and throttles a busy one).
local HOOKS = {
  express = [[
@APP.use((req, res, next) => {
  const deviceId = visitorId(req.headers.cookie, (cookie) => res.append('Set-Cookie', cookie))@;
  res.on('finish', () => {
    const route = req.route ? (req.baseUrl || '') + String(req.route.path) : null@;
    trackRequest(req.method, route, res.statusCode, deviceId)@;
  })@;
  next()@;
})@;
]],
  fastify = [[
@APP.addHook('onSend', async (request, reply, payload) => {
  const deviceId = visitorId(request.headers.cookie, (cookie) => reply.header('Set-Cookie', cookie))@;
  trackRequest(request.method, request.routeOptions && request.routeOptions.url, reply.statusCode, deviceId)@;
  return payload@;
})@;
]],
  koa = [[
@APP.use(async (ctx, next) => {
  const deviceId = visitorId(ctx.get('Cookie'), (cookie) => ctx.append('Set-Cookie', cookie))@;
  try {
    await next()@;
  } finally {
    // a router names the route it matched; without one, the path with its ids masked
    trackRequest(ctx.method, Reflect.get(ctx, '_matchedRoute'), ctx.status, deviceId, ctx.path)@;
  }
})@;
]],
  hono = [[
@APP.use('*', async (c, next) => {
  const deviceId = visitorId(c.req.header('cookie'), (cookie) => c.header('Set-Cookie', cookie, { append: true }))@;
  await next()@;
  trackRequest(c.req.method, c.req.routePath, c.res.status, deviceId)@;
})@;
]],
}

-- ---------------------------------------------------------------- finding the server

-- The file `npm start` runs: the first script argument of node/nodemon/tsx/ts-node.
local function entry_from_start(s)
  local start = s:json("package.json", "scripts.start")
  if not start then return nil end
  local runners = { node = true, nodemon = true, tsx = true, ["ts-node"] = true, ["ts-node-dev"] = true, bun = true,
                    fastify = true } -- fastify-cli: `fastify start [flags] app.js`
  local takes_value = { ["-r"] = true, ["--require"] = true, ["--import"] = true, ["--loader"] = true,
                        ["--experimental-loader"] = true, ["-e"] = true, ["--env-file"] = true }
  local toks = {}
  for t in string.gmatch(start, "%S+") do toks[#toks + 1] = t end
  local i = 1
  while i <= #toks do
    local t = toks[i]
    if runners[t] or runners[string.match(t, "[^/]+$") or ""] then
      local j = i + 1
      while j <= #toks do
        local a = toks[j]
        if a == "&&" or a == ";" or a == "|" then break end
        if takes_value[a] then
          j = j + 1
        elseif string.sub(a, 1, 1) ~= "-" and not (t == "fastify" and a == "start") then
          if a == "." then return s:json("package.json", "main") or "index.js" end
          return (string.gsub(a, "^%./", ""))
        end
        j = j + 1
      end
    end
    i = i + 1
  end
  return nil
end

-- A built file (dist/index.js) maps back to its source (src/index.ts) when that exists.
local function to_source(s, path)
  if s:exists(path) and not string.match(path, "^dist/") and not string.match(path, "^build/") then
    return path
  end
  local base = string.gsub(string.gsub(path, "^dist/", "src/"), "^build/", "src/")
  local stem = string.gsub(base, "%.[cm]?js$", "")
  local found = s:find_first({ stem .. ".ts", stem .. ".mts", stem .. ".js", stem .. ".mjs", base })
  if found then return found end
  if s:exists(path) then return path end
  return nil
end

local function find_entry(s)
  local e = entry_from_start(s)
  e = e and to_source(s, e)
  if e then return e end
  local main = s:json("package.json", "main")
  main = main and to_source(s, (string.gsub(main, "^%./", "")))
  if main then return main end
  return s:find_first({
    "src/index.js", "src/server.js", "src/app.js", "src/index.ts", "src/server.ts", "src/main.ts",
    "src/index.mjs", "src/server.mjs", "index.js", "server.js", "app.js", "index.mjs", "server.mjs",
  })
end

-- Relative modules a file imports, resolved to project files.
local function relative_imports(s, path, src)
  local out, dir = {}, js.dirname(path)
  for spec in string.gmatch(src, "['\"](%.%.?/[^'\"]+)['\"]") do
    local p = js.join(dir, spec)
    -- normalise ./ and ../
    local parts = {}
    for seg in string.gmatch(p, "[^/]+") do
      if seg == ".." then table.remove(parts) elseif seg ~= "." then parts[#parts + 1] = seg end
    end
    p = table.concat(parts, "/")
    local stem = string.gsub(p, "%.[cm]?js$", "")
    local f = s:find_first({ p, p .. ".js", p .. ".ts", p .. ".mjs", p .. ".cjs", stem .. ".ts",
                             p .. "/index.js", p .. "/index.ts" })
    if f then out[#out + 1] = f end
  end
  return out
end

-- Where the app (or node:http server) is created: {fw, path, src, var, at (byte offset)}.
-- The entry first, then the modules it imports, then every source file.
local function find_server(s, entry)
  local order, seen = {}, {}
  local function add(p) if p and not seen[p] then seen[p] = true; order[#order + 1] = p end end
  add(entry)
  if entry then
    local src = s:read(entry)
    if src then for _, p in ipairs(relative_imports(s, entry, src)) do add(p) end end
  end
  for _, p in ipairs(js.sources(s)) do
    -- a test file is never where the app is created, even when it builds one
    local test = string.match(p, "^tests?/") or string.match(p, "/tests?/") or string.match(p, "__tests__/")
      or string.match(p, "%.test%.[%w]+$") or string.match(p, "%.spec%.[%w]+$")
    if not test then add(p) end
  end
  local fws = {}
  for _, fw in ipairs(FRAMEWORKS) do
    if not fw.dep or js.dep(s, fw.dep) then fws[#fws + 1] = fw end
  end
  -- a framework's app anywhere wins over a bare http.createServer: express-generator's
  -- extensionless bin/www wraps the express app of app.js, whose routes name the events
  for pass = 1, 2 do
    for _, p in ipairs(order) do
      local src = s:read(p)
      local code = src and js.strip_comments(src)
      for _, fw in ipairs(fws) do
        if (fw.id ~= "http") == (pass == 1) then
          for _, pat in ipairs(fw.create) do
            if code and string.find(code, pat) then
              -- find it again in the original text, where the offsets are
              local at, _, var = string.find(src, pat)
              if at then
                return { fw = fw.id, path = p, src = src, var = var, at = at }
              end
            end
          end
        end
      end
    end
  end
  return nil
end

-- esm, cjs or ts
local function module_kind(s, path, src)
  local e = js.ext(path)
  if e == "mjs" then return "esm" end
  if e == "cjs" then return "cjs" end
  if js.is_ts(path) then return "ts" end
  if s:json("package.json", "type") == "module" then return "esm" end
  local code = js.strip_comments(src)
  if (string.match(code, "^import%s") or string.find(code, "\nimport%s")) and not string.find(code, "require(", 1, true) then
    return "esm"
  end
  return "cjs"
end

-- ---------------------------------------------------------------- the new module

local function module_text(kind, st, zone, http, use_strict)
  local ts = kind == "ts"
  local t = {}
  local function add(x) t[#t + 1] = x end
  if kind == "cjs" then
    if use_strict then add("'use strict'@;\n\n") end
    add("const { randomUUID } = require('node:crypto')@;\n")
    add("const amplitude = require('" .. SDK .. "')@;\n")
  else
    if ts and http then add("import type { RequestListener, ServerResponse } from 'node:http'@;\n") end
    add("import { randomUUID } from 'node:crypto'@;\n")
    add("import * as amplitude from '" .. SDK .. "'@;\n")
  end
  local ex = kind == "cjs" and "" or "export "
  add([[

// Node >= 20.12 reads .env files itself, so no package is needed for it. Variables already
// set in the environment win; without a .env file (or on an older Node) the environment
// has to provide AMPLITUDE_API_KEY.
try {
  process.loadEnvFile()@;
} catch {
  // no .env file
}

const apiKey = process.env.AMPLITUDE_API_KEY@;

if (apiKey) {
  amplitude.init(apiKey, {
    serverUrl: process.env.AMPLITUDE_SERVER_URL || undefined]] .. (zone == "eu" and ",\n" or "@,\n"))
  if zone == "eu" then add("    serverZone: 'EU'@,\n") end
  add([[
  })@;
} else {
  console.warn('Amplitude: AMPLITUDE_API_KEY is not set, so no events are sent')@;
}

// One event for a visitor: eventOptions carries its device_id (visitorId) or your user_id.
// Amplitude counts devices: never one id for the whole server.
]])
  if ts then
    add(ex .. [[function track(
  eventType: string,
  eventProperties: Record<string, unknown> = {},
  eventOptions: { user_id?: string; device_id?: string } = {}@,
): void {
]])
  else
    add(ex .. "function track(eventType, eventProperties = {}, eventOptions = {}) {\n")
  end
  add([[
  if (!apiKey) return@;
  if (!eventOptions.user_id && !eventOptions.device_id) {
    console.warn('Amplitude: track(' + JSON.stringify(eventType) + ') needs a user_id or a device_id')@;
    return@;
  }
  amplitude.track(eventType, eventProperties, eventOptions)@;
}

// The visitor of a request: the id in the first-party cookie amp_device_id, else a new one
// that setCookie puts in the response (a year; Lax; not readable by scripts).
]])
  if ts then
    add(ex .. [[function visitorId(
  cookieHeader: string | string[] | undefined,
  setCookie: (cookie: string) => void@,
): string {
]])
  else
    add(ex .. "function visitorId(cookieHeader, setCookie) {\n")
  end
  add([[
  const found = /(?:^|;\s*)amp_device_id=([A-Za-z0-9-]{5,64})(?:;|$)/.exec(String(cookieHeader || ''))@;
  if (found) return found[1]@;
  const id = randomUUID()@;
  setCookie(`amp_device_id=${id}; Max-Age=31536000; Path=/; SameSite=Lax; HttpOnly`)@;
  return id@;
}

// One event per request a route of the app handled (no static files, 404s, OPTIONS or
// HEAD), named by the route pattern; `path` stands in (its ids masked) when no router
// names the route.
]])
  if ts then
    add(ex .. [[function trackRequest(
  method: string | undefined,
  route: string | null | undefined,
  status: number,
  deviceId: string,
  path?: string@,
): void {
]])
  else
    add(ex .. "function trackRequest(method, route, status, deviceId, path) {\n")
  end
  add([[
  const name = route || (path ? path.split('?')[0].replace(/\/(\d+|[0-9a-f]{8}-[0-9a-f-]{27,36})(?=\/|$)/gi, '/:id') : null)@;
  if (!name || status === 404 || method === 'OPTIONS' || method === 'HEAD') return@;
  track('@EVENT', { method, route: name, status_code: status }, { device_id: deviceId })@;
}

]])
  add(ex .. (ts and "async function flush(): Promise<void> {\n" or "async function flush() {\n"))
  add([[
  if (apiKey) await amplitude.flush().promise@;
}
]])
  if http then
    add("\n// Wraps a node:http request handler: one event per finished response of the app.\n")
    add(ex .. (ts and "function trackRequests(handler: RequestListener): RequestListener {\n"
      or "function trackRequests(handler) {\n"))
    add("  return function amplitudeRequests(" .. (ts and "this: unknown, " or "") .. "req, res) {\n")
    add([[
    const deviceId = visitorId(req.headers.cookie, (cookie) => appendCookie(res, cookie))@;
    res.on('finish', () => trackRequest(req.method, null, res.statusCode, deviceId, req.url || '/'))@;
    return handler.call(this, req, res)@;
  }@;
}

]])
    add(ts and "function appendCookie(res: ServerResponse, cookie: string): void {\n"
      or "function appendCookie(res, cookie) {\n")
    add([[
  if (res.headersSent) return@;
  const before = res.getHeader('Set-Cookie')@;
  res.setHeader('Set-Cookie', before === undefined ? cookie : Array.isArray(before) ? before.concat(cookie) : [String(before), cookie])@;
}
]])
  end
  add([[

// Send what is still queued before the process ends. A signal handler of the app may call
// process.exit() at once: that exit waits for the flush (5 seconds at most).
let closing = false@;
]])
  add(ts and "async function flushBeforeExit(signal?: NodeJS.Signals): Promise<void> {\n"
    or "async function flushBeforeExit(signal) {\n")
  add([[
  if (closing) return@;
  closing = true@;
  const exit = process.exit@;
  let exitCalled = false@;
]])
  if ts then
    add([[
  let exitCode: number | string | null | undefined@;
  process.exit = ((code?: number | string | null) => {
    exitCalled = true@;
    exitCode = code@;
  }) as typeof process.exit@;
]])
  else
    add([[
  let exitCode@;
  process.exit = (code) => {
    exitCalled = true@;
    exitCode = code@;
  }@;
]])
  end
  add([[
  const timeout = new Promise((resolve) => setTimeout(resolve, 5000).unref())@;
  await Promise.race([flush().catch(() => {}), timeout])@;
  process.exit = exit@;
  if (exitCalled) {
    exit.call(process, exitCode)@;
  } else if (signal && process.listenerCount(signal) === 1) {
    // no other handler: end the way the signal would have ended the process
    process.removeListener(signal, flushBeforeExit)@;
    process.kill(process.pid, signal)@;
  }
}
]])
  add("for (const signal of ['SIGINT', 'SIGTERM']" .. (ts and " as const" or "") ..
      ") process.on(signal, flushBeforeExit)@;\n")
  add("process.on('beforeExit', () => flushBeforeExit())@;\n")
  if kind == "cjs" then
    add("\nmodule.exports = { track, flush, visitorId, trackRequest" .. (http and ", trackRequests" or "") .. " }@;\n")
  end
  local out = table.concat(t)
  out = string.gsub(out, "@EVENT", EVENT)
  return js.render(out, st)
end

-- true when an existing init module exports what the hook needs
local function exports_fn(src, name)
  return string.find(src, "export%s+a?s?y?n?c?%s*function%s+" .. name .. "%f[^%w_]") ~= nil
    or string.find(src, "export%s+const%s+" .. name .. "%f[^%w_]") ~= nil
    or string.find(src, "export%s*{[^}]*%f[%w_]" .. name .. "%f[^%w_]") ~= nil
    or string.find(src, "exports%." .. name .. "%f[^%w_]") ~= nil
    or string.find(src, "module%.exports%s*=%s*{[^}]*%f[%w_]" .. name .. "%f[^%w_]") ~= nil
end

-- Files that initialise the Node SDK: { {path, src, calls} }, total calls.
local function existing_inits(s)
  local found, total = {}, 0
  for _, p in ipairs(js.sources(s)) do
    local src = s:read(p)
    if src and js.imports(src, SDK) then
      local n = js.count_sdk_calls(s, p, src, { SDK }, { "init" })
      if n > 0 then
        found[#found + 1] = { path = p, src = src, calls = n }
        total = total + n
      end
    end
  end
  return found, total
end

-- relative specifier from the directory `from` to the file `to`
local function relative(from, to)
  local a, b = {}, {}
  for seg in string.gmatch(from, "[^/]+") do a[#a + 1] = seg end
  for seg in string.gmatch(to, "[^/]+") do b[#b + 1] = seg end
  local i = 1
  while i <= #a and i < #b and a[i] == b[i] do i = i + 1 end
  local up = {}
  for _ = i, #a do up[#up + 1] = ".." end
  for k = i, #b do up[#up + 1] = b[k] end
  local r = table.concat(up, "/")
  if not string.match(r, "^%.%./") then r = "./" .. r end
  return r
end

-- TypeScript compiled for Node's own ES module resolution needs ".js" in relative imports.
local function ts_needs_ext(s)
  local cfg = s:read("tsconfig.json")
  if cfg then
    local l = string.lower(cfg)
    if string.find(l, "nodenext", 1, true) or string.find(l, "\"node16\"", 1, true) then return true end
    if string.find(l, "bundler", 1, true) then return false end
  end
  return s:json("package.json", "type") == "module"
end

-- The specifier the hook file uses for the module, in its import style.
local function specifier(s, hook, hook_src, module_path, kind)
  local spec = relative(js.dirname(hook), module_path)
  local e = js.ext(module_path)
  if e == "mjs" or e == "cjs" or kind == "esm" then return spec end
  -- CommonJS and TypeScript: an extension only when the file's own relative imports have
  -- one (or, in TypeScript without any, when Node's ESM resolution will need it)
  local with_ext, without = false, false
  for rel in string.gmatch(hook_src, "['\"](%.%.?/[^'\"]+)['\"]") do
    if string.match(rel, "%.c?js$") then with_ext = true
    elseif not string.match(rel, "%.[%w]+$") then without = true end
  end
  if kind == "ts" then
    if with_ext or (not without and ts_needs_ext(s)) then return (string.gsub(spec, "%.[cm]?ts$", ".js")) end
  elseif with_ext then
    return spec
  end
  return (string.gsub(spec, "%.[cm]?[jt]s$", ""))
end

local function imports_module(src, spec)
  local stem = string.gsub(spec, "%.[cm]?[jt]s$", "")
  for _, q in ipairs({ "'", '"' }) do
    for _, e in ipairs({ "", ".js", ".ts", ".mjs", ".cjs" }) do
      if text.contains(src, q .. stem .. e .. q) then return true end
    end
  end
  return false
end

-- Wraps the last argument of the createServer( call at srv.at with trackRequests(...).
local function wrap_create_server(srv)
  local src = srv.src
  local open = string.find(src, "(", srv.at, true)
  local close = open and js.match_paren(src, open)
  if not close then error(srv.path .. ": cannot read the createServer(...) call") end
  local args = string.sub(src, open + 1, close - 1)
  if text.trim(args) == "" then
    error(srv.path .. ": createServer() gets no request handler; pass one so that it can be wrapped")
  end
  -- the last top-level argument
  local depth, last_comma, i = 0, 0, 1
  local body = string.gsub(args, ",%s*$", "")
  while i <= #body do
    local c = string.sub(body, i, i)
    if c == "'" or c == '"' or c == "`" then
      local j = i + 1
      while j <= #body and string.sub(body, j, j) ~= c do
        if string.sub(body, j, j) == "\\" then j = j + 1 end
        j = j + 1
      end
      i = j
    elseif c == "(" or c == "[" or c == "{" then depth = depth + 1
    elseif c == ")" or c == "]" or c == "}" then depth = depth - 1
    elseif c == "," and depth == 0 then last_comma = i end
    i = i + 1
  end
  local a = string.sub(body, last_comma + 1)
  local lead, core = string.match(a, "^(%s*)(.-)%s*$")
  local start = open + last_comma + #lead + 1
  local stop = start + #core - 1
  return string.sub(src, 1, start - 1) .. "trackRequests(" .. core .. ")" .. string.sub(src, stop + 1)
end

-- Inserts the framework hook before the first statement that uses the app after its
-- creation (so it runs before the routes), else right after the creation.
local function add_hook(srv, st)
  local src = srv.src
  local open = string.find(src, "(", srv.at, true)
  local close = open and js.match_paren(src, open)
  local cl = js.line_of(src, close or srv.at)
  local create_line = text.lines(src)[js.line_of(src, srv.at)]
  local ind = string.match(create_line, "^(%s*)")
  local ls = text.lines(src)
  -- the app is a function's parameter (a fastify-cli root plugin): the hook goes first in
  -- its body, in the body's indentation
  if string.match(ls[cl] or "", "{%s*$") then
    for i = cl + 1, #ls do
      if string.match(ls[i], "%S") then ind = string.match(ls[i], "^(%s*)"); break end
    end
  end
  local at = nil
  local var = string.gsub(srv.var, "%$", "%%$")
  for i = cl + 1, #ls do
    local l = ls[i]
    if string.match(l, "^" .. ind .. "await%s+" .. var .. "[%.%s]") or string.match(l, "^" .. ind .. var .. "%s*%.") then
      at = i
      break
    end
    -- left the creating block
    if #ind > 0 and string.match(l, "^%S") then break end
  end
  local hook = string.gsub(string.gsub(HOOKS[srv.fw], "@APP", srv.var), "@EVENT", EVENT)
  local lines = {}
  for _, l in ipairs(text.lines(js.render(hook, st))) do lines[#lines + 1] = (l ~= "" and ind or "") .. l end
  local block = table.concat(lines, "\n")
  if at then return js.insert_after(src, at - 1, block .. "\n\n") end
  return js.insert_after(src, cl, "\n" .. block)
end

-- ---------------------------------------------------------------- the plugin

local function server_evidence(s)
  for _, d in ipairs(SERVER_DEPS) do
    local v = js.dep(s, d)
    if v then return "package.json depends on " .. d .. " " .. v end
  end
  local entry = find_entry(s)
  local src = entry and s:read(entry)
  if src then
    local code = js.strip_comments(src)
    if string.find(code, "createServer%s*%(") then return entry .. " creates a node:http server" end
    if string.find(code, "%.listen%s*%(") then return entry .. " starts a server" end
  end
  return nil
end

return {
  name = "javascript-node", version = "1.0.0", abi = "1.2",
  frameworks = { "javascript-node" }, priority = 90,
  description = "Amplitude Node SDK for Express, Fastify, Koa, Hono and node:http servers",

  detect = function(s)
    if not s:exists("package.json") or js.not_generic(s) then return end
    -- Cloudflare Workers run Hono and friends without Node's process, os or http
    if js.dep(s, "wrangler") or js.dep(s, "@cloudflare/workers-types") then return end
    local ev = server_evidence(s)
    if ev then return "javascript-node", ev end
  end,

  plan = function(s)
    local entry = find_entry(s)
    local inits = existing_inits(s)
    local srv = find_server(s, entry)
    if not srv and #inits == 0 then
      error("could not find where the server is created (express(), Fastify(), new Koa(), new Hono() " ..
            "or http.createServer()), starting from " .. (entry or "package.json"))
    end

    -- the module: ours, an earlier run's, or the project's own init
    local module_path, own, reads_env
    if #inits > 0 then
      module_path = inits[1].path
      local need = srv and (srv.fw == "http" and "trackRequests" or "trackRequest")
      own = need and exports_fn(inits[1].src, need)
      reads_env = text.contains(inits[1].src, KEY_VAR)
      s:log("info", "Amplitude is already initialised in " .. module_path .. ": no second init")
    else
      local kind = module_kind(s, srv.path, srv.src)
      local e = js.ext(srv.path)
      local ext = (e == "mjs" or e == "cjs" or e == "mts") and e or (kind == "ts" and "ts" or "js")
      module_path = js.join(js.dirname(srv.path), "amplitude." .. ext)
      if s:exists(module_path) then
        error(module_path .. " exists and is not an Amplitude setup: rename it, then run setup again")
      end
      local st = js.project_style(s, srv.path, srv.src)
      local strict = string.match(srv.src, "^%s*['\"]use strict['\"]") ~= nil
      s:create(module_path, module_text(kind, st, s:get("zone"), srv.fw == "http", strict),
               "the Amplitude client: init once, track(), flush on shutdown")
      own, reads_env = true, true
    end

    if not js.dep(s, SDK) then
      s:progress("Adding " .. SDK .. " " .. SDK_SPEC)
      s:dependency("package.json", SDK, SDK_SPEC)
      s:install("package.json")
    end
    if reads_env then
      js.ensure_env(s, ENV_FILE, { ENV_FILE }, KEY_VAR, s:get("api_key"))
      if text.custom_ingest(s:get("ingest_url")) then s:env(ENV_FILE, "AMPLITUDE_SERVER_URL", s:get("ingest_url")) end
    end

    if not srv or not own then
      if srv then s:log("info", "the existing Amplitude setup in " .. module_path .. " is kept as it is") end
      return
    end
    local kind = module_kind(s, srv.path, srv.src)
    local src = srv.src
    local st = js.project_style(s, srv.path, src)
    local name = srv.fw == "http" and "trackRequests" or "trackRequest"
    if js.count_calls(src, name) == 0 then
      if srv.fw == "http" then
        src = wrap_create_server(srv)
      else
        src = add_hook(srv, st)
      end
    end
    local spec = specifier(s, srv.path, src, module_path, kind)
    if srv.path ~= module_path and not imports_module(src, spec) then
      local names = srv.fw == "http" and name or ("visitorId, " .. name)
      local line = kind == "cjs"
        and ("const { " .. names .. " } = require('" .. spec .. "')@;")
        or ("import { " .. names .. " } from '" .. spec .. "'@;")
      -- first, so that .env is loaded before the other modules read process.env
      src = js.add_import(src, (string.gsub(js.render(line, st), "\n$", "")), "first")
    end
    s:replace(srv.path, src, "one Amplitude event per handled request (" .. srv.fw .. ")")
  end,

  verify = function(s)
    local inits, total = existing_inits(s)
    if total == 0 then return false, "no Amplitude init found in the project's sources" end
    if total > 1 then
      local where = {}
      for _, f in ipairs(inits) do where[#where + 1] = f.path end
      return false, "more than one Amplitude init (" .. table.concat(where, ", ") .. ")"
    end
    if not js.dep(s, SDK) then return false, "package.json does not list " .. SDK end
    local key = s:get("api_key")
    local imported = false
    local stem = string.match(inits[1].path, "([^/]+)%.[%w]+$")
    -- the sources, and the entry `npm start` runs even without an extension (bin/www)
    local files = js.sources(s)
    local entry = find_entry(s)
    if entry and not string.match(entry, "%.[%w]+$") then files[#files + 1] = entry end
    for _, p in ipairs(files) do
      local src = s:read(p)
      if src and key and #key >= 8 and text.contains(src, key) then
        return false, "the API key is written into " .. p
      end
      if src and p ~= inits[1].path and string.find(src, "['\"][^'\"]*/" .. stem .. "[%.'\"]") then
        imported = true
      end
    end
    if not imported then return false, inits[1].path .. " is imported nowhere, so it never runs" end
    if text.contains(inits[1].src, KEY_VAR) then
      local v = js.env_value(s:read(ENV_FILE), KEY_VAR)
      if not v or v == "" then return false, KEY_VAR .. " is not set in " .. ENV_FILE end
    end
  end,
}
