-- Amplitude for FastAPI apps: <package>/amplitude.py holds the one client; the file that
-- creates the app gets an HTTP middleware (one event per request) and a shutdown handler
-- that flushes (flush, not shutdown: a test suite runs startup/shutdown once per TestClient
-- in one process). The key is read the project's way: a pydantic BaseSettings field bound
-- to AMPLITUDE_API_KEY when the project has settings (pydantic reads .env into the
-- settings only, not into os.environ), else os.environ.
local text = import("text")
local py = import("python")

local MODULE = [[
"""Amplitude analytics: the one client, created once, used by the HTTP middleware and
flushed by the shutdown handler in {{APP_FILE}}.

The key comes from {{KEY_FROM}},
never from source. Without a key nothing is sent.
"""

import uuid
{{STD_IMPORTS}}
from amplitude import Amplitude, BaseEvent, Config
{{LOCAL_IMPORTS}}

def _create_client():
{{READ_SETTINGS}}    if not api_key:
        return None
    # a 1 s flush interval: the SDK's sender thread delays the exit that long after an event
    configuration = {{CONFIG}}
    return Amplitude(api_key, configuration=configuration)


client = _create_client()


_COOKIE = "amp_device_id"


def _device_id(request):
    """The visitor's id: a first-party cookie the middleware sets (Amplitude counts devices,
    and one id per host or per IP would make every visitor one). Returns (id, new)."""
    value = request.cookies.get(_COOKIE, "")
    if 5 <= len(value) <= 64 and value.replace("-", "").isalnum():
        return value, False
    return uuid.uuid4().hex, True


def track_request(request, response):
    """One event per request the app's own routes handle (no static mounts, 404s,
    preflights or HEAD), named by the route pattern, never the raw URL."""
    route = request.scope.get("route")
    if (client is None or route is None or getattr(route, "methods", None) is None
            or request.method in ("OPTIONS", "HEAD") or response.status_code == 404):
        return
    device_id, new = _device_id(request)
    if new:
        response.set_cookie(_COOKIE, device_id, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
    client.track(BaseEvent(
        "Request Handled",
        device_id=device_id,
        event_properties={
            "method": request.method,
            "route": route.path,
            "status_code": response.status_code,
        },
    ))


def track(request, event_type, event_properties=None):
    """Tracks one of the app's own events for the visitor of `request`, e.g.
    track(request, "Summary Created", {"words": 300})."""
    if client is not None:
        client.track(BaseEvent(event_type, device_id=_device_id(request)[0],
                               event_properties=event_properties or {}))


def flush_events():
    """Sends what is buffered (the client stays usable: tests restart the app in one process)."""
    if client is not None:
        client.flush()
]]

local HOOKS = [[


@{{APP}}.middleware("http")
async def amplitude_middleware(request, call_next):
    response = await call_next(request)
    track_request(request, response)
    return response
]]

local SHUTDOWN = [[


@{{APP}}.on_event("shutdown")
def amplitude_shutdown():
    flush_events()
]]

-- The file creating the app ("app = FastAPI(...)"); main.py files first.
local function find_app(s)
  local best
  for _, f in ipairs(py.sources(s)) do
    local t = s:read(f)
    if t and t:find("\n[%w_]+%s*=%s*FastAPI%(") then
      if f:find("main%.py$") then return f end
      best = best or f
    end
  end
  return best
end

-- A pydantic BaseSettings class: file, class name, v2?, getter ("get_settings" or an instance).
local function find_settings(s)
  for _, f in ipairs(py.sources(s)) do
    local t = s:read(f)
    if t then
      local cls = t:match("\nclass%s+([%w_]+)%(%s*BaseSettings%s*%)%s*:")
      if cls then
        local v2 = t:find("from%s+pydantic_settings%s+import") ~= nil
        local getter = t:match("\ndef%s+([%w_]+)%s*%([^)]*%)[^:\n]*:%s*\n%s+return%s+" .. cls .. "%(")
        local inst = t:match("\n([%w_]+)%s*=%s*" .. cls .. "%(%)")
        return { file = f, cls = cls, v2 = v2, getter = getter, instance = inst, src = t }
      end
    end
  end
  return nil
end

-- Adds amplitude_api_key / amplitude_server_url fields bound to the exact variable names
-- (an env_prefix would otherwise rename them) at the end of the class's fields.
local function add_settings_fields(st, style)
  local src = st.src
  if src:find("\n%s+amplitude_api_key%s*:") then return src end
  local lines = text.lines(src)
  local start
  for i, l in ipairs(lines) do
    if l:find("^class%s+" .. st.cls .. "%(") then start = i break end
  end
  local d = { last = start }
  local ind = style.indent
  -- the last field line of the class body, before a nested class Config / model_config
  for j = start + 1, #lines do
    local l = lines[j]
    if l:find("%S") and not l:find("^[ \t]") then break end
    if l:find("^" .. ind .. "class%s") or l:find("^" .. ind .. "model_config") or l:find("^" .. ind .. "def%s")
      or l:find("^" .. ind .. "@") then break end
    if l:find("%S") then d.last = j end
  end
  local bind = st.v2 and "validation_alias" or "env"
  local q = style.quote
  local add = ind .. "# Amplitude analytics: bound to the exact variable names (no prefix).\n"
    .. ind .. "amplitude_api_key: str = Field(" .. q .. q .. ", " .. bind .. "=" .. q .. py.KEY_VAR .. q .. ")\n"
    .. ind .. "amplitude_server_url: str = Field(" .. q .. q .. ", " .. bind .. "=" .. q .. py.URL_VAR .. q .. ")\n"
  if d.last > start then add = "\n" .. add end
  py.insert_lines(lines, d.last + 1, add)
  local new = py.join(lines)
  local changed
  new, changed = py.add_from_name(new, "pydantic", "Field")
  if not changed then new = py.add_import(new, "from pydantic import Field", "pydantic") end
  return new
end

return {
  name = "fastapi", version = "1.0.0", abi = "1.1",
  frameworks = { "fastapi" }, priority = 60,
  description = "Amplitude for FastAPI: an HTTP middleware and a shutdown flush (amplitude-analytics)",

  detect = function(s)
    local ev = py.detect_framework(s, "fastapi", "fastapi")
    if ev then return "fastapi", ev end
  end,

  plan = function(s)
    py.plan_dependency(s)
    py.plan_env(s)
    local app_file = find_app(s)
    if not app_file then error("could not find the FastAPI app (app = FastAPI(...))") end
    local module = py.module_beside(app_file)
    local other = py.existing_setup(s, module)
    if other and not s:exists(module) then
      s:log("info", other .. " already uses the Amplitude SDK: its setup is left as it is")
      return
    end
    local src = s:read(app_file)
    local style = py.style(src)
    local st = find_settings(s)
    local vars = { APP_FILE = app_file }
    if st then
      local smod = py.dotted(st.file)
      local how
      if st.getter then
        vars.LOCAL_IMPORTS = "\nfrom " .. smod .. " import " .. st.getter .. "\n"
        how = st.getter .. "()"
      elseif st.instance then
        vars.LOCAL_IMPORTS = "\nfrom " .. smod .. " import " .. st.instance .. "\n"
        how = st.instance
      else
        vars.LOCAL_IMPORTS = "\nfrom " .. smod .. " import " .. st.cls .. "\n"
        how = st.cls .. "()"
      end
      vars.STD_IMPORTS = ""
      vars.LOAD_ENV = "" -- pydantic reads .env into the settings itself
      vars.KEY_FROM = st.cls .. ".amplitude_api_key (AMPLITUDE_API_KEY, or .env via pydantic)"
      vars.READ_SETTINGS = "    settings = " .. how .. "\n    api_key = settings.amplitude_api_key\n"
      vars.CONFIG = py.config_expr(s, "settings.amplitude_server_url")
      local new = add_settings_fields(st, py.style(st.src))
      if new ~= st.src then
        s:replace(st.file, new, "settings fields for AMPLITUDE_API_KEY and AMPLITUDE_SERVER_URL")
      end
    else
      vars.STD_IMPORTS = "import os\n"
      vars.LOCAL_IMPORTS = ""
      vars.LOAD_ENV = "\n" .. py.env_loader(module) .. "\n"
      vars.KEY_FROM = "the environment (AMPLITUDE_API_KEY, loaded from .env)"
      vars.READ_SETTINGS = "    api_key = os.environ.get(\"AMPLITUDE_API_KEY\")\n"
      vars.CONFIG = py.config_expr(s, "os.environ.get(\"AMPLITUDE_SERVER_URL\")")
    end
    s:create(module, py.render(MODULE, style, vars), "the Amplitude client, request tracking and flush")

    if text.contains(src, "track_request(request") then return end
    local app = src:match("\n([%w_]+)%s*=%s*FastAPI%(")
    local mod = py.dotted(module)
    local new = py.add_import(src, "from " .. mod .. " import flush_events, track_request", mod)
    local hooks = py.render(HOOKS, style, { APP = app })
    local lifespan = src:find("FastAPI%([^)]*lifespan%s*=")
    if lifespan then
      -- with lifespan=, on_event handlers do not run: flush after the lifespan's yield
      local lines = text.lines(new)
      for i, l in ipairs(lines) do
        local ind = l:match("^([ \t]+)yield%f[%W]")
        if ind then
          table.insert(lines, i + 1, ind .. "flush_events()")
          break
        end
      end
      new = py.join(lines)
    else
      hooks = hooks .. py.render(SHUTDOWN, style, { APP = app })
    end
    local lines = text.lines(new)
    local guard = py.find_main_guard(lines)
    if guard then
      py.insert_lines(lines, guard, hooks:gsub("^\n\n", "") .. "\n\n")
      new = py.join(lines)
    else
      new = new:gsub("\n*$", "\n") .. hooks
    end
    s:replace(app_file, new, "track each request and flush on shutdown")
  end,

  verify = function(s)
    local app_file = find_app(s)
    if not app_file then return false, "no FastAPI app found" end
    local module = py.module_beside(app_file)
    if not s:exists(module) then return py.verify(s, {}) end
    return py.verify(s, {
      { module, "def track_request", "the request tracking" },
      { app_file, "track_request(request", "the Amplitude middleware" },
      { app_file, "flush_events()", "the flush on shutdown" },
    })
  end,
}
