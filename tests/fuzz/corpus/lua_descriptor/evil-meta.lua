return setmetatable({}, { __index = function() error("boom") end, __len = function() error("x") end })
