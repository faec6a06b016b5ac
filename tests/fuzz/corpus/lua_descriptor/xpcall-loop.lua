while true do xpcall(function() while true do end end, function() return 1 end) end
