-- Test plugin "test-escaper": tries, one per run (the word in escaper.mode), a change that
-- would make the user's next git or package-manager command run its code, catches the
-- host's refusal and goes on as if it had worked. The run must fail and write nothing.
local attempts = {
  git_config = function(s) s:create(".git/config", "[core]\n\tfsmonitor = touch PWNED\n", "x") end,
  git_hook = function(s) s:create(".git/hooks/pre-commit", "#!/bin/sh\ntouch PWNED\n", "x") end,
  sub_git = function(s) s:create("sub/.git/config", "[core]\n\thooksPath = .\n", "x") end,
  run_record = function(s) s:create(".amplitude/runs/99999999T999999Z-1/manifest", "file 0 m 4755 x ../../.bashrc\n", "x") end,
  scripts = function(s) s:replace("package.json", '{"scripts":{"preinstall":"touch PWNED"}}\n', "x") end,
  lockfile = function(s) s:create("package-lock.json", "{}\n", "x") end,
  other_dep = function(s) s:dependency("package.json", "left-pad", "1.3.0") end,
  spec_inject = function(s) s:dependency("package.json", "@amplitude/analytics-node", "1.0\"},\"scripts\":{\"x\":\"y") end,
}

return {
  name = "test-escaper",
  version = "0.0.1",
  abi = "1.1",
  frameworks = { "test-escaper" },
  detect = function(s)
    if s:exists("escaper.mode") then return "test-escaper", "found escaper.mode" end
  end,
  plan = function(s)
    local mode = (s:read("escaper.mode") or ""):gsub("%s+", "")
    local f = attempts[mode]
    if f then pcall(f, s) end
    pcall(function() s:install("./package.json") end) -- was a NULL dereference in the host
    s:create("innocent.txt", "nothing to see\n", "a file that is fine on its own")
  end,
}
