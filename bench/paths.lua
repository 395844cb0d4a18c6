-- wrk script for bench_speed.py's mixed run: read the pages named in BENCH_PATHS (spaces
-- between) in turn, and print the status of every failed response.
local paths = {}
for path in string.gmatch(os.getenv("BENCH_PATHS") or "/", "%S+") do
  table.insert(paths, path)
end
local turn = 0

request = function()
  turn = turn % #paths + 1
  return wrk.format(nil, paths[turn])
end

response = function(status, headers, body)
  if status >= 400 then
    io.write("status " .. status .. "\n")
  end
end
