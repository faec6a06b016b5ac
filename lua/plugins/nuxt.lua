-- nuxt: Amplitude for Nuxt 3 and 4 apps. The one init is a client plugin,
-- <srcDir>/plugins/amplitude.client.ts: Nuxt registers every file in plugins/ and runs a
-- .client one once, in the browser, when the app starts; server rendering never loads it.
-- Amplitude's Nuxt guides do the same (amplitude/wizard skills/integration/
-- integration-nuxt-4/references/EXAMPLE.md: app/plugins/amplitude.client.ts).
--
-- The key is NUXT_PUBLIC_AMPLITUDE_API_KEY in .env. Nuxt fills runtimeConfig.public from
-- NUXT_PUBLIC_* variables only for the keys nuxt.config declares, so the plan declares
-- amplitudeApiKey and amplitudeServerUrl there (empty defaults: the values come from the
-- environment when the server starts, never from the config file). That is the one change to
-- build configuration any plugin makes, and the plan says so.
local js = import("js")
local browser = import("browser")

local KEY_VAR, URL_VAR = "NUXT_PUBLIC_AMPLITUDE_API_KEY", "NUXT_PUBLIC_AMPLITUDE_SERVER_URL"
local ENV_FILE = ".env"
local ENV_FILES = { ".env" } -- the one file the Nuxt CLI loads
local CONFIGS = { "nuxt.config.ts", "nuxt.config.js", "nuxt.config.mjs", "nuxt.config.mts" }

-- the source directory (with its slash, "" for the root): srcDir in nuxt.config, else Nuxt 4's
-- app/ when it holds the app, else the root (Nuxt 3's layout)
local function src_dir(s, cfg_text)
  local d = cfg_text and string.match(cfg_text, "srcDir%s*:%s*['\"]([^'\"]+)['\"]")
  if d then
    d = string.gsub(string.gsub(d, "^%./", ""), "/$", "")
    return d == "" and "" or (d .. "/")
  end
  if s:exists("app.vue") or #s:list("pages/*.vue") > 0 then return "" end
  if s:exists("app/app.vue") or #s:list("app/pages/**/*.vue") > 0 or #s:list("app/plugins/*") > 0 then
    return "app/"
  end
  local v = js.dep(s, "nuxt") or ""
  return string.match(v, "^[~^>=]*%s*4") and "app/" or ""
end

-- server-only code: Nitro's server/ directory and .server plugins or components
local function server_only(path)
  return string.match(path, "^server/") or string.match(path, "%.server%.[cm]?[jt]s$")
    or string.match(path, "%.server%.vue$")
end

-- runtimeConfig.public declares both keys in nuxt.config (cfg), from the deepest object that
-- exists down: the text with the declaration, or an error naming what could not be read
local function declare_keys(s, cfg, text)
  if string.find(text, "amplitudeApiKey", 1, true) then return text end
  local keys = "amplitudeApiKey: '',\namplitudeServerUrl: '',\n"
  local tries = {
    { "object:defineNuxtConfig.runtimeConfig.public", keys },
    { "object:defineNuxtConfig.runtimeConfig", "public: {\n" .. string.gsub(keys, "([^\n]+)", "  %1") .. "},\n" },
    { "object:defineNuxtConfig", "runtimeConfig: {\n  public: {\n" .. string.gsub(keys, "([^\n]+)", "    %1") ..
      "  },\n},\n" },
  }
  local why
  for _, t in ipairs(tries) do
    local out, reason = s:edit_insert(cfg, text, t[1], t[2])
    if out then return out end
    why = string.gsub(reason or "?", "^edit_insert [^:]*: ", "")
    if not string.find(why, "no object", 1, true) then break end
  end
  error(cfg .. ": cannot declare the runtime config (" .. why .. "); add runtimeConfig: { public: " ..
    "{ amplitudeApiKey: '', amplitudeServerUrl: '' } } to defineNuxtConfig yourself and run setup again")
end

return {
  name = "nuxt", version = "1.0.0", abi = "1.3",
  frameworks = { "nuxt" }, priority = 14,
  description = "Amplitude Browser SDK in a Nuxt client plugin, the key in the public runtime config",

  detect = function(s)
    if not s:exists("package.json") then return end
    local nuxt = js.dep(s, "nuxt")
    if not nuxt then return end
    local cfg = s:find_first(CONFIGS)
    return "nuxt", "package.json has nuxt " .. nuxt .. (cfg and (" and " .. cfg .. " exists") or "")
  end,

  plan = function(s)
    local inits = browser.existing_inits(s)
    browser.refuse_server_init(inits, server_only)
    local cfg = s:find_first(CONFIGS)
    if not cfg then error("no nuxt.config (.ts, .js, .mjs): the wizard declares the runtime config there") end
    local cfg_text = s:read(cfg)
    local sdk = browser.plan_common(s, inits, ENV_FILE, ENV_FILES, KEY_VAR, URL_VAR)
    if #inits > 0 then return end
    local declared = declare_keys(s, cfg, cfg_text)
    if declared ~= cfg_text then
      s:replace(cfg, declared, "declare the public runtime config keys: Nuxt sets runtimeConfig.public from " ..
        "NUXT_PUBLIC_* variables only for the keys its config declares (Nuxt has no other way)")
    end
    local clause, init = browser.init_code(sdk, "config.public.amplitudeApiKey", "config.public.amplitudeServerUrl",
      s:get("zone"), "One init for the whole app: a .client plugin runs once, in the browser, when the app starts.")
    local body = "export default defineNuxtPlugin(() => {\n  const config = useRuntimeConfig();\n" ..
      string.gsub(init, "([^\n]+)", "  %1") .. "});\n"
    local dir = src_dir(s, cfg_text)
    local ts = s:exists("tsconfig.json") or string.match(cfg, "%.ts$")
    local path = dir .. "plugins/amplitude.client." .. (ts and "ts" or "js")
    s:create(path, browser.new_module(s, { { sdk, clause } }, body, { cfg, dir .. "app.vue" }),
      "a Nuxt client plugin: initialise Amplitude once, when the app starts in the browser")
  end,

  verify = function(s)
    local inits, total = browser.existing_inits(s)
    local srv = browser.server_init(inits, server_only)
    if srv then return false, "the browser SDK is initialised in server-only code (" .. srv .. ")" end
    return browser.verify(s, inits, total, KEY_VAR, ENV_FILES)
  end,
}
