-- javascript-web (and react): Amplitude for browser projects built with Vite and no framework
-- plugin of their own: plain JS/TS, or React on Vite without a router (framework id react). The one init goes
-- into the entry script index.html loads; the key comes from VITE_AMPLITUDE_API_KEY in
-- .env.local (Vite reads it, and its default .gitignore covers *.local).
local js = import("js")
local browser = import("browser")
local ENV_FILE, KEY_VAR, URL_VAR = browser.VITE.env_file, browser.VITE.key_var, browser.VITE.url_var
local ENV_FILES = browser.VITE.env_files

-- the local module script index.html loads, if it exists
local function entry_from_html(s)
  return browser.html_scripts(s)[1]
end

local function find_entry(s)
  return entry_from_html(s) or s:find_first({
    "src/main.ts", "src/main.js", "src/main.tsx", "src/main.jsx", "src/index.ts", "src/index.js",
    "main.ts", "main.js", "index.js",
  })
end

-- Files that already initialise a browser SDK, and the CDN snippet inline in index.html
local function existing_inits(s)
  local found, total = browser.existing_inits(s)
  -- the snippet from Amplitude's CDN, inline in the page
  total = total + browser.add_cdn_init(found, "index.html", s:read("index.html"))
  return found, total
end

local function init_code(sdk, zone)
  return browser.init_code(sdk, "import.meta.env." .. KEY_VAR, "import.meta.env." .. URL_VAR, zone,
    "One init for the whole page: page views and sessions are tracked from the first load.")
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
    -- (amplitude/wizard skills/integration/integration-react-vite/SKILL.md, with the unified
    -- SDK, which plan adds too). With a router library
    -- (React Router, TanStack Router) the app belongs to those plugins: no claim.
    local react = js.dep(s, "react")
    if react and js.dep(s, "react-dom") then
      for _, r in ipairs({ "react-router", "react-router-dom", "@tanstack/react-router", "@tanstack/react-start" }) do
        -- (the react-router and tanstack plugins claim these first; with them removed, say why)
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
    -- React on Vite: the unified SDK, as Amplitude's React guide (integration-react-vite) has it
    local sdk = browser.plan_common(s, inits, ENV_FILE, ENV_FILES, KEY_VAR, URL_VAR,
      s:get("framework") == "react" and browser.UNIFIED or browser.SDK)
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
    return browser.verify(s, inits, total, KEY_VAR, ENV_FILES, { "index.html" })
  end,
}
