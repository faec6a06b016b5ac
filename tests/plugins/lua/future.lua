-- Test plugin "test-lua-future": needs an ABI minor no host provides.
return {
  name = "test-lua-future", version = "1", abi = "1.99", frameworks = { "test-lua-future" },
  detect = function(s) error("must not be called") end,
  plan = function(s) error("must not be called") end,
}
