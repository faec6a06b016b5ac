-- astro: Amplitude for Astro sites (static, server or hybrid output; with or without view
-- transitions). The one init is a processed <script> in the layout that writes <head>:
-- Astro bundles it once and runs it in the browser on every page the layout renders, never
-- on the server. The key is PUBLIC_AMPLITUDE_API_KEY in .env (Astro's .gitignore covers it),
-- read as import.meta.env, which Astro inlines for client scripts at build time.
--
-- Amplitude's Astro guides load the CDN snippet with <script is:inline> (amplitude/wizard
-- skills/integration/integration-astro-*); we add the npm package instead: the lockfile pins
-- its version, the bundle is served from the site itself, and the same init as every other
-- browser plugin applies (an existing CDN snippet is recognised, and no second init added).
local js = import("js")
local browser = import("browser")

local KEY_VAR, URL_VAR = "PUBLIC_AMPLITUDE_API_KEY", "PUBLIC_AMPLITUDE_SERVER_URL"
local ENV_FILE = ".env"
local ENV_FILES = { ".env", ".env.local", ".env.production", ".env.production.local",
                    ".env.development", ".env.development.local" }

local function astro_files(s)
  local out = {}
  for _, p in ipairs(s:list("src/**/*.astro")) do out[#out + 1] = p end
  return out
end

-- inits as browser.existing_inits finds them, and the CDN snippet in an .astro file
local function existing_inits(s)
  local found, total = browser.existing_inits(s)
  for _, p in ipairs(astro_files(s)) do
    local src = s:read(p)
    if src and string.find(src, "cdn.amplitude.com", 1, true) then
      total = total + browser.add_cdn_init(found, p, src)
    end
  end
  return found, total
end

-- the .astro components a file renders inside its <head> (paths relative to the project)
local function head_components(path, src)
  local head = string.match(src, "<head[%s>].-</head>")
  if not head then return {} end
  local out = {}
  for name, spec in string.gmatch(src, "import%s+([%w_]+)%s+from%s+['\"]([^'\"]+%.astro)['\"]") do
    if string.find(head, "<" .. name .. "[%s/>]") and string.match(spec, "^%.") then
      local dir = js.dirname(path)
      for part in string.gmatch(spec, "[^/]+") do
        if part == ".." then dir = js.dirname(dir)
        elseif part ~= "." then dir = js.join(dir, part) end
      end
      out[dir] = true
    end
  end
  return out
end

-- Where the init goes: { path, head = true } for the one file that writes <head> (the
-- layout of the basics template, the page of the minimal one), or { path, head = false } for
-- a component every <head> renders (BaseHead.astro of the blog template, whose index pages
-- write their own <head> beside the post layout's). Errors naming the files otherwise: an
-- init in one of several heads would miss the pages of the others.
local function find_target(s)
  local heads = {}
  for _, p in ipairs(astro_files(s)) do
    local src = s:read(p)
    if src and string.find(src, "<head[%s>]") then heads[#heads + 1] = { path = p, src = src } end
  end
  if #heads == 1 then return { path = heads[1].path, head = true } end
  if #heads == 0 then
    error("no .astro file under src/ writes <head>: add the Amplitude <script> to your layout by hand " ..
      "(docs/frameworks.md, Astro)")
  end
  local common
  for _, h in ipairs(heads) do
    local comps = head_components(h.path, h.src)
    if not common then common = comps
    else
      for c in pairs(common) do if not comps[c] then common[c] = nil end end
    end
  end
  local shared = {}
  for c in pairs(common or {}) do if s:exists(c) then shared[#shared + 1] = c end end
  table.sort(shared)
  if #shared == 1 then return { path = shared[1], head = false } end
  local names = {}
  for _, h in ipairs(heads) do names[#names + 1] = h.path end
  error("several .astro files write <head> (" .. table.concat(names, ", ") .. ") and no layout or " ..
    "head component is shared by all: render one component in every <head> (or one layout), then run setup again")
end

-- the <script> element, canonical; the host indents it under <head>
local function script_element(sdk, zone)
  local clause, init = browser.init_code(sdk, "import.meta.env." .. KEY_VAR, "import.meta.env." .. URL_VAR, zone,
    "One init per page load: Astro bundles this script once, for every page this file renders.")
  local lines = { "<script>", "  import " .. clause .. " from '" .. sdk .. "';", "" }
  for l in string.gmatch(init, "([^\n]*)\n") do lines[#lines + 1] = l == "" and "" or ("  " .. l) end
  lines[#lines + 1] = "</script>"
  return table.concat(lines, "\n")
end

return {
  name = "astro", version = "1.0.0", abi = "1.2",
  frameworks = { "astro" }, priority = 16,
  description = "Amplitude Browser SDK in a processed <script> of the Astro layout",

  detect = function(s)
    if not s:exists("package.json") then return end
    local astro = js.dep(s, "astro")
    if not astro then return end
    local cfg = s:find_first({ "astro.config.mjs", "astro.config.ts", "astro.config.js", "astro.config.mts" })
    return "astro", "package.json has astro " .. astro .. (cfg and (" and " .. cfg .. " exists") or "")
  end,

  plan = function(s)
    local inits = existing_inits(s)
    local sdk = browser.plan_common(s, inits, ENV_FILE, ENV_FILES, KEY_VAR, URL_VAR)
    if #inits > 0 then return end
    local t = find_target(s)
    local src = s:read(t.path)
    local element = script_element(sdk, s:get("zone"))
    if t.head then
      src = assert(s:edit_head_script(t.path, src, element))
      s:replace(t.path, src, "initialise Amplitude once per page load, in the layout's <head>")
    else
      -- a component rendered in every <head>: the script goes at its end
      if string.sub(src, -1) ~= "\n" then src = src .. "\n" end
      s:replace(t.path, src .. "\n" .. element .. "\n",
        "initialise Amplitude once per page load, in the component every <head> renders")
    end
  end,

  verify = function(s)
    local inits, total = existing_inits(s)
    return browser.verify(s, inits, total, KEY_VAR, ENV_FILES)
  end,
}
