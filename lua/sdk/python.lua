-- Helpers shared by the Python framework plugins (django, flask, fastapi, python):
-- import("python"). Text edits only: each helper returns new text and leaves every other
-- byte of the file as it was, so a second run finds nothing to do.
local text = import("text")
local M = {}

M.SDK = "amplitude-analytics"
-- loads .env into os.environ: the key's file, which nothing else reads when the app starts
-- the way its README says (manage.py runserver, uvicorn, python3 main.py)
M.DOTENV = "python-dotenv"
M.KEY_VAR = "AMPLITUDE_API_KEY"
M.URL_VAR = "AMPLITUDE_SERVER_URL"
-- a project is a Python one when one of these is at its root (the reference's order)
M.MARKERS = { "manage.py", "pyproject.toml", "requirements.txt", "setup.py", "Pipfile" }

local function esc(s) return (s:gsub("[%^%$%(%)%%%.%[%]%*%+%-%?]", "%%%0")) end

function M.marker(s)
  return s:find_first(M.MARKERS)
end

-- Manifests that may list dependencies, root only.
local function manifests(s)
  local out = {}
  for _, f in ipairs(s:list("requirements*.txt")) do out[#out + 1] = f end
  for _, f in ipairs({ "pyproject.toml", "Pipfile", "setup.py", "setup.cfg" }) do
    if s:exists(f) then out[#out + 1] = f end
  end
  return out
end

-- The manifest that names package `name` as a whole word ("flask" is not "flask-login"),
-- comments ignored; nil when none does.
function M.requires(s, name)
  local pat = "%f[%w_%.%-]" .. esc(name:lower()) .. "%f[^%w_%.%-]"
  for _, f in ipairs(manifests(s)) do
    local t = s:read(f)
    if t then
      for _, l in ipairs(text.lines(t)) do
        if l:gsub("#.*$", ""):lower():find(pat) then return f end
      end
    end
  end
  return nil
end

-- Python files of the project, sorted, tests and migrations last out (capped: detection
-- and scans must stay cheap on big trees).
function M.sources(s)
  local out = {}
  for _, f in ipairs(s:list("**/*.py")) do
    if not f:find("^tests?/") and not f:find("/tests?/") and not f:find("/migrations/") then
      out[#out + 1] = f
      if #out >= 400 then break end
    end
  end
  return out
end

-- True when the source imports top-level module `mod` ("import flask", "from flask import").
function M.imports_module(src, mod)
  local m = esc(mod)
  for _, l in ipairs(text.lines(src)) do
    if l:find("^%s*from%s+" .. m .. "%s+import%f[%W]") or l:find("^%s*from%s+" .. m .. "%.")
      or l:find("^%s*import%s+" .. m .. "%f[^%w_]") then
      return true
    end
  end
  return false
end

-- First project file importing `mod`, or nil.
function M.file_importing(s, mod)
  for _, f in ipairs(M.sources(s)) do
    local t = s:read(f)
    if t and M.imports_module(t, mod) then return f end
  end
  return nil
end

-- Detection shared by the framework plugins: the project is Python (a marker at the root)
-- and names `dep` in a manifest or imports `mod`. Returns the evidence or nil.
function M.detect_framework(s, dep, mod)
  local marker = M.marker(s)
  if not marker then return nil end
  local m = M.requires(s, dep)
  if m then return m .. " lists " .. dep end
  local f = M.file_importing(s, mod)
  if f then return f .. " imports " .. mod end
  return nil
end

---------------------------------------------------------------------------------------
-- dependency, install, key

-- Which manifest takes the dependency, and the version spec in its own dialect.
function M.manifest(s)
  local py = s:read("pyproject.toml")
  local poetry = py and py:find("\n%[tool%.poetry%.dependencies%]") or (py and py:find("^%[tool%.poetry%.dependencies%]"))
  local pep621 = py and py:find("\n%[project%]") or (py and py:find("^%[project%]"))
  local pep621_deps = false
  if pep621 then
    local body = py:sub(pep621 + 1):gsub("^%[project%][^\n]*\n", "")
    body = body:match("^(.-)\n%s*%[") or body
    pep621_deps = body:find("\ndependencies%s*=") ~= nil or body:find("^dependencies%s*=") ~= nil
  end
  local function pyproject()
    if poetry and not pep621_deps then return "pyproject.toml", "^1.1.1" end
    return "pyproject.toml", ">=1.1.1,<2"
  end
  if py and s:find_first({ "uv.lock", "poetry.lock", "pdm.lock" }) then return pyproject() end
  if s:exists("Pipfile") then return "Pipfile", ">=1.1.1,<2" end
  if s:exists("requirements.txt") then return "requirements.txt", ">=1.1.1,<2" end
  if poetry or pep621_deps or pep621 then return pyproject() end
  -- setuptools projects declare their dependencies here: `pip install -e .` reads these and
  -- would ignore a new requirements.txt
  local cfg = s:read("setup.cfg")
  if cfg and cfg:find("%[options%]") and cfg:find("\n%s*install_requires%s*[=:]") then return "setup.cfg", ">=1.1.1,<2" end
  local spy = s:read("setup.py")
  if spy and spy:find("install_requires%s*=%s*%[") then return "setup.py", ">=1.1.1,<2" end
  return nil, ">=1.1.1,<2"
end

-- Adds amplitude-analytics the project's way, and python-dotenv unless opts.no_dotenv
-- (the project loads .env its own way), and asks for the install (--skip-install skips
-- it). Returns the manifest.
function M.plan_dependency(s, opts)
  local m, spec = M.manifest(s)
  -- the host edits every manifest format in place (comments, indentation, line endings
  -- kept) and records the package, so the install command can name it; without a
  -- manifest, a new requirements.txt
  m = m or "requirements.txt"
  s:dependency(m, M.SDK, spec)
  if not (opts and opts.no_dotenv) and not M.requires(s, M.DOTENV) then
    s:dependency(m, M.DOTENV, spec:sub(1, 1) == "^" and "^1.0" or ">=1.0")
  end
  s:install()
  return m
end

-- Python lines that load the project's .env (the one the wizard writes at the root) for
-- a file at project-relative `path`, with python-dotenv; variables already set win (a
-- deployment's own environment). Without python-dotenv installed, a warning says why
-- nothing is sent.
function M.env_loader(path)
  local up = string.rep("..", select(2, path:gsub("/", "")), "/")
  local rel = up == "" and ".env" or (up .. "/.env")
  local function s_(x) return '"' .. x .. '"' end
  return table.concat({
    "# The key lives in the project's .env: load it (python-dotenv; variables already set win).",
    "try:",
    "    from dotenv import load_dotenv as _load_dotenv",
    "except ImportError:  # not installed yet: say why nothing is sent",
    "    import warnings",
    "",
    "    warnings.warn(" .. s_("python-dotenv is not installed: .env is not loaded, so Amplitude has no key " ..
      "(install the requirements)") .. ")",
    "else:",
    "    _load_dotenv(os.path.join(os.path.dirname(os.path.realpath(__file__)), " .. s_(rel) .. "))",
  }, "\n") .. "\n"
end

-- The key in .env (git-ignored by the host), never in source; .env.example, when the
-- project keeps one, documents the variable without its value.
function M.plan_env(s)
  local key = s:get("api_key")
  if not key or key == "" then error("no Amplitude API key in this session") end
  s:env(".env", M.KEY_VAR, key)
  local ingest = s:get("ingest_url")
  if text.custom_ingest(ingest) then s:env(".env", M.URL_VAR, ingest) end
  local ex = s:read(".env.example")
  if ex then
    for _, l in ipairs(text.lines(ex)) do
      if l:find("^%s*#?%s*" .. M.KEY_VAR .. "%s*=") then return end
    end
    s:replace(".env.example", text.ensure_trailing_newline(ex) .. M.KEY_VAR .. "=\n",
      "document AMPLITUDE_API_KEY (no value)")
  end
end

---------------------------------------------------------------------------------------
-- existing setups

-- True when src uses the SDK package itself (not a project module named amplitude).
function M.uses_sdk(src)
  return M.imports_module(src, "amplitude")
end

-- A project file other than `own` that already uses the SDK: an existing setup, left alone.
function M.existing_setup(s, own)
  for _, f in ipairs(s:list("**/*.py")) do
    if f ~= own then
      local t = s:read(f)
      if t and M.uses_sdk(t) then return f end
    end
  end
  return nil
end

---------------------------------------------------------------------------------------
-- style and templates

-- Quote and indentation of a Python source: { quote = '"' or "'", indent = "    " }.
function M.style(src)
  local dq, sq, indent = 0, 0, nil
  local prev = ""
  src = (src or ""):gsub('"""', ""):gsub("'''", "")
  for _, l in ipairs(text.lines(src)) do
    if not l:find("^%s*#") then
      local code = l:gsub("%s#[^'\"]*$", "")
      for _ in code:gmatch('"') do dq = dq + 1 end
      for _ in code:gmatch("'") do sq = sq + 1 end
      local ws = l:match("^([ \t]+)%S")
      if not indent and ws and prev:find(":%s*$") then indent = ws end
      if l:find("%S") then prev = l end
    end
  end
  return { quote = sq > dq and "'" or '"', indent = indent or "    " }
end

-- Fills {{NAME}} from vars, then adapts quotes (docstrings keep """) and indentation.
-- Templates are written with double quotes and 4-space indentation.
function M.render(tpl, style, vars)
  local out = tpl:gsub("{{([%w_]+)}}", function(k)
    local v = vars[k]
    if v == nil then error("template variable " .. k .. " is not set") end
    return v
  end)
  if style.quote == "'" then
    out = out:gsub('"""', "\1"):gsub('"', "'"):gsub("\1", '"""')
  end
  if style.indent ~= "    " then
    local lines = {}
    for _, l in ipairs(text.lines(out)) do
      local ws, rest = l:match("^( *)(.*)$")
      lines[#lines + 1] = string.rep(style.indent, #ws // 4) .. string.rep(" ", #ws % 4) .. rest
    end
    out = table.concat(lines, "\n") .. "\n"
  end
  return out
end

-- Config(...) of the generated code: the zone from the session, the optional server URL
-- from `url_expr` (an expression reading AMPLITUDE_SERVER_URL; empty means the default);
-- `extra` is more arguments, e.g. "flush_queue_size=1".
function M.config_expr(s, url_expr, extra)
  local zone = s:get("zone")
  -- the SDK's sender thread holds the process exit for up to one flush interval (10 s by
  -- default) after an event: a short one keeps Ctrl-C and program exits quick
  local args = { "flush_interval_millis=1000" }
  if extra then args[#args + 1] = extra end
  if zone and zone:lower() == "eu" then args[#args + 1] = 'server_zone="EU"' end
  args[#args + 1] = "server_url=" .. url_expr .. " or None"
  return "Config(" .. table.concat(args, ", ") .. ")"
end

---------------------------------------------------------------------------------------
-- paths and modules

function M.dirname(path)
  return path:match("^(.*)/[^/]*$") or ""
end

-- "chirp/amplitude.py" -> "chirp.amplitude"; "pkg/__init__.py" -> "pkg"
function M.dotted(path)
  return (path:gsub("/__init__%.py$", ""):gsub("%.py$", ""):gsub("/", "."))
end

-- Where the Amplitude module goes beside `file`: <package>/amplitude.py; at the root a
-- file named amplitude.py would shadow the SDK package itself, so amplitude_client.py.
function M.module_beside(file)
  local d = M.dirname(file)
  if d == "" then return "amplitude_client.py" end
  return d .. "/amplitude.py"
end

-- The module a dotted name points to, when it is a project file.
function M.module_file(s, dotted)
  local base = dotted:gsub("%.", "/")
  return s:find_first({ base .. ".py", base .. "/__init__.py" })
end

---------------------------------------------------------------------------------------
-- import lines

-- Top-level import statements: { first, last, from (bool), module }.
local function import_statements(lines)
  local out, i = {}, 1
  while i <= #lines do
    local l = lines[i]
    if l:find("^def ") or l:find("^class ") or l:find("^async def ") or l:find("^@") or l:find("^if ") then break end
    local mod = l:match("^from%s+([%w_%.]+)%s+import")
    local isfrom = mod ~= nil
    mod = mod or l:match("^import%s+([%w_%.]+)")
    if mod then
      local first = i
      if l:find("%(") and not l:find("%)") then
        while i < #lines and not lines[i]:find("%)") do i = i + 1 end
      end
      while lines[i]:find("\\%s*$") and i < #lines do i = i + 1 end
      out[#out + 1] = { first = first, last = i, from = isfrom, module = mod }
    end
    i = i + 1
  end
  return out
end

local function top_package(mod) return mod:match("^([^%.]+)") end

-- Adds the import statement `line` (for module `mod`) unless present: in sorted position
-- among the imports of the same top-level package, else as its own group after the last
-- import, else after the module docstring. Returns text, added?
function M.add_import(src, line, mod)
  local lines = text.lines(src)
  for _, l in ipairs(lines) do
    if l == line then return src, false end
  end
  local stmts = import_statements(lines)
  local same, at, group = {}, nil, false
  for _, st in ipairs(stmts) do
    if top_package(st.module) == top_package(mod) then same[#same + 1] = st end
  end
  local isfrom = line:find("^from ") ~= nil
  if #same > 0 then
    for _, st in ipairs(same) do
      if st.from == isfrom and st.module:lower() > mod:lower() or (not isfrom and st.from) then
        at = st.first
        break
      end
    end
    if not at then at = same[#same].last + 1 end
  elseif #stmts > 0 then
    at, group = stmts[#stmts].last + 1, true
  else
    -- after a shebang, comments and the module docstring
    at = 1
    while at <= #lines and (lines[at]:find("^#") or lines[at] == "") do at = at + 1 end
    local l = lines[at]
    local q = l and (l:match('^[rRuU]?(""")') or l:match("^[rRuU]?(''')"))
    if q then
      local _, open_end = l:find(q, 1, true)
      if not l:find(q, open_end + 1, true) then
        at = at + 1
        while at <= #lines and not lines[at]:find(q, 1, true) do at = at + 1 end
      end
      at = at + 1
      group = true
    elseif l then
      table.insert(lines, at, "")
    end
  end
  if group then
    table.insert(lines, at, "")
    at = at + 1
  end
  table.insert(lines, at, line)
  return table.concat(lines, "\n") .. "\n", true
end

-- Adds `name` to the names of "from <mod> import a, b" (single line) unless there.
-- Returns text, changed?; false when no such line.
function M.add_from_name(src, mod, name)
  local lines = text.lines(src)
  for i, l in ipairs(lines) do
    local names = l:match("^from%s+" .. esc(mod) .. "%s+import%s+([%w_, ]+)%s*$")
    if names then
      for n in names:gmatch("[%w_]+") do
        if n == name then return src, true end
      end
      local list = {}
      for n in names:gmatch("[%w_]+") do list[#list + 1] = n end
      list[#list + 1] = name
      table.sort(list, function(a, b) return a:lower() < b:lower() end)
      lines[i] = "from " .. mod .. " import " .. table.concat(list, ", ")
      return table.concat(lines, "\n") .. "\n", true
    end
  end
  return src, false
end

---------------------------------------------------------------------------------------
-- functions and blocks

-- Indentation of a line.
function M.indent_of(l) return l:match("^([ \t]*)") end

-- The function `name` (any indentation): header line index, header end index (the line
-- ending with ':'), last body line index (trailing blank lines excluded), body indent.
function M.find_def(lines, name)
  for i, l in ipairs(lines) do
    local ind = l:match("^([ \t]*)def%s+" .. esc(name) .. "%s*%(") or l:match("^([ \t]*)async%s+def%s+" .. esc(name) .. "%s*%(")
    if ind then
      local h = i
      while h < #lines and not lines[h]:find(":%s*$") and not lines[h]:find(":%s*#") do h = h + 1 end
      local last, body_ind = h, nil
      for j = h + 1, #lines do
        local lj = lines[j]
        if lj:find("%S") then
          local ij = M.indent_of(lj)
          if #ij <= #ind then break end
          body_ind = body_ind or ij
          last = j
        end
      end
      return { line = i, header_end = h, last = last, indent = ind, body_indent = body_ind or (ind .. "    ") }
    end
  end
  return nil
end

-- Index of the first line of the `if __name__ == "__main__":` block, or nil.
function M.find_main_guard(lines)
  for i, l in ipairs(lines) do
    if l:find("^if%s+__name__%s*==%s*[\"']__main__[\"']%s*:") then return i end
  end
  return nil
end

-- Inserts `block` (text with trailing newline) before line index `at` of src's lines.
function M.insert_lines(lines, at, block)
  local add = text.lines(block)
  for k = #add, 1, -1 do table.insert(lines, at, add[k]) end
  return lines
end

function M.join(lines) return table.concat(lines, "\n") .. "\n" end

---------------------------------------------------------------------------------------
-- verify

-- Fails when the key is in a project source or config file, or a planned file lacks its
-- marker text. checks: { {path, needle, why}, ... }.
function M.verify(s, checks)
  local key = s:get("api_key")
  if key and #key >= 8 then
    local files = s:list("**/*.py")
    for _, f in ipairs({ "pyproject.toml", "requirements.txt", "Pipfile", "setup.cfg", ".env.example" }) do
      if s:exists(f) then files[#files + 1] = f end
    end
    for _, f in ipairs(files) do
      local t = s:read(f)
      if t and text.contains(t, key) then return false, "the API key ended up in " .. f end
    end
  end
  for _, c in ipairs(checks) do
    local t = s:read(c[1])
    if not t then return false, c[1] .. " is missing (" .. c[3] .. ")" end
    if not text.contains(t, c[2]) then return false, c[1] .. " lacks " .. c[3] end
  end
  local env = s:read(".env")
  if not env or not text.contains(env, M.KEY_VAR .. "=") then return false, ".env lacks " .. M.KEY_VAR end
  return true
end

return M
