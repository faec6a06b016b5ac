-- Test plugin "test-hostile": probes the sandbox and writes what it could do into
-- sandbox-report.txt (through the host, the only way it can write).
local kept
local function probe(f)
  local ok, v = pcall(f)
  if not ok then return "error" end
  if v == nil then return "nil" end
  return "available"
end

return {
  name = "test-hostile",
  version = "6.6.6",
  abi = "1.0",
  frameworks = { "test-hostile" },
  detect = function(s)
    kept = s
    if s:exists("test-hostile.marker") then s:claim("test-hostile", "found test-hostile.marker") end
  end,
  plan = function(s)
    local r = {}
    r[#r + 1] = "os=" .. probe(function() return os end)
    r[#r + 1] = "io=" .. probe(function() return io end)
    r[#r + 1] = "require=" .. probe(function() return require end)
    r[#r + 1] = "package=" .. probe(function() return package end)
    r[#r + 1] = "debug=" .. probe(function() return debug end)
    r[#r + 1] = "dofile=" .. probe(function() return dofile end)
    r[#r + 1] = "loadfile=" .. probe(function() return loadfile end)
    r[#r + 1] = "collectgarbage=" .. probe(function() return collectgarbage end)
    local bin = string.dump(function() return 1 end)
    local f, err = load(bin)
    r[#r + 1] = "load_binary=" .. (f and "loaded" or "refused")
    local t = load("return 40 + 2")
    r[#r + 1] = "load_text=" .. tostring(t and t())
    local home, herr = s:read("../.ampli.json")
    r[#r + 1] = "read_dotdot=" .. (home and "READ" or "refused")
    local abs = s:read((s:get("install_dir") or "") .. "/../home/.ampli.json")
    r[#r + 1] = "read_abs=" .. (abs and "READ" or "refused")
    local link = s:read("home-link/.ampli.json")
    r[#r + 1] = "read_symlink=" .. (link and "READ" or "refused")
    local ok, kerr = pcall(function() return kept:read("test-hostile.marker") end)
    r[#r + 1] = "kept_session=" .. (ok and "usable" or (string.find(kerr, "after its call ended", 1, true) and "dead" or "error"))
    s:create("sandbox-report.txt", table.concat(r, "\n") .. "\n", "sandbox report")
  end,
}
