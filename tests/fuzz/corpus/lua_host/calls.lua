return { name = "f", version = "1", abi = "1.1", frameworks = { "fuzz" },
  detect = function(s) s:claim("fuzz", "x"); s:exists("package.json"); s:list("**/*"); s:json("package.json", "name") end,
  plan = function(s)
    pcall(function() s:create("../out.txt", "x", "y") end)
    pcall(function() s:create("/tmp/abs.txt", "x", "y") end)
    pcall(function() s:env(".env", "K", "v\rX=1") end)
    s:dependency("package.json", "@amplitude/analytics-browser", "^2.0.0")
    s:env(".env", "AMPLITUDE_API_KEY", s:get("api_key"))
    s:install("./package.json")
    s:create("src/a.js", string.rep("x", 1000), "a")
  end }
