-- Amplitude for Flask apps: an extension object in <package>/amplitude.py whose init_app(app)
-- is called in the application factory (or beside a module-level app). It creates the one
-- client on first use and registers an after_request hook tracking the requests the app's
-- own views handle, by route pattern, for a visitor id kept in a first-party cookie; the SDK
-- batches and sends the rest at exit (its threading exit hook), so no flush per request.
local text = import("text")
local py = import("python")

local MODULE = [[
"""Amplitude analytics as a Flask extension: init_app(app) creates the one client (on the
first call: tests and factories may build many apps) and tracks one event per request.

The key comes from the environment (AMPLITUDE_API_KEY, e.g. from .env), never from
source. Without a key nothing is sent.
"""

import os
import uuid

from amplitude import Amplitude, BaseEvent, Config
from flask import request

{{LOAD_ENV}}

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
        # only requests the app's own views handle (no static files, 404s, preflights or
        # HEAD), named by their route pattern, never the raw URL
        rule = request.url_rule
        if (self.client is None or rule is None or request.endpoint == "static"
                or request.method in ("OPTIONS", "HEAD") or response.status_code == 404):
            return response
        device_id, new = _device_id()
        if new:
            response.set_cookie(_COOKIE, device_id, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
        self.client.track(BaseEvent(
            "Request Handled",
            user_id=_user_id(),
            device_id=device_id,
            event_properties={
                "method": request.method,
                "route": rule.rule,
                "endpoint": request.endpoint,
                "status_code": response.status_code,
            },
        ))
        return response

    def track(self, event_type, event_properties=None):
        """Tracks one of the app's own events for the current visitor, e.g.
        analytics.track("Post Published", {"length": 120})."""
        if self.client is not None:
            self.client.track(BaseEvent(event_type, user_id=_user_id(), device_id=_device_id()[0],
                                        event_properties=event_properties or {}))


_COOKIE = "amp_device_id"


def _user_id():
    """The signed-in user's id when the app uses Flask-Login (current_user), else None:
    Amplitude then counts a person once across their devices."""
    try:
        from flask_login import current_user
    except ImportError:
        return None
    try:
        if current_user.is_authenticated:
            uid = current_user.get_id()
            return str(uid) if uid is not None else None
    except AttributeError:  # Flask-Login installed, but no LoginManager on this app
        pass
    return None


def _device_id():
    """The visitor's id: a first-party cookie the extension sets (Amplitude counts devices,
    and one id per host or per IP would make every visitor one). Returns (id, new)."""
    value = request.cookies.get(_COOKIE, "")
    if 5 <= len(value) <= 64 and value.replace("-", "").isalnum():
        return value, False
    return uuid.uuid4().hex, True


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
      -- Flask-Login ids ("1", "42") are user ids, below HTTP V2's default minimum length of 5:
      -- Config(min_id_length=...) of amplitude/Amplitude-Python src/amplitude/config.py
      CONFIG = py.config_expr(s, "os.environ.get(\"AMPLITUDE_SERVER_URL\")", "min_id_length=1"),
      LOAD_ENV = py.env_loader(module),
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
