-- JavaScript/TypeScript helpers shared by the javascript-web and javascript-node plugins:
-- import("js"). Source edits here are line based and conservative: they find a place
-- (the import block, a call's closing parenthesis) and insert text there, so the rest of
-- the user's file stays byte for byte as it was.
local text = import("text")
local M = {}

-- Frameworks with their own build and runtime conventions: the generic JS plugins leave
-- them alone (the public wizard does the same), even when no dedicated plugin exists.
M.NOT_GENERIC = {
  "next", "nuxt", "@angular/core", "astro", "@sveltejs/kit", "gatsby", "@remix-run/react",
  "@react-router/dev", "expo", "react-native", "@nestjs/core", "electron",
}

-- version spec of a dependency in package.json (dependencies, then devDependencies), or nil.
-- Names with a "." cannot be asked through the dotted-path lookup; none of ours have one.
function M.dep(s, name)
  if string.find(name, ".", 1, true) then return nil end
  for _, section in ipairs({ "dependencies", "devDependencies" }) do
    local v = s:json("package.json", section .. "." .. name)
    if v then return v end
  end
  return nil
end

-- first framework of NOT_GENERIC the project depends on, with its version, or nil
function M.not_generic(s)
  for _, n in ipairs(M.NOT_GENERIC) do
    local v = M.dep(s, n)
    if v then return n, v end
  end
  return nil
end

-- the file extension without the dot ("js", "ts"), or ""
function M.ext(path)
  return string.match(path, "%.([%w]+)$") or ""
end

function M.dirname(path)
  return string.match(path, "^(.*)/[^/]*$") or ""
end

function M.join(dir, name)
  if dir == "" then return name end
  return dir .. "/" .. name
end

function M.is_ts(path)
  local e = M.ext(path)
  return e == "ts" or e == "tsx" or e == "mts" or e == "cts"
end

-- Quote character, statement terminator and indentation unit the file already uses.
-- Imports and requires decide the quote and the semicolon (every file has them); the
-- first indented line after an opening brace decides the indentation; multi-line literals
-- closed after a comma (or not) decide trailing commas.
function M.style(src)
  local single, double, semi, nosemi = 0, 0, 0, 0
  local indent, trail_yes, trail_no = nil, 0, 0
  local prev = ""
  for _, l in ipairs(text.lines(src)) do
    local spec_q = string.match(l, "from%s+(['\"])") or string.match(l, "^import%s+(['\"])")
      or string.match(l, "require%((['\"])")
    if spec_q == "'" then single = single + 1 elseif spec_q == '"' then double = double + 1 end
    local t = text.trim(l)
    if spec_q and string.match(t, "['\"]%)?;?$") then
      if string.sub(t, -1) == ";" then semi = semi + 1 else nosemi = nosemi + 1 end
    end
    if not indent and string.match(prev, "[{%(%[]%s*$") then
      indent = string.match(l, "^(\t)") or string.match(l, "^( +)%S")
    end
    if string.match(t, "^[}%]%)]") then
      if string.match(prev, ",%s*$") then trail_yes = trail_yes + 1
      elseif string.match(prev, "[%w_'\"%]]%s*$") then trail_no = trail_no + 1 end
    end
    if t ~= "" then prev = l end
  end
  if single == 0 and double == 0 then
    -- no imports: fall back to the quotes used anywhere
    local _, a = string.gsub(src, "'", "")
    local _, b = string.gsub(src, '"', "")
    single, double = a, b
  end
  if semi == 0 and nosemi == 0 then
    -- no import to judge by: any statement ending in ";" means semicolons
    semi = select(2, string.gsub(src, ";%s*\n", ""))
    if semi == 0 and string.find(src, "%S") then nosemi = 1 end
  end
  return {
    q = (double > single) and '"' or "'",
    semi = (semi > 0 or nosemi == 0) and ";" or "",
    indent = indent or "  ",
    trailing = trail_yes >= trail_no, -- no evidence: trailing commas (Prettier's default)
  }
end

-- style() of a file, with a few more of the project's sources as evidence (a short entry
-- file may show no multi-line literal, for instance); the file itself comes first.
function M.project_style(s, path, src)
  local parts = { src }
  for _, p in ipairs(M.sources(s)) do
    if #parts > 6 then break end
    if p ~= path then parts[#parts + 1] = s:read(p) or "" end
  end
  return M.style(table.concat(parts, "\n"))
end

-- Renders a template written with 2-space indentation, ' quotes (every ' becomes the
-- project's quote: templates keep apostrophes out of comments), @; for statement ends and
-- @, for trailing commas, in the given style.
function M.render(tpl, st)
  local out = {}
  for _, l in ipairs(text.lines(tpl)) do
    local lead, rest = string.match(l, "^( *)(.*)$")
    local unit = st.indent
    l = string.rep(unit, #lead // 2) .. rest
    l = string.gsub(l, "'", st.q)
    l = string.gsub(l, "@;", st.semi)
    l = string.gsub(l, "@,", st.trailing and "," or "")
    out[#out + 1] = l
  end
  return table.concat(out, "\n") .. "\n"
end

-- Position of the ")" matching the "(" at src[open], skipping strings, template literals
-- and comments; nil when unbalanced.
function M.match_paren(src, open)
  local depth, i, n = 0, open, #src
  while i <= n do
    local c = string.sub(src, i, i)
    if c == "'" or c == '"' or c == "`" then
      i = i + 1
      while i <= n do
        local d = string.sub(src, i, i)
        if d == "\\" then i = i + 1 elseif d == c then break end
        i = i + 1
      end
    elseif c == "/" and string.sub(src, i + 1, i + 1) == "/" then
      i = (string.find(src, "\n", i, true) or n) - 1
    elseif c == "/" and string.sub(src, i + 1, i + 1) == "*" then
      i = (select(2, string.find(src, "*/", i + 2, true)) or n)
    elseif c == "(" then
      depth = depth + 1
    elseif c == ")" then
      depth = depth - 1
      if depth == 0 then return i end
    end
    i = i + 1
  end
  return nil
end

-- line number (1-based) of byte position pos
function M.line_of(src, pos)
  local _, nl = string.gsub(string.sub(src, 1, pos - 1), "\n", "")
  return nl + 1
end

-- First and last line numbers of the top-level import block: ES imports (also spread over
-- several lines) and `const x = require(...)` statements; nil when there is none.
function M.import_block(src)
  local ls = text.lines(src)
  local first, last, i = nil, nil, 1
  while i <= #ls do
    local l = ls[i]
    local is_import = string.match(l, "^import[%s{*'\"]") ~= nil
    local is_require = string.match(l, "^%a[^=]*=%s*require%(") ~= nil
      or (string.match(l, "^require%(") ~= nil)
      or (string.match(l, "^const%s*{%s*$") ~= nil or string.match(l, "^const%s*%[%s*$") ~= nil)
    if is_import or is_require then
      local j = i
      if is_import then
        -- runs until the line holding the module specifier: "... from 'x';" or "import 'x';"
        while j <= #ls and not (string.match(ls[j], "from%s*['\"][^'\"]*['\"]") or
              string.match(ls[j], "^import%s*['\"]")) do
          j = j + 1
        end
      else
        while j <= #ls and not string.find(ls[j], "require(", 1, true) do j = j + 1 end
        if j > #ls or j - i > 30 then j = nil end -- `const {` that was no require
      end
      if j and j <= #ls then
        first = first or i
        last = j
        i = j
      end
    end
    i = i + 1
  end
  return first, last
end

-- Inserts lines (a string, may hold several lines) after line ln (0: at the top).
function M.insert_after(src, ln, block)
  local ls = text.lines(src)
  local add = text.lines(block)
  for k = #add, 1, -1 do table.insert(ls, ln + 1, add[k]) end
  local out = table.concat(ls, "\n") .. "\n"
  if string.sub(src, -1) ~= "\n" and src ~= "" then out = string.sub(out, 1, -2) end
  return out
end

-- Line after a file's preamble: shebang, 'use strict', leading comments and blank lines
-- (imports go after it). Returns the number of the last preamble line (0 when none).
function M.preamble_end(src)
  local ls, last, in_block = text.lines(src), 0, false
  for i, l in ipairs(ls) do
    local t = text.trim(l)
    if in_block then
      last = i
      if string.find(t, "*/", 1, true) then in_block = false end
    elseif t == "" then
      -- blank lines belong to the preamble only when something follows them there
    elseif string.match(t, "^#!") or string.match(t, "^['\"]use strict['\"];?$") or string.match(t, "^//") then
      last = i
    elseif string.match(t, "^/%*") then
      last = i
      if not string.find(t, "*/", 3, true) then in_block = true end
    else
      break
    end
  end
  return last
end

-- Adds an import/require line: "first" puts it before the first import as its own group
-- (it then runs before the other modules load), "last" after the import block.
function M.add_import(src, line, where)
  local first, last = M.import_block(src)
  if first and where == "first" then return M.insert_after(src, first - 1, line .. "\n\n") end
  if last then return M.insert_after(src, last, line) end
  local pe = M.preamble_end(src)
  if pe > 0 then return M.insert_after(src, pe, "\n" .. line) end
  return M.insert_after(src, 0, line .. "\n\n")
end

-- true when src imports or requires module (a package name or a relative specifier)
function M.imports(src, module)
  for _, q in ipairs({ "'", '"' }) do
    if text.contains(src, "from " .. q .. module .. q) or text.contains(src, "require(" .. q .. module .. q)
      or text.contains(src, "import " .. q .. module .. q) or text.contains(src, "from" .. q .. module .. q) then
      return true
    end
  end
  return false
end

-- Drops // and /* */ comments (roughly: not inside strings) so that counting calls is not
-- fooled by commented-out code; with blank, string contents become spaces too (quotes and
-- newlines kept), leaving only code.
function M.strip_comments(src, blank)
  local out, i, n = {}, 1, #src
  while i <= n do
    local c = string.sub(src, i, i)
    if c == "'" or c == '"' or c == "`" then
      local j = i + 1
      while j <= n do
        local d = string.sub(src, j, j)
        if d == "\\" then j = j + 1 elseif d == c or (d == "\n" and c ~= "`") then break end
        j = j + 1
      end
      local lit = string.sub(src, i, j)
      if blank then
        lit = c .. string.sub(src, i + 1, j - 1):gsub("[^\n]", " ") .. (j <= n and string.sub(src, j, j) or "")
      end
      out[#out + 1] = lit
      i = j + 1
    elseif c == "/" and string.sub(src, i + 1, i + 1) == "/" and string.sub(src, i - 1, i - 1) ~= ":" then
      i = string.find(src, "\n", i, true) or (n + 1)
    elseif c == "/" and string.sub(src, i + 1, i + 1) == "*" then
      local _, e = string.find(src, "*/", i + 2, true)
      i = (e or n) + 1
    else
      local j = string.find(src, "['\"`/]", i + 1) or (n + 1)
      out[#out + 1] = string.sub(src, i, j - 1)
      i = j
    end
  end
  return table.concat(out)
end

-- number of calls `name(` in src (outside comments), where name is not part of a longer
-- identifier: "init" counts amplitude.init( and init( but not initAll( or reinit(
function M.count_calls(src, name)
  local code = M.strip_comments(src)
  local count = 0
  for before in string.gmatch(code, "(.?)" .. name .. "%s*%(") do
    if not string.match(before, "[%w_$]") then count = count + 1 end
  end
  return count
end


-- Calls of names (e.g. {"init", "initAll"}) on what src (the content of path) imports or
-- requires from any of modules: X.init( for a namespace X, start( for `import { init as
-- start }`. The host's edit_count_calls reads the syntax (ABI 1.2): comments, strings, JSX
-- text and a Sentry.init( in the same file do not count. A file it cannot read counts 0.
function M.count_sdk_calls(s, path, src, modules, names)
  local count = 0
  for _, module in ipairs(modules) do
    count = count + (s:edit_count_calls(path, src, module, names) or 0)
  end
  return count
end

-- Project source files (js/ts family), without build output: shallowest first (entry
-- points live near the top, so a big src/lib/ cannot push src/main.js out), then by
-- path; at most 2000, so scans stay cheap on huge trees.
function M.sources(s)
  local out, seen = {}, {}
  for _, g in ipairs({ "**/*.js", "**/*.mjs", "**/*.cjs", "**/*.ts", "**/*.mts", "**/*.cts",
                       "**/*.jsx", "**/*.tsx" }) do
    for _, p in ipairs(s:list(g)) do
      local top = string.match(p, "^([^/]+)/")
      if not seen[p] and top ~= "dist" and top ~= "build" and top ~= "coverage" and top ~= "out"
        and not string.match(p, "%.d%.ts$") and not string.match(p, "%.config%.[cm]?[jt]s$") then
        seen[p] = true
        out[#out + 1] = p
      end
    end
  end
  local function depth(p) return select(2, string.gsub(p, "/", "")) end
  table.sort(out, function(x, y)
    local dx, dy = depth(x), depth(y)
    if dx ~= dy then return dx < dy end
    return x < y
  end)
  while #out > 2000 do table.remove(out) end
  return out
end

-- value of KEY in an env file's text ("" when set empty, nil when absent)
function M.env_value(envtext, key)
  if not envtext then return nil end
  for _, l in ipairs(text.lines(envtext)) do
    local v = string.match(l, "^%s*export%s+" .. key .. "%s*=%s*(.-)%s*$")
      or string.match(l, "^%s*" .. key .. "%s*=%s*(.-)%s*$")
    if v then return (string.gsub(v, "^['\"](.*)['\"]$", "%1")) end
  end
  return nil
end

-- Sets key in env_file unless one of the candidate env files already gives it a value
-- (an existing setup keeps its key). Returns the file that holds the key.
function M.ensure_env(s, env_file, candidates, key, value)
  for _, f in ipairs(candidates) do
    local v = M.env_value(s:read(f), key)
    if v and v ~= "" then
      -- the project chosen in this run wins: a different key there is replaced (the plan
      -- shows old and new, masked); the same one plans nothing
      if value and v ~= value then s:env(f, key, value) end
      return f, false
    end
  end
  s:env(env_file, key, value)
  return env_file, true
end

return M
