-- Amplitude for Flask apps: an extension object in <package>/amplitude.py whose init_app(app)
-- is called in the application factory (or beside a module-level app). It creates the one
-- client on first use and registers an after_request hook tracking one event per request,
-- flushed at once (the dev server runs no shutdown hook, and atexit is too late).
local text = import("text")
local py = import("python")

local MODULE = [[
"""Amplitude analytics as a Flask extension: init_app(app) creates the one client (on the
first call: tests and factories may build many apps) and tracks one event per request.

The key comes from the environment (AMPLITUDE_API_KEY, e.g. from .env), never from
source. Without a key nothing is sent.
"""

import hashlib
import os

from amplitude import Amplitude, BaseEvent, Config
from flask import request


class AmplitudeExtension:
    def __init__(self, app=None):
        self.client = None
        if app is not None:
            self.init_app(app)

    def init_app(self, app):
        if self.client is None:
            api_key = os.environ.get("AMPLITUDE_API_KEY")
            if api_key:
                # a 1 s flush interval: the SDK's sender thread delays the exit that long after an event
                configuration = {{CONFIG}}
                self.client = Amplitude(api_key, configuration=configuration)
        app.extensions["amplitude"] = self
        app.after_request(self._track)

    def _track(self, response):
        if self.client is not None:
            seed = (request.remote_addr or "") + "|" + request.headers.get("User-Agent", "")
            self.client.track(BaseEvent(
                "Request Handled",
                # a stable id per browser: Amplitude wants one of 5+ characters
                device_id=hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32],
                event_properties={
                    "method": request.method,
                    "path": request.path,
                    "endpoint": request.endpoint,
                    "status_code": response.status_code,
                },
            ))
            # Send now: the development server stops without an app shutdown hook, and
            # an atexit flush loses events on Python >= 3.9.
            self.client.flush()
        return response


analytics = AmplitudeExtension()
]]

-- The file that builds the app: a create_app() factory first, else "app = Flask(...)".
local function find_app(s)
  local factory, module_level
  for _, f in ipairs(py.sources(s)) do
    local t = s:read(f)
    if t and py.imports_module(t, "flask") then
      if not factory and t:find("\ndef%s+create_app%s*%(") then factory = f end
      if not module_level and t:find("\n([%w_]+)%s*=%s*Flask%(") then module_level = f end
    end
  end
  if factory then return factory, "factory" end
  if module_level then return module_level, "module" end
  return nil
end

-- Adds "analytics.init_app(<app>)" to the factory before its last "return <app>", or
-- after the module-level "app = Flask(...)" statement. Returns text or nil, why.
local function wire(src, kind, ind)
  local lines = text.lines(src)
  if kind == "factory" then
    local d = py.find_def(lines, "create_app")
    if not d then return nil, "no create_app()" end
    for j = d.last, d.line, -1 do
      local bi, var = lines[j]:match("^([ \t]+)return%s+([%w_]+)%s*$")
      if var then
        local add = bi .. "analytics.init_app(" .. var .. ")\n"
        if lines[j - 1] == "" then add = add .. "\n" end
        py.insert_lines(lines, j, add)
        return py.join(lines)
      end
    end
    return nil, "create_app() has no 'return app' line"
  end
  for i, l in ipairs(lines) do
    local var = l:match("^([%w_]+)%s*=%s*Flask%(")
    if var then
      local j = i
      local depth = 0
      repeat
        local _, o = lines[j]:gsub("%(", "")
        local _, c = lines[j]:gsub("%)", "")
        depth = depth + o - c
        if depth > 0 then j = j + 1 end
      until depth <= 0 or j > #lines
      table.insert(lines, j + 1, "analytics.init_app(" .. var .. ")")
      return py.join(lines)
    end
  end
  return nil, "no 'app = Flask(...)'"
end

return {
  name = "flask", version = "1.0.0", abi = "1.1",
  frameworks = { "flask" }, priority = 50,
  description = "Amplitude for Flask: an extension with an after_request hook (amplitude-analytics)",

  detect = function(s)
    local ev = py.detect_framework(s, "flask", "flask")
    if ev then return "flask", ev end
  end,

  plan = function(s)
    py.plan_dependency(s)
    py.plan_env(s)
    local app_file, kind = find_app(s)
    if not app_file then error("could not find the Flask app (create_app() or app = Flask(...))") end
    local module = py.module_beside(app_file)
    local other = py.existing_setup(s, module)
    if other and not s:exists(module) then
      s:log("info", other .. " already uses the Amplitude SDK: its setup is left as it is")
      return
    end
    local src = s:read(app_file)
    local style = py.style(src)
    s:create(module, py.render(MODULE, style, {
      CONFIG = py.config_expr(s, "os.environ.get(\"AMPLITUDE_SERVER_URL\")"),
    }), "the Amplitude extension: one client, one event per request")
    if text.contains(src, "analytics.init_app(") then return end
    local mod = py.dotted(module)
    local new = py.add_import(src, "from " .. mod .. " import analytics", mod)
    local why
    new, why = wire(new, kind, style.indent)
    if not new then error(app_file .. ": " .. why .. "; call analytics.init_app(app) yourself") end
    s:replace(app_file, new, "initialise the Amplitude extension with the app")
  end,

  verify = function(s)
    local app_file = find_app(s)
    if not app_file then return false, "no Flask app found" end
    local module = py.module_beside(app_file)
    if not s:exists(module) then return py.verify(s, {}) end
    return py.verify(s, {
      { module, "def init_app", "the Amplitude extension" },
      { app_file, "analytics.init_app(", "the call to analytics.init_app(app)" },
    })
  end,
}
