-- The Browser SDK as the browser-framework plugins add it (javascript-web, sveltekit, astro,
-- nuxt, angular, tanstack):
-- import("browser"). One init per app, guarded by its key, written canonically (two spaces,
-- single quotes, semicolons) so that the host's edits put it in each file's own style.
local text = import("text")
local js = import("js")
local M = {}

-- The two browser SDKs. Amplitude's framework guides make @amplitude/unified the default for
-- a new browser project and keep @amplitude/analytics-browser where a project already has it
-- (amplitude/wizard skills/integration/integration-*/SKILL.md, "Unified SDK"); the framework
-- plugins of this round (react, sveltekit, astro, nuxt, angular, tanstack) follow that. Plain
-- javascript-web keeps the analytics SDK: it sends the page views and sessions that are the
-- task, without session replay, experiment and guides to download on a plain page.
M.SDK, M.SDK_SPEC = "@amplitude/analytics-browser", "^2.48.1"
M.UNIFIED, M.UNIFIED_SPEC = "@amplitude/unified", "^1.1.35"

-- A Vite app's key: where the Vite plugins write it, its names, and the env files Vite
-- reads (every mode) in which an existing setup may keep it
M.VITE = {
  env_file = ".env.local", key_var = "VITE_AMPLITUDE_API_KEY", url_var = "VITE_AMPLITUDE_SERVER_URL",
  env_files = { ".env.local", ".env", ".env.development.local", ".env.production.local",
                ".env.development", ".env.production" },
}

-- autocapture as Amplitude's framework guides set it (amplitude/wizard skills/integration/
-- integration-javascript_web: sessions, page views, form interactions, file downloads)
M.AUTOCAPTURE = "autocapture: { sessions: true, pageViews: true, formInteractions: true, fileDownloads: true }"

