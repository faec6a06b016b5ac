-- javascript-web (and react): Amplitude for browser projects built with Vite and no framework
-- plugin of their own: plain JS/TS, or React on Vite without a router (framework id react). The one init goes
-- into the entry script index.html loads; the key comes from VITE_AMPLITUDE_API_KEY in
-- .env.local (Vite reads it, and its default .gitignore covers *.local).
local text = import("text")
local js = import("js")

-- @amplitude/analytics-browser rather than @amplitude/unified: the unified SDK bundles
-- session replay, experiment and guides as well (more to download, and more requests at
-- page load); the analytics SDK alone sends page views and sessions, which is the task.
local SDK, SDK_SPEC = "@amplitude/analytics-browser", "^2.48.1"
local UNIFIED = "@amplitude/unified"
local ENV_FILE = ".env.local"
local KEY_VAR, URL_VAR = "VITE_AMPLITUDE_API_KEY", "VITE_AMPLITUDE_SERVER_URL"
-- env files Vite reads in which an existing setup may keep the key
local ENV_FILES = { ".env.local", ".env", ".env.development.local", ".env.production.local",
                    ".env.development", ".env.production" }

-- the local module script index.html loads, if it exists
local function entry_from_html(s)
  local html = s:read("index.html")
  if not html then return nil end
  for attrs in string.gmatch(html, "<script([^>]*)>") do
    local src = string.match(attrs, "src%s*=%s*[\"']([^\"']+)[\"']")
    if src and not string.match(src, "^%a[%w+.-]*:") and not string.match(src, "^//") then
      src = string.gsub(string.gsub(string.gsub(src, "[?#].*$", ""), "^%./", ""), "^/", "")
      if s:exists(src) then return src end
    end
  end
  return nil
end

local function find_entry(s)
  return entry_from_html(s) or s:find_first({
    "src/main.ts", "src/main.js", "src/main.tsx", "src/main.jsx", "src/index.ts", "src/index.js",
    "main.ts", "main.js", "index.js",
  })
end

