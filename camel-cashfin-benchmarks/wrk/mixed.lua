-- wrk script: half creates (the documented example body), half list pages 1..5, every request authorised.
-- Used by simulator-wrk.sh; see docs/performance.md.
local secret = os.getenv("CASHFIN_SECRET") or "cs_test_4c5a9e7b21d84f0c9a6e3b5d"
local counter = 0
local createBody = '{"name":"Jane Smith","email":"jane@acme.example","phone":"+254722000001",' ..
                   '"company":"Acme Corp","jobtitle":"CTO","source":"website",' ..
                   '"request":"Interested in enterprise billing solution","budget":50000}'

request = function()
  counter = counter + 1
  if counter % 2 == 0 then
    return wrk.format("POST", "/business/lead/create",
      { ["Authorization"] = secret, ["Content-Type"] = "application/json" }, createBody)
  end
  return wrk.format("GET", "/business/lead/list?limit=10&page=" .. ((counter % 5) + 1),
    { ["Authorization"] = secret }, nil)
end

-- Count non-2xx answers so a run that only measured errors is visible.
local bad = 0
response = function(status, headers, body)
  if status >= 300 then bad = bad + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("requests/s: %.0f  non-2xx (last thread): %d  p50: %.2f ms  p99: %.2f ms\n",
    summary.requests / (summary.duration / 1e6), bad, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
