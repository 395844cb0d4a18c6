-- wrk script for bench_speed.py's mixed run: print the status of every failed response.
response = function(status, headers, body)
  if status >= 400 then
    io.write("status " .. status .. "\n")
  end
end
