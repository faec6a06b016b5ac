-- Test plugin "test-memhog": tries to eat memory during plan.
return {
  name = "test-memhog", version = "1", abi = "1.0", frameworks = { "test-memhog" },
  detect = function(s) end,
  plan = function(s)
    local t = {}
    for i = 1, 1e9 do t[i] = string.rep("x", 1024) .. i end
  end,
}
