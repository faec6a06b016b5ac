return {
  name = "probe", version = "1.0.0", description = "fuzz seed",
  frameworks = {"flask"}, priority = 10,
  detect = function(s) return false end,
  plan = function(s) return true end,
}