-- js.sources and the component files of the UI frameworks (whose <script> the host's
-- edits read): where an existing init may live
function M.sources(s)
  local out = js.sources(s)
  for _, g in ipairs({ "**/*.svelte", "**/*.astro", "**/*.vue" }) do
    for _, p in ipairs(s:list(g)) do
      local top = string.match(p, "^([^/]+)/")
      if top ~= "dist" and top ~= "build" and top ~= "out" then out[#out + 1] = p end
    end
  end
  return out
end

-- The local scripts index.html loads (project paths that exist, in page order; remote
-- URLs, query strings and fragments left out)
function M.html_scripts(s)
  local out = {}
  for attrs in string.gmatch(s:read("index.html") or "", "<script([^>]*)>") do
    local src = string.match(attrs, "src%s*=%s*[\"']([^\"']+)[\"']")
    if src and not string.match(src, "^%a[%w+.-]*:") and not string.match(src, "^//") then
      src = string.gsub(string.gsub(string.gsub(src, "[?#].*$", ""), "^%./", ""), "^/", "")
      if s:exists(src) then out[#out + 1] = src end
    end
  end
  return out
end

-- Files that initialise a browser SDK: a list of { path, calls, src }, and the total calls.
function M.existing_inits(s)
  local found, total = {}, 0
  for _, p in ipairs(M.sources(s)) do
    local src = s:read(p)
    if src and (js.imports(src, M.SDK) or js.imports(src, M.UNIFIED)) then
      local n = js.count_sdk_calls(s, p, src, { M.SDK, M.UNIFIED }, { "init", "initAll" })
      if n > 0 then
        found[#found + 1] = { path = p, calls = n, src = src }
        total = total + n
      end
    end
  end
  return found, total
end

-- The SDK to write: the one an existing init imports, else the one package.json already
-- lists (the unified SDK first, as the C plugins read it), else default (M.UNIFIED or M.SDK).
function M.pick_sdk(s, inits, default)
  if inits and #inits > 0 then
    local src = inits[1].src
    if js.imports(src, M.UNIFIED) and not js.imports(src, M.SDK) then return M.UNIFIED end
    return M.SDK
  end
  if js.dep(s, M.UNIFIED) then return M.UNIFIED end
  if js.dep(s, M.SDK) then return M.SDK end
  return default or M.UNIFIED
end

-- plans the dependency and its install unless package.json lists either SDK
function M.ensure_dependency(s, sdk)
  if js.dep(s, M.SDK) or js.dep(s, M.UNIFIED) then return end
  local spec = sdk == M.UNIFIED and M.UNIFIED_SPEC or M.SDK_SPEC
  s:progress("Adding " .. sdk .. " " .. spec)
  s:dependency("package.json", sdk, spec)
  s:install("package.json")
end

-- The import clause and the guarded init for sdk, reading the key from key_expr and the
-- server URL from url_expr (both JS expressions); why is the comment above the init.
-- No init without a key: the SDK would log an error on every page. where (optional): a
-- condition the init also needs (typeof window !== 'undefined' in a module the server loads).
function M.init_code(sdk, key_expr, url_expr, zone, why, where)
  local eu = zone == "eu" and "    serverZone: 'EU',\n" or ""
  local guard = "// " .. why .. "\nif (" .. (where and (where .. " && ") or "") .. key_expr .. ") {\n"
  if sdk == M.UNIFIED then
    return "{ initAll }", guard ..
        "  initAll(" .. key_expr .. ", {\n" .. eu ..
        "    analytics: {\n" ..
        "      serverUrl: " .. url_expr .. " || undefined,\n" ..
        "      " .. M.AUTOCAPTURE .. ",\n" ..
        "    },\n" ..
        "  });\n" ..
        "}\n"
  end
  return "* as amplitude", guard ..
      "  amplitude.init(" .. key_expr .. ", {\n" ..
      "    serverUrl: " .. url_expr .. " || undefined,\n" .. eu ..
      "    " .. M.AUTOCAPTURE .. ",\n" ..
      "  });\n" ..
      "}\n"
end

-- The first of inits in a file server_only(path) says runs only on the server (an SSR
-- framework's server routes, hooks, utilities), or nil: the browser SDK there would run on
-- every request and never in a browser.
function M.server_init(inits, server_only)
  for _, f in ipairs(inits) do
    if server_only(f.path) then return f.path end
  end
  return nil
end

-- errors (the plan fails, nothing written) when an init is in server-only code
function M.refuse_server_init(inits, server_only)
  local p = M.server_init(inits, server_only)
  if p then
    error("the browser SDK is initialised in server-only code (" .. p .. "): it would run on every request, " ..
      "never in the browser; remove that init and run setup again")
  end
end

-- The checks every browser plugin's verify makes: exactly one init, the SDK listed, the
-- key in no source file, and (when the init reads key_var) key_var set in an env file.
-- inits/total as existing_inits returns them; extra: more files the key must not be in;
-- holds (optional): a set of source paths meant to hold it (a git-ignored generated module).
-- Returns true, or false and the reason.
function M.verify(s, inits, total, key_var, env_files, extra, holds)
  if total == 0 then return false, "no Amplitude init found in the project's sources" end
  if total > 1 then
    local where = {}
    for _, f in ipairs(inits) do where[#where + 1] = f.path end
    return false, "more than one Amplitude init (" .. table.concat(where, ", ") .. ")"
  end
  if not inits[1].cdn and not js.dep(s, M.SDK) and not js.dep(s, M.UNIFIED) then
    return false, "package.json lists neither " .. M.SDK .. " nor " .. M.UNIFIED
  end
  local key = s:get("api_key")
  if key and #key >= 8 then
    local files = M.sources(s)
    for _, p in ipairs(extra or {}) do files[#files + 1] = p end
    for _, p in ipairs(files) do
      local src = not (holds and holds[p]) and s:read(p)
      if src and text.contains(src, key) then return false, "the API key is written into " .. p end
    end
  end
  if text.contains(inits[1].src, key_var) then
    for _, f in ipairs(env_files) do
      local v = js.env_value(s:read(f), key_var)
      if v and v ~= "" then return true end
    end
    return false, key_var .. " is set in none of " .. table.concat(env_files, ", ")
  end
  return true
end

-- The plan every browser plugin starts with: says where an existing init is, plans the SDK
-- (unless the init is Amplitude's CDN snippet) and the key (browser.ensure_env). Returns the
-- SDK the new init imports (default: the one for a project that has neither).
function M.plan_common(s, inits, env_file, env_files, key_var, url_var, default)
  local sdk = M.pick_sdk(s, inits, default)
  if #inits > 0 then
    s:log("info", "Amplitude is already initialised in " .. inits[1].path .. ": no second init")
  end
  if not (#inits > 0 and inits[1].cdn) then M.ensure_dependency(s, sdk) end
  M.ensure_env(s, inits, env_file, env_files, key_var, url_var)
  return sdk
end

-- Adds to found (an existing_inits list) the init of Amplitude's CDN snippet in path's text
-- src (a page or a component that loads it), marked cdn. Returns the calls it found.
function M.add_cdn_init(found, path, src)
  if not src or not string.find(string.lower(src), "amplitude", 1, true) then return 0 end
  local n = js.count_calls(src, "init") + js.count_calls(src, "initAll")
  if n > 0 then found[#found + 1] = { path = path, calls = n, src = src, cdn = true } end
  return n
end

-- plans the key (and a custom server URL) in env_file unless one of env_files already
-- holds it; an existing init that reads its key from elsewhere keeps it
function M.ensure_env(s, inits, env_file, env_files, key_var, url_var)
  local reads_env = #inits == 0
  for _, f in ipairs(inits) do reads_env = reads_env or text.contains(f.src, key_var) end
  if not reads_env then return end
  js.ensure_env(s, env_file, env_files, key_var, s:get("api_key"))
  if text.custom_ingest(s:get("ingest_url")) then s:env(env_file, url_var, s:get("ingest_url")) end
end

-- The text of a new module: the imports ({ { module, clause }, ... }) and then body, both
-- written canonically, in the style the project's files show (style_files: paths, the
-- first that exist weigh most; a framework's config and components are evidence when the
-- project has few scripts). Returns the text.
function M.new_module(s, imports, body, style_files)
  local parts = {}
  for _, p in ipairs(style_files) do parts[#parts + 1] = s:read(p) end
  for _, p in ipairs(js.sources(s)) do
    if #parts > 8 then break end
    parts[#parts + 1] = s:read(p)
  end
  local st = js.style(table.concat(parts, "\n"))
  local code = {}
  for _, imp in ipairs(imports) do
    code[#code + 1] = "import " .. imp[2] .. " from '" .. imp[1] .. "';"
  end
  code = table.concat(code, "\n") .. "\n\n" .. body
  -- canonical code to js.render's template: statement ends and trailing commas marked
  code = string.gsub(code, ";\n", "@;\n")
  code = string.gsub(code, ",\n(%s*[}%]%)])", "@,\n%1")
  return js.render(code, st)
end

return M
