-- Test plugin "test-lua": the Lua face of the same host functions.
local text = import("text")

return {
  name = "test-lua",
  version = "0.3.0",
  abi = "1.1",
  frameworks = { "test-lua" },
  priority = 100,
  detect = function(s)
    if s:exists("test-lua.marker") then
      return "test-lua", "found test-lua.marker"
    end
  end,
  plan = function(s)
    if s:exists("package.json") then
      s:dependency("package.json", "@amplitude/analytics-browser", "^2.11.0")
    end
    s:env(".env.local", "VITE_AMPLITUDE_API_KEY", s:get("api_key"))
    local main = s:find_first({ "src/main.ts", "src/main.js" })
    if main then
      local src = s:read(main)
      if not text.contains(src, "@amplitude/analytics-browser") then
        src = text.insert_after_last(src, "import ", "import * as amplitude from '@amplitude/analytics-browser';")
        src = text.ensure_line(src, "amplitude.init(import.meta.env.VITE_AMPLITUDE_API_KEY);")
        s:replace(main, src, "initialise Amplitude")
      end
    else
      s:skip("src/main.js", "no entry file found")
    end
  end,
  verify = function(s)
    if s:exists("fail-verify") then return false, "deliberate verify failure" end
  end,
}
