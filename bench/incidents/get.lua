-- wrk script: the baseline, an authenticated GET of one report with the same bearer token.
-- Arguments after "--": token, path.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  token, path = args[1], args[2]
  ok, other = 0, 0
end

function request()
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("ok")
    o = o + t:get("other")
  end
  io.write(string.format("created=%d\nother=%d\n", c, o))
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    io.write(string.format("p%s_ms=%.2f\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("max_ms=%.2f\n", latency.max / 1000))
end
