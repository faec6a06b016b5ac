-- Amplitude for plain Python programs (no web framework): a module beside the entry point's
-- main function holds the one client; a decorator on main() creates it when main() ends
-- (after main() loaded .env, if it does), tracks one event for the run and flushes while
-- the interpreter still runs (an atexit flush loses events on Python >= 3.9), on every
-- return path and on exceptions.
local text = import("text")
local py = import("python")

local MODULE = [[
"""Amplitude analytics for this program: one client, created once, and one event per run
of the entry point, sent before the entry point returns.

The key comes from the environment (AMPLITUDE_API_KEY, e.g. from .env), never from
source. Without a key nothing is sent.
"""

import functools
import hashlib
import os
import sys
import uuid

from amplitude import Amplitude, BaseEvent, Config

{{LOAD_ENV}}
_client = None


def get_client():
    """The program's one client, created on first use (None without AMPLITUDE_API_KEY)."""
    global _client
    if _client is None:
        api_key = os.environ.get("AMPLITUDE_API_KEY")
        if api_key:
            # a 1 s flush interval: the SDK's sender thread delays the exit that long after an event
            configuration = {{CONFIG}}
            _client = Amplitude(api_key, configuration=configuration)
    return _client


def track_run(main):
    """Decorates the entry point: when it returns or raises, tracks one "Command Run"
    event with its exit status and flushes it (the SDK's sender thread then holds the
    program's exit for at most flush_interval_millis, hence a short one)."""

    @functools.wraps(main)
    def run(*args, **kwargs):
        status = 1
        try:
            result = main(*args, **kwargs)
            status = 0 if result is None else result
            return result
        except SystemExit as e:
            status = 0 if e.code is None else e.code
            raise
        finally:
            client = get_client()
            if client is not None:
                client.track(BaseEvent(
                    "Command Run",
                    # a stable id per machine: Amplitude wants one of 5+ characters
                    device_id=hashlib.sha256(str(uuid.getnode()).encode("utf-8")).hexdigest()[:32],
                    event_properties={
                        "command": os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "python",
                        "exit_status": status if isinstance(status, int) else 1,
                    },
                ))
                client.flush()

    return run
]]

-- Entry scripts: root files with a __main__ guard (main.py, __main__.py, cli.py, app.py
-- first), then package __main__.py files.
local function entry_scripts(s)
  local out, seen = {}, {}
  local function add(f)
    if f and not seen[f] then
      local t = s:read(f)
      if t and py.find_main_guard(text.lines(t)) then out[#out + 1] = f end
      seen[f] = true
    end
  end
  for _, f in ipairs({ "main.py", "__main__.py", "cli.py", "app.py", "run.py" }) do
    if s:exists(f) then add(f) end
  end
  for _, f in ipairs(s:list("*.py")) do add(f) end
  for _, f in ipairs(s:list("*/__main__.py")) do add(f) end
  for _, f in ipairs(s:list("*/*/__main__.py")) do add(f) end
  return out
end

-- The entry point's main function: { file, name } found from the __main__ guard's calls,
-- defined in the script itself or imported into it from a project module.
local function find_entry(s)
  for _, script in ipairs(entry_scripts(s)) do
    local src = s:read(script)
    local lines = text.lines(src)
    local g = py.find_main_guard(lines)
    for j = g + 1, #lines do
      local l = lines[j]
      if l:find("%S") and not l:find("^[ \t]") then break end
      for name in l:gmatch("([%a_][%w_]*)%s*%(") do
        if py.find_def(lines, name) and lines[py.find_def(lines, name).line]:find("^def ") then
          return { file = script, name = name }
        end
        for _, il in ipairs(lines) do
          local mod, names = il:match("^from%s+([%w_%.]+)%s+import%s+(.+)$")
          if mod and (" " .. names:gsub(",", " ") .. " "):find("%s" .. name .. "%s") then
            local target = py.module_file(s, mod)
            local tsrc = target and s:read(target)
            local d = tsrc and py.find_def(text.lines(tsrc), name)
            if d and d.indent == "" then return { file = target, name = name } end
          end
        end
      end
    end
  end
  return nil
end

return {
  name = "python", version = "1.0.0", abi = "1.1",
  frameworks = { "python" }, priority = 80,
  description = "Amplitude for Python programs: one event per run of the entry point (amplitude-analytics)",

  detect = function(s)
    local m = py.marker(s)
    if m then return "python", m .. " at the project root" end
  end,

  plan = function(s)
    py.plan_dependency(s)
    py.plan_env(s)
    local entry = find_entry(s)
    if not entry then
      error("could not find the program's entry point (a main() called under if __name__ == \"__main__\")")
    end
    local module = py.module_beside(entry.file)
    local other = py.existing_setup(s, module)
    if other and not s:exists(module) then
      s:log("info", other .. " already uses the Amplitude SDK: its setup is left as it is")
      return
    end
    local src = s:read(entry.file)
    -- a program that serves HTTP until it is stopped (http.server, socketserver, wsgiref)
    -- would send its one run event only at shutdown: refused, with the reason, before
    -- anything is written
    local code = src:gsub("#[^\n]*", "")
    if code:find("serve_forever%s*%(") or code:find("make_server%s*%(") or code:find("%.handle_request%s*%(") then
      error(entry.file .. " serves HTTP until it is stopped (" ..
        (code:find("serve_forever") and "serve_forever" or "a WSGI server") .. "): one event per run would arrive " ..
        "only at shutdown, and no plugin sets up a standard-library server per request yet; use Flask, " ..
        "FastAPI or Django, or track requests yourself with the amplitude-analytics SDK")
    end
    local style = py.style(src)
    s:create(module, py.render(MODULE, style, {
      CONFIG = py.config_expr(s, "os.environ.get(\"AMPLITUDE_SERVER_URL\")"),
      LOAD_ENV = py.env_loader(module),
    }), "the Amplitude client and one event per run")
    if text.contains(src, "@track_run") then return end
    local mod = py.dotted(module)
    local new = py.add_import(src, "from " .. mod .. " import track_run", mod)
    local lines = text.lines(new)
    local d = py.find_def(lines, entry.name)
    local at = d.line
    table.insert(lines, at, d.indent .. "@track_run")
    s:replace(entry.file, py.join(lines), "track one event per run of " .. entry.name .. "() and flush it")
  end,

  verify = function(s)
    local entry = find_entry(s)
    if not entry then return false, "no entry point found" end
    local module = py.module_beside(entry.file)
    if not s:exists(module) then return py.verify(s, {}) end
    return py.verify(s, {
      { module, "def track_run", "the Amplitude run tracking" },
      { entry.file, "@track_run", "the @track_run decorator on " .. entry.name .. "()" },
    })
  end,
}
