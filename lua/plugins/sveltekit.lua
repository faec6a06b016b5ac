-- sveltekit: Amplitude for SvelteKit apps. The one init goes into the client hooks
-- (src/hooks.client.ts or .js, created when the app has none): SvelteKit runs that module
-- once, in the browser, when the app starts, and never on the server, so server rendering
-- never touches the browser SDK. Amplitude's SvelteKit guide initialises there too
-- (amplitude/wizard skills/integration/integration-sveltekit/references/EXAMPLE.md).
--
-- The key is PUBLIC_AMPLITUDE_API_KEY in .env, read through $env/dynamic/public. Amplitude's
-- guide reads $env/static/public instead; a static import of a variable that is not set
-- fails the build ("is not exported by $env/static/public"), so a clone without the
-- git-ignored .env (a teammate, a CI job) could not build. The dynamic module gives
-- undefined there, and the guarded init does nothing.
local js = import("js")
local browser = import("browser")

local ENV_MODULE = "$env/dynamic/public"
local KEY_VAR, URL_VAR = "PUBLIC_AMPLITUDE_API_KEY", "PUBLIC_AMPLITUDE_SERVER_URL"
local ENV_FILE = ".env"
-- the env files SvelteKit reads (Vite's loadEnv, every mode)
local ENV_FILES = { ".env", ".env.local", ".env.production", ".env.production.local",
                    ".env.development", ".env.development.local" }
local HOOKS = { "src/hooks.client.ts", "src/hooks.client.js" }

-- files whose code runs only on the server: an init there would run on every request
local function server_only(path)
  return string.match(path, "%.server%.[cm]?[jt]s$") or string.match(path, "^src/hooks%.server%.")
    or string.match(path, "/lib/server/")
end

-- sv writes tsconfig.json for TypeScript and jsconfig.json for JS with JSDoc types (which
-- also lists typescript, for checkJs)
local function ts_project(s)
  if s:exists("tsconfig.json") then return true end
  if s:exists("jsconfig.json") then return false end
  return js.dep(s, "typescript") ~= nil
end

return {
  name = "sveltekit", version = "1.0.0", abi = "1.2",
  frameworks = { "sveltekit" }, priority = 15,
  description = "Amplitude Browser SDK initialised in SvelteKit's client hooks",

  detect = function(s)
    if not s:exists("package.json") then return end
    local kit = js.dep(s, "@sveltejs/kit")
    if not kit then return end
    local hooks = s:find_first(HOOKS)
    return "sveltekit", "package.json has @sveltejs/kit " .. kit ..
      (hooks and (" and " .. hooks .. " exists") or "")
  end,

  plan = function(s)
    local inits = browser.existing_inits(s)
    browser.refuse_server_init(inits, server_only)
    local sdk = browser.plan_common(s, inits, ENV_FILE, ENV_FILES, KEY_VAR, URL_VAR)
    if #inits > 0 then return end
    local clause, init = browser.init_code(sdk, "env." .. KEY_VAR, "env." .. URL_VAR, s:get("zone"),
      "One init for the whole app: the client hooks run once, in the browser, when the app starts.")
    local hooks = s:find_first(HOOKS)
    if hooks then
      local src = s:read(hooks)
      src = assert(s:edit_import(hooks, src, sdk, clause))
      src = assert(s:edit_import(hooks, src, ENV_MODULE, "{ env }"))
      src = assert(s:edit_insert(hooks, src, "after-imports", init))
      s:replace(hooks, src, "initialise Amplitude once, when the app starts in the browser")
    else
      hooks = ts_project(s) and HOOKS[1] or HOOKS[2]
      s:create(hooks, browser.new_module(s, { { sdk, clause }, { ENV_MODULE, "{ env }" } }, init,
          { "svelte.config.js", "vite.config.ts", "vite.config.js", "src/routes/+layout.svelte",
            "src/routes/+page.svelte" }),
        "SvelteKit's client hooks: initialise Amplitude once, when the app starts in the browser")
    end
  end,

  verify = function(s)
    local inits, total = browser.existing_inits(s)
    local srv = browser.server_init(inits, server_only)
    if srv then return false, "the browser SDK is initialised in server-only code (" .. srv .. ")" end
    return browser.verify(s, inits, total, KEY_VAR, ENV_FILES, { "src/app.html" })
  end,
}
