-- angular: Amplitude for Angular apps (the application builder, standalone bootstrap or
-- NgModule). The one init goes into src/main.ts before bootstrap: the browser entry runs once
-- per page load, and Angular's server entry (main.server.ts) never imports it.
--
-- The key: Angular reads no env file, and its environment files are committed source. As
-- Amplitude's Angular example does (amplitude/wizard skills/integration/integration-angular/
-- references/EXAMPLE.md: NG_APP_AMPLITUDE_API_KEY in .env, "environment files generated from
-- .env at build time"), NG_APP_AMPLITUDE_API_KEY goes into the git-ignored .env, and a small
-- script the plan adds, scripts/amplitude-env.mjs, writes it (or the variable from the
-- environment) into src/environments/amplitude.env.ts, git-ignored too; setup writes that
-- module for this run's key. A fresh clone runs the script once before `ng build` (the build
-- fails loudly, naming the module, until it does). Neither angular.json nor package.json's
-- scripts change: the host lets no plugin edit the commands a project runs.
local text = import("text")
local js = import("js")
local browser = import("browser")

local KEY_VAR, URL_VAR = "NG_APP_AMPLITUDE_API_KEY", "NG_APP_AMPLITUDE_SERVER_URL"
local ENV_FILE = ".env"
local ENV_FILES = { ".env" }
local SCRIPT = "scripts/amplitude-env.mjs"
local GENERATED = "src/environments/amplitude.env.ts"
local GEN_MODULE = "./environments/amplitude.env"

-- the generator: .env is read with Node's own loader (no dependency); the environment wins
local SCRIPT_TEXT = [[
// Writes src/environments/amplitude.env.ts (git-ignored) from NG_APP_AMPLITUDE_API_KEY and
// NG_APP_AMPLITUDE_SERVER_URL: the environment first, then .env. Run it after a clone and
// after changing .env, before `ng serve` / `ng build` (in CI too). Added by ampli-wizard.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

if (existsSync('.env')) {
  const before = { ...process.env };
  process.loadEnvFile('.env');
  Object.assign(process.env, before);
}
const env = {
  apiKey: process.env.NG_APP_AMPLITUDE_API_KEY ?? '',
  serverUrl: process.env.NG_APP_AMPLITUDE_SERVER_URL ?? '',
};
mkdirSync('src/environments', { recursive: true });
writeFileSync('src/environments/amplitude.env.ts',
  '// Written by scripts/amplitude-env.mjs from NG_APP_AMPLITUDE_* (.env or the environment). Git-ignored.\n' +
  'export const amplitudeEnv = ' + JSON.stringify(env) + ';\n');
]]

-- a JSON string (what JSON.stringify writes for the plain characters of a key or a URL)
local function json_str(v)
  return '"' .. string.gsub(v or "", '[%c"\\]', function(c) return string.format("\\u%04x", string.byte(c)) end) .. '"'
end

-- the generated module as the script writes it, for the values of this run
local function generated(key, url)
  return "// Written by scripts/amplitude-env.mjs from NG_APP_AMPLITUDE_* (.env or the environment). Git-ignored.\n" ..
    "export const amplitudeEnv = {\"apiKey\":" .. json_str(key) .. ",\"serverUrl\":" .. json_str(url) .. "};\n"
end

local function bootstraps(src)
  return string.find(src, "bootstrapApplication%s*%(") or string.find(src, "bootstrapModule%s*%(")
end

return {
  name = "angular", version = "1.0.0", abi = "1.3",
  frameworks = { "angular" }, priority = 13,
  description = "Amplitude Browser SDK in Angular's src/main.ts, the key from .env through a generated module",

  detect = function(s)
    if not s:exists("package.json") then return end
    local ng = js.dep(s, "@angular/core")
    if not ng then return end
    return "angular", "package.json has @angular/core " .. ng .. (s:exists("angular.json") and " and angular.json exists" or "")
  end,

  plan = function(s)
    local main = "src/main.ts"
    local src = s:read(main)
    if not src or not bootstraps(src) then
      error("src/main.ts does not bootstrap the app (bootstrapApplication or bootstrapModule): add the init " ..
        "where your app starts, by hand")
    end
    local inits = browser.existing_inits(s)
    local sdk = browser.plan_common(s, inits, ENV_FILE, ENV_FILES, KEY_VAR, URL_VAR)
    if #inits > 0 then return end
    local ingest = s:get("ingest_url")
    s:create(SCRIPT, SCRIPT_TEXT, "writes src/environments/amplitude.env.ts from .env before ng serve / ng build " ..
      "(Angular reads no env file)")
    s:create(GENERATED, generated(s:get("api_key"), text.custom_ingest(ingest) and ingest or ""),
      "the key for the browser, generated from .env (git-ignored; rewritten by " .. SCRIPT .. ")")
    s:gitignore(GENERATED)
    s:next_step("After a fresh clone (and in CI), run node " .. SCRIPT .. " before ng build: it writes " ..
      GENERATED .. " (git-ignored) from .env or the environment")
    local clause, init = browser.init_code(sdk, "amplitudeEnv.apiKey", "amplitudeEnv.serverUrl", s:get("zone"),
      "One init for the whole app, before it bootstraps: main.ts runs once, in the browser.\n" ..
      "// amplitudeEnv comes from .env: node " .. SCRIPT .. " writes it (git-ignored; run it after a clone).")
    src = assert(s:edit_import(main, src, sdk, clause))
    src = assert(s:edit_import(main, src, GEN_MODULE, "{ amplitudeEnv }"))
    src = assert(s:edit_insert(main, src, "after-imports", init))
    s:replace(main, src, "initialise Amplitude once, before the app bootstraps")
  end,

  verify = function(s)
    local inits, total = browser.existing_inits(s)
    -- the key belongs in the generated module (git-ignored) and .env; anywhere else it leaks
    if not s:exists(GENERATED) then return false, GENERATED .. " is missing: run node " .. SCRIPT end
    return browser.verify(s, inits, total, KEY_VAR, ENV_FILES, {}, { [GENERATED] = true })
  end,
}
