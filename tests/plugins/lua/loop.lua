-- Test plugin "test-loop": never returns from plan.
return {
  name = "test-loop", version = "1", abi = "1.0", frameworks = { "test-loop" },
  detect = function(s) end,
  plan = function(s)
    local n = 0
    while true do n = n + 1 end
  end,
}
