-- Amplitude for Django projects: a small module beside the settings (one client, created
-- once) with a middleware appended to MIDDLEWARE that tracks the requests the project's own
-- views handle, by route pattern, for a visitor id kept in a first-party cookie; the SDK
-- batches and sends the rest at exit (its threading exit hook), so no flush per request. The key is read in settings.py the way the
-- project reads its other settings (os.environ, or django-environ's env()).
local text = import("text")
local py = import("python")

local MODULE = [[
"""Amplitude analytics for this project: one client, created once, and a middleware
(listed last in settings.MIDDLEWARE) that tracks one event per handled request.

The key comes from settings.AMPLITUDE_API_KEY, read from the environment (.env), never
from source. Without a key nothing is sent.
"""

import uuid

from amplitude import Amplitude, BaseEvent, Config
from django.conf import settings


def _create_client():
    api_key = getattr(settings, "AMPLITUDE_API_KEY", "")
    if not api_key:
        return None
    # a 1 s flush interval: the SDK's sender thread delays the exit that long after an event
    configuration = {{CONFIG}}
    return Amplitude(api_key, configuration=configuration)


client = _create_client()


_COOKIE = "amp_device_id"


def _user_id(request):
    """The signed-in user's id (django.contrib.auth sets request.user), or None for a visitor:
    Amplitude then counts a person once across their devices."""
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False) and getattr(user, "pk", None) is not None:
        return str(user.pk)
    return None


def _device_id(request):
    """The visitor's id: a first-party cookie this middleware sets (Amplitude counts devices,
    and one id per host or per IP would make every visitor one). Returns (id, new)."""
    value = request.COOKIES.get(_COOKIE, "")
    if 5 <= len(value) <= 64 and value.replace("-", "").isalnum():
        return value, False
    return uuid.uuid4().hex, True


class AmplitudeMiddleware:
    """Tracks the requests the project's own views handle (no static files, 404s,
    preflights or HEAD), named by their route pattern, never the raw URL. The SDK batches
    the events and sends what is left when the process exits."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if client is None or match is None or request.method in ("OPTIONS", "HEAD") or response.status_code == 404:
            return response
        device_id, new = _device_id(request)
        if new:
            response.set_cookie(_COOKIE, device_id, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
        client.track(BaseEvent(
            "Request Handled",
            user_id=_user_id(request),
            device_id=device_id,
            event_properties={
                "method": request.method,
                "route": "/" + (match.route or "").lstrip("^"),
                "view": match.view_name,
                "status_code": response.status_code,
            },
        ))
        return response


def track(request, event_type, event_properties=None):
    """Tracks one of the project's own events for the visitor of `request`, e.g.
    track(request, "Plan Upgraded", {"plan": "pro"})."""
    if client is not None:
        client.track(BaseEvent(event_type, user_id=_user_id(request), device_id=_device_id(request)[0],
                               event_properties=event_properties or {}))
]]

-- The settings file that defines MIDDLEWARE: DJANGO_SETTINGS_MODULE from manage.py /
-- wsgi.py / asgi.py ("saas.settings"), or, for split settings ("config.settings.local"
-- doing "from .base import *"), the sibling file that defines it. Returns path, dotted.
local function settings_file(s)
  local function defining(path, dotted)
    local t = s:read(path)
    if t and (t:find("\nMIDDLEWARE%s*=") or t:find("^MIDDLEWARE%s*=")) then return path, dotted end
    local dir = py.dirname(path)
    for _, f in ipairs(s:list((dir ~= "" and dir .. "/" or "") .. "*.py")) do
      local ft = s:read(f)
      if ft and (ft:find("\nMIDDLEWARE%s*=") or ft:find("^MIDDLEWARE%s*=")) then return f, py.dotted(f) end
    end
    return path, dotted
  end
  for _, f in ipairs({ "manage.py", "wsgi.py", "asgi.py" }) do
    local t = s:read(f)
    local m = t and t:match("DJANGO_SETTINGS_MODULE[\"']%s*,%s*[\"']([%w_%.]+)[\"']")
    if m then
      local path = py.module_file(s, m)
      if path then return defining(path, m) end
    end
  end
  for _, f in ipairs(s:list("*/settings.py")) do return defining(f, py.dotted(f)) end
  for _, f in ipairs(s:list("**/settings.py")) do return defining(f, py.dotted(f)) end
  return nil
end

-- The name of the project's django-environ Env() object ("env = environ.Env()"), or nil.
local function env_var_name(src)
  return src:match("\n([%w_]+)%s*=%s*environ%.Env%(") or src:match("^([%w_]+)%s*=%s*environ%.Env%(")
end

-- How settings load .env before reading the key (nothing else does when the project starts
-- with manage.py runserver): django-environ's read_env on the root's .env (its own
-- environ.Path idiom) unless the settings call read_env already, else python-dotenv.
local function env_loading(src, settings_path)
  if not env_var_name(src) then return (py.env_loader(settings_path):gsub("\n$", "")) end
  if text.contains(src, "read_env(") then return nil end
  local up = select(2, settings_path:gsub("/", "")) + 1
  return "environ.Env.read_env((environ.Path(__file__) - " .. up .. ")(\".env\"))"
end

-- The settings lines that read the key and the server URL, in the project's convention,
-- after loading .env.
local function setting_lines(src, have_key, have_url, settings_path)
  local envvar = env_var_name(src)
  local function read(name)
    if envvar then return name .. " = " .. envvar .. "(\"" .. name .. "\", default=\"\")" end
    return name .. " = os.environ.get(\"" .. name .. "\", \"\")"
  end
  local out = { "", "", "# Amplitude analytics: the key comes from the environment (.env), never from source." }
  out[#out + 1] = env_loading(src, settings_path)
  if not have_key then out[#out + 1] = read(py.KEY_VAR) end
  if not have_url then out[#out + 1] = read(py.URL_VAR) end
  return table.concat(out, "\n") .. "\n"
end

-- Appends `entry` to MIDDLEWARE = [ ... ] (or a tuple), in the list's indentation and quotes.
local function add_middleware(src, entry, quote)
  if text.contains(src, quote .. entry .. quote) then return src, true end
  local lines = text.lines(src)
  for i, l in ipairs(lines) do
    if l:find("^MIDDLEWARE%s*=%s*[%[%(]") then
      local open = l:match("^MIDDLEWARE%s*=%s*([%[%(])")
      local close = open == "[" and "]" or ")"
      if l:find("%" .. close .. "%s*$") then
        -- one line: MIDDLEWARE = ["a", "b"]
        local body = l:match("^MIDDLEWARE%s*=%s*%" .. open .. "(.*)%" .. close .. "%s*$")
        local sep = body:find("%S") and (body:find(",%s*$") and " " or ", ") or ""
        lines[i] = l:gsub("%s*%" .. close .. "%s*$", "") .. sep .. quote .. entry .. quote .. (open == "(" and "," or "") .. close
        return py.join(lines), true
      end
      for j = i + 1, #lines do
        if lines[j]:find("^%s*%" .. close) then
          local last = j - 1
          while last > i and not lines[last]:find("[\"']") do last = last - 1 end
          local ind = last > i and py.indent_of(lines[last]) or "    "
          if last > i and not lines[last]:find(",%s*$") and not lines[last]:find(",%s*#") then
            lines[last] = lines[last]:gsub("([\"'])(%s*)$", "%1,%2", 1)
          end
          table.insert(lines, (last > i and last or i) + 1, ind .. quote .. entry .. quote .. ",")
          return py.join(lines), true
        end
      end
    end
  end
  return src, false
end

return {
  name = "django", version = "1.0.0", abi = "1.1",
  frameworks = { "django" }, priority = 40,
  description = "Amplitude for Django: a middleware tracking one event per request (amplitude-analytics)",

  detect = function(s)
    if not py.marker(s) then return end
    if s:exists("manage.py") then
      local t = s:read("manage.py") or ""
      if text.contains(t, "django") or text.contains(t, "DJANGO_SETTINGS_MODULE") then
        return "django", "manage.py at the project root"
      end
    end
    local ev = py.detect_framework(s, "django", "django")
    if ev then return "django", ev end
  end,

  plan = function(s)
    local settings_path, settings_mod = settings_file(s)
    if not settings_path then error("could not find the Django settings module (DJANGO_SETTINGS_MODULE in manage.py)") end
    -- django-environ projects load .env with it; the others get python-dotenv
    py.plan_dependency(s, { no_dotenv = env_var_name(s:read(settings_path) or "") ~= nil })
    py.plan_env(s)
    local pkg = settings_mod:match("^([%w_]+)")
    local module = pkg .. "/amplitude.py"
    local entry = pkg .. ".amplitude.AmplitudeMiddleware"
    local other = py.existing_setup(s, module)
    if other and not s:exists(module) then
      s:log("info", other .. " already uses the Amplitude SDK: its setup is left as it is")
      return
    end
    local src = s:read(settings_path)
    local style = py.style(src)
    s:create(module, py.render(MODULE, style, {
      -- database ids ("1", "42") are user ids, below HTTP V2's default minimum length of 5:
      -- Config(min_id_length=...) of amplitude/Amplitude-Python src/amplitude/config.py
      CONFIG = py.config_expr(s, "getattr(settings, \"AMPLITUDE_SERVER_URL\", \"\")", "min_id_length=1"),
    }), "one Amplitude client and a middleware tracking each request")

    local new = src
    local have_key = new:find("\n" .. py.KEY_VAR .. "%s*=") ~= nil
    local have_url = new:find("\n" .. py.URL_VAR .. "%s*=") ~= nil
    if not have_key or not have_url then
      local block = setting_lines(new, have_key, have_url, settings_path)
      if style.quote == "'" then block = block:gsub('"', "'") end
      new = text.ensure_trailing_newline(new):gsub("\n+$", "\n") .. block
      if not env_var_name(new) and not new:find("\nimport os%f[%W]") and not new:find("^import os%f[%W]") then
        new = py.add_import(new, "import os", "os")
      end
    end
    local ok
    new, ok = add_middleware(new, entry, style.quote)
    if not ok then error("could not find MIDDLEWARE = [...] in " .. settings_path .. ": add '" .. entry .. "' to it yourself") end
    if new ~= src then
      s:replace(settings_path, new, "read AMPLITUDE_API_KEY from the environment; add the Amplitude middleware")
    end
  end,

  verify = function(s)
    local path, mod = settings_file(s)
    if not path then return false, "no settings module" end
    local pkg = mod:match("^([%w_]+)")
    if py.existing_setup(s, pkg .. "/amplitude.py") and not s:exists(pkg .. "/amplitude.py") then
      return py.verify(s, {})
    end
    return py.verify(s, {
      { pkg .. "/amplitude.py", "class AmplitudeMiddleware", "the Amplitude middleware" },
      { path, pkg .. ".amplitude.AmplitudeMiddleware", "the middleware in MIDDLEWARE" },
      { path, py.KEY_VAR, "the AMPLITUDE_API_KEY setting" },
    })
  end,
}