-- Files that already initialise a browser SDK: path -> number of init calls.
local function existing_inits(s)
  local found, total = {}, 0
  for _, p in ipairs(js.sources(s)) do
    local src = s:read(p)
    if src and (js.imports(src, SDK) or js.imports(src, UNIFIED)) then
      local n = js.count_sdk_calls(s, p, src, { SDK, UNIFIED }, { "init", "initAll" })
      if n > 0 then
        found[#found + 1] = { path = p, calls = n, src = src }
        total = total + n
      end
    end
  end
  -- the snippet from Amplitude's CDN, inline in the page
  local html = s:read("index.html")
  if html and string.find(string.lower(html), "amplitude", 1, true) then
    local n = js.count_calls(html, "init") + js.count_calls(html, "initAll")
    if n > 0 then
      found[#found + 1] = { path = "index.html", calls = n, src = html, cdn = true }
      total = total + n
    end
  end
  return found, total
end

-- autocapture as Amplitude's framework guides set it (amplitude/wizard skills/integration/
-- integration-javascript_web: sessions, page views, form interactions, file downloads), and
-- no init without a key (the SDK would log an error on every page)
local AUTOCAPTURE = "autocapture: { sessions: true, pageViews: true, formInteractions: true, fileDownloads: true }"

-- the import clause and the init, written canonically (two spaces, single quotes,
-- semicolons): the host's edit_insert writes them in the entry's own style
local function init_code(sdk, zone)
  local eu = zone == "eu" and "    serverZone: 'EU',\n" or ""
  local guard = "// One init for the whole page: page views and sessions are tracked from the first load.\n" ..
    "if (import.meta.env." .. KEY_VAR .. ") {\n"
  if sdk == UNIFIED then
    return "{ initAll }", guard ..
        "  initAll(import.meta.env." .. KEY_VAR .. ", {\n" .. eu ..
        "    analytics: {\n" ..
        "      serverUrl: import.meta.env." .. URL_VAR .. " || undefined,\n" ..
        "      " .. AUTOCAPTURE .. ",\n" ..
        "    },\n" ..
        "  });\n" ..
        "}\n"
  end
  return "* as amplitude", guard ..
      "  amplitude.init(import.meta.env." .. KEY_VAR .. ", {\n" ..
      "    serverUrl: import.meta.env." .. URL_VAR .. " || undefined,\n" .. eu ..
      "    " .. AUTOCAPTURE .. ",\n" ..
      "  });\n" ..
      "}\n"
end

return {
  name = "javascript-web", version = "1.0.0", abi = "1.2",
  frameworks = { "javascript-web", "react" }, priority = 70,
  description = "Amplitude Browser SDK in the entry script of a Vite project (plain, or React)",

  detect = function(s)
    if not s:exists("package.json") then return end
    if js.not_generic(s) then return end
    local vite = js.dep(s, "vite")
    if not vite then return end
    local entry = entry_from_html(s)
    -- React on Vite (create-vite's react templates): the Vite entry runs once per page
    -- load, before createRoot renders, which is where Amplitude's React guide initialises
    -- (amplitude/wizard skills/integration/integration-react-vite/SKILL.md; it prefers the unified
    -- SDK, and we keep the analytics SDK for the reason above). With a router library
    -- (React Router, TanStack Router) the app belongs to those plugins: no claim.
    local react = js.dep(s, "react")
    if react and js.dep(s, "react-dom") then
      for _, r in ipairs({ "react-router", "react-router-dom", "@tanstack/react-router", "@tanstack/react-start" }) do
        if js.dep(s, r) then
          s:log("warn", "javascript-web: React on Vite with " .. r .. ": no plugin sets up that router yet; " ..
            "--framework react adds the Browser SDK to its entry script anyway")
          return
        end
      end
      return "react", "package.json has react " .. react .. " and vite " .. vite ..
        (entry and (" and index.html loads " .. entry) or "")
    end
    -- another UI framework on Vite is not "no framework" (the README's scope): no claim, and
    -- the reason said, so that --framework javascript-web is a choice, not a guess
    for _, ui in ipairs({ "react", "svelte", "preact", "solid-js", "lit" }) do
      if js.dep(s, ui) then
        s:log("warn", "javascript-web: " .. ui .. " on Vite is a framework app, not a plain web page: " ..
          "no plugin sets it up yet; --framework javascript-web adds the Browser SDK to its entry script anyway")
        return
      end
    end
    return "javascript-web", "package.json has vite " .. vite ..
      (entry and (" and index.html loads " .. entry) or "")
  end,

  plan = function(s)
    local entry = find_entry(s)
    if not entry then
      error("no entry script: index.html loads no local <script src>, and there is no src/main.(js|ts)")
    end
    local inits = existing_inits(s)
    local sdk = SDK
    if js.dep(s, UNIFIED) and not js.dep(s, SDK) then sdk = UNIFIED end
    if #inits > 0 then
      local src = inits[1].src
      if js.imports(src, UNIFIED) and not js.imports(src, SDK) then sdk = UNIFIED else sdk = SDK end
      s:log("info", "Amplitude is already initialised in " .. inits[1].path .. ": no second init")
    end
    local cdn = #inits > 0 and inits[1].cdn
    if not cdn and not js.dep(s, SDK) and not js.dep(s, UNIFIED) then
      s:progress("Adding " .. sdk .. " " .. SDK_SPEC)
      s:dependency("package.json", sdk, SDK_SPEC)
      s:install("package.json")
    end
    -- the key goes where the init reads it; an existing init with its own source keeps it
    local reads_env = #inits == 0
    for _, f in ipairs(inits) do reads_env = reads_env or text.contains(f.src, KEY_VAR) end
    if reads_env then
      js.ensure_env(s, ENV_FILE, ENV_FILES, KEY_VAR, s:get("api_key"))
      if text.custom_ingest(s:get("ingest_url")) then s:env(ENV_FILE, URL_VAR, s:get("ingest_url")) end
    end
    if #inits == 0 then
      local src = s:read(entry)
      local clause, init = init_code(sdk, s:get("zone"))
      src = assert(s:edit_import(entry, src, sdk, clause))
      src = assert(s:edit_insert(entry, src, "after-imports", init))
      s:replace(entry, src, "initialise Amplitude once, in the entry script")
    end
  end,

  verify = function(s)
    local inits, total = existing_inits(s)
    if total == 0 then return false, "no Amplitude init found in the project's sources" end
    if total > 1 then
      local where = {}
      for _, f in ipairs(inits) do where[#where + 1] = f.path end
      return false, "more than one Amplitude init (" .. table.concat(where, ", ") .. ")"
    end
    if not inits[1].cdn and not js.dep(s, SDK) and not js.dep(s, UNIFIED) then
      return false, "package.json lists neither " .. SDK .. " nor " .. UNIFIED
    end
    local key = s:get("api_key")
    if key and #key >= 8 then
      local files = js.sources(s)
      files[#files + 1] = "index.html"
      for _, p in ipairs(files) do
        local src = s:read(p)
        if src and text.contains(src, key) then return false, "the API key is written into " .. p end
      end
    end
    if text.contains(inits[1].src, KEY_VAR) then
      for _, f in ipairs(ENV_FILES) do
        local v = js.env_value(s:read(f), KEY_VAR)
        if v and v ~= "" then return true end
      end
      return false, KEY_VAR .. " is set in none of " .. table.concat(ENV_FILES, ", ")
    end
  end,
}
