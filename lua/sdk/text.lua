-- Text helpers for Lua plugins: import("text"). Plain-text matching (no patterns)
-- unless a name says otherwise, so a "." in a search string means a dot.
local M = {}

-- true when haystack contains needle literally
-- The ingest URL the session names when it is not Amplitude's own (a proxy, the EU
-- residency proxy's, a test server): then the env file carries it too, as the C plugins
-- write it (plugins/common/plan.c custom_ingest).
function M.custom_ingest(url)
  return url ~= nil and url ~= "" and url ~= "https://api2.amplitude.com/2/httpapi" and
         url ~= "https://api.eu.amplitude.com/2/httpapi"
end

function M.contains(haystack, needle)
  return string.find(haystack, needle, 1, true) ~= nil
end

function M.starts_with(s, prefix)
  return string.sub(s, 1, #prefix) == prefix
end

function M.trim(s)
  return (string.gsub(s, "^%s*(.-)%s*$", "%1"))
end

function M.ensure_trailing_newline(s)
  if s == "" or string.sub(s, -1) == "\n" then return s end
  return s .. "\n"
end

-- array of lines (without their newline)
function M.lines(s)
  local out = {}
  for line in string.gmatch(M.ensure_trailing_newline(s), "(.-)\n") do out[#out + 1] = line end
  return out
end

-- replaces the first literal occurrence of old; returns text, replaced?
function M.replace_once(s, old, new)
  local i, j = string.find(s, old, 1, true)
  if not i then return s, false end
  return string.sub(s, 1, i - 1) .. new .. string.sub(s, j + 1), true
end

-- inserts line after the first line containing anchor (literal); returns text, inserted?
function M.insert_after_line(s, anchor, line)
  local out, done = {}, false
  for _, l in ipairs(M.lines(s)) do
    out[#out + 1] = l
    if not done and M.contains(l, anchor) then
      out[#out + 1] = line
      done = true
    end
  end
  return table.concat(out, "\n") .. "\n", done
end

-- inserts line after the last line starting with prefix (e.g. "import "), else at the top
function M.insert_after_last(s, prefix, line)
  local ls, at = M.lines(s), 0
  for i, l in ipairs(ls) do
    if M.starts_with(l, prefix) then at = i end
  end
  table.insert(ls, at + 1, line)
  return table.concat(ls, "\n") .. "\n"
end

-- adds line at the end unless an identical line exists
function M.ensure_line(s, line)
  for _, l in ipairs(M.lines(s)) do
    if l == line then return s end
  end
  return M.ensure_trailing_newline(s) .. line .. "\n"
end

return M
