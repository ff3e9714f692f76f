-- wrk script of the admission benchmark (bench/README.md, "Admission webhook"): POSTs
-- AdmissionReview bodies in turn, at a fixed rate when one is set, and prints the latency
-- percentiles and counts as one RESULT line. AdmissionBench fills in the @...@ values.
local interval_ms = @INTERVAL_MS@      -- per wrk thread; 0: as fast as the connections allow
local bodies_file = "@BODIES@"         -- one request body per line

local bodies = {}
for line in io.lines(bodies_file) do
  if #line > 0 then bodies[#bodies + 1] = line end
end
local next_body = 0
local headers = {["Content-Type"] = "application/json"}

function request()
  next_body = next_body % #bodies + 1
  return wrk.format("POST", nil, headers, bodies[next_body])
end

if interval_ms > 0 then
  local ffi = require("ffi")
  ffi.cdef[[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clock, bench_timespec *t);
  ]]
  local now = ffi.new("bench_timespec")
  local function monotonic_ms()
    ffi.C.clock_gettime(1, now)
    return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6
  end
  local next_slot = 0
  -- Each request of this thread takes the next slot of a fixed schedule. A request whose slot has
  -- passed (its connection was busy, or the timer fired late) goes at once and the schedule keeps
  -- its pace; only a lag of over a second is given up, so the achieved rate shows what the server
  -- sustained rather than a burst to catch up.
  function delay()
    local t = monotonic_ms()
    if next_slot < t - 1000 then next_slot = t end
    local wait = next_slot - t
    next_slot = next_slot + interval_ms
    if wait < 0 then return 0 end
    return math.floor(wait)
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.1f " ..
    "connect_errors=%d read_errors=%d write_errors=%d status_errors=%d timeouts=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, latency.mean, e.connect, e.read, e.write, e.status, e.timeout))
end
