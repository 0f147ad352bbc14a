-- wrk script: authenticated report submissions, POST /api/v1/incidents with a bearer token and a
-- fresh Idempotency-Key per request (a real client retries with the same key; each new report has
-- its own). Arguments after "--": token, key prefix, occurredAt, department code.
--   wrk -t2 -c16 -d30s --latency -s bench/incidents/submit.lua http://localhost:8096 -- cq_... run1 2026-11-26T08:00:00 0301
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  token, prefix, occurred, department = args[1], args[2], args[3], args[4]
  counter, created, other = 0, 0, 0
  body = '{"occurredAt":"' .. occurred .. '","departmentCode":"' .. department .. '","category":"CAT-FALL",'
    .. '"description":"患者夜间如厕时跌倒（负载测试）","immediateActions":"扶起，通知医生查看",'
    .. '"patientInvolved":true,"anonymous":false,"details":{"injury":"NONE","riskAssessed":"YES"}}'
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/api/v1/incidents", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = prefix .. "-" .. id .. "-" .. counter,
  }, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("other")
  end
  io.write(string.format("created=%d\nother=%d\n", c, o))
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    io.write(string.format("p%s_ms=%.2f\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("max_ms=%.2f\n", latency.max / 1000))
end
