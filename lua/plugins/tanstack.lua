-- tanstack: Amplitude for TanStack Router apps on Vite (file-based or code-based routes) and
-- TanStack Start. The key is VITE_AMPLITUDE_API_KEY in .env.local (Vite reads it; the
-- scaffolders' .gitignore covers *.local).
--
-- Router: the one init goes into the module that renders <RouterProvider> (create-tsrouter-app's
-- src/main.tsx), after its imports, before the router renders: that entry runs once per page
-- load. Amplitude's guides do the same (amplitude/wizard skills/integration/
-- integration-react-tanstack-router-file-based and -code-based: initAll in main.tsx).
-- Start has no such entry: the init goes into the root route, src/routes/__root.tsx, which
-- the server loads too, so it also needs typeof window (Amplitude's Start guide, skills/
-- integration/integration-tanstack-start: the same guard in __root.tsx).
local js = import("js")
local browser = import("browser")

local ENV_FILE, KEY_VAR, URL_VAR = browser.VITE.env_file, browser.VITE.key_var, browser.VITE.url_var
local ENV_FILES = browser.VITE.env_files
local ROUTER = { "@tanstack/react-router", "@tanstack/solid-router" }
local START = { "@tanstack/react-start", "@tanstack/solid-start" }
local BROWSER_ONLY = "typeof window !== 'undefined'"

local function first_dep(s, names)
  for _, n in ipairs(names) do
    local v = js.dep(s, n)
    if v then return n, v end
  end
  return nil
end

-- the module that renders the router: index.html's entry first, then any source that
-- renders <RouterProvider> through createRoot / render
local function router_entry(s)
  local function renders(src)
    return src and string.find(src, "<RouterProvider", 1, true) and
      (string.find(src, "createRoot(", 1, true) or string.find(src, "render(", 1, true))
  end
  for _, src in ipairs(browser.html_scripts(s)) do
    if renders(s:read(src)) then return src end
  end
  for _, p in ipairs(js.sources(s)) do
    if renders(s:read(p)) then return p end
  end
  return nil
end

local function root_route(s)
  return s:find_first({ "src/routes/__root.tsx", "src/routes/__root.jsx", "app/routes/__root.tsx",
                        "app/routes/__root.jsx" })
end

return {
  name = "tanstack", version = "1.0.0", abi = "1.2",
  frameworks = { "tanstack" }, priority = 25,
  description = "Amplitude Browser SDK in a TanStack Router entry or TanStack Start's root route",

  detect = function(s)
    if not s:exists("package.json") then return end
    local start, sv = first_dep(s, START)
    if start then return "tanstack", "package.json has " .. start .. " " .. sv end
    local router, rv = first_dep(s, ROUTER)
    if router then return "tanstack", "package.json has " .. router .. " " .. rv end
  end,

  plan = function(s)
    local start = first_dep(s, START) ~= nil
    local target = start and root_route(s) or (not start and router_entry(s))
    if not target then
      error(start and "no root route (src/routes/__root.tsx): add the init to your root route by hand" or
        "no module renders <RouterProvider> (createRoot(...).render): add the init to your entry module by hand")
    end
    local inits = browser.existing_inits(s)
    local sdk = browser.plan_common(s, inits, ENV_FILE, ENV_FILES, KEY_VAR, URL_VAR)
    if #inits > 0 then return end
    local clause, init = browser.init_code(sdk, "import.meta.env." .. KEY_VAR, "import.meta.env." .. URL_VAR,
      s:get("zone"), start and "One init for the whole app: the root route loads once per page (and on the server, " ..
        "which the window check keeps out)." or "One init for the whole app, before the router renders.",
      start and BROWSER_ONLY or nil)
    local src = s:read(target)
    src = assert(s:edit_import(target, src, sdk, clause))
    src = assert(s:edit_insert(target, src, "after-imports", init))
    s:replace(target, src, start and "initialise Amplitude once, in the browser, from the root route" or
      "initialise Amplitude once, before the router renders")
  end,

  verify = function(s)
    local inits, total = browser.existing_inits(s)
    if first_dep(s, START) and total == 1 and not string.find(inits[1].src, "typeof window", 1, true) then
      return false, inits[1].path .. " initialises the browser SDK where the server runs it too (no typeof window check)"
    end
    return browser.verify(s, inits, total, KEY_VAR, ENV_FILES, { "index.html" })
  end,
}
