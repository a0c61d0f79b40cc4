#!/usr/bin/env bash
# Measures the simulator's throughput with wrk (a C load generator, so almost all CPU is left to the
# simulator). Usage, from the project root:
#   bash camel-cashfin-benchmarks/wrk/simulator-wrk.sh [seconds] [connections]
# Needs `wrk` (Debian package `wrk`; installed here if missing). Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_RUN=${1:-20}
CONNECTIONS=${2:-16}
PORT=${PORT:-18099}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

mvn -B -ntp -q -pl camel-cashfin-simulator -am -DskipTests package
mvn -B -ntp -q -pl camel-cashfin-simulator dependency:build-classpath -Dmdep.outputFile=target/cp.txt
CP="camel-cashfin-simulator/target/classes:$(cat camel-cashfin-simulator/target/cp.txt)"

java -Xmx1g -cp "$CP" africa.cashfin.camel.simulator.CashfinSimulatorMain --port "$PORT" --plan unlimited --seed 500 \
  > target/simulator-wrk.log 2>&1 &
SIM=$!
trap 'kill $SIM 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/__cashfin/stats" >/dev/null && break; sleep 1; done

echo "warm-up (15 s)"
wrk -t2 -c"$CONNECTIONS" -d15s -s camel-cashfin-benchmarks/wrk/mixed.lua "http://127.0.0.1:$PORT" >/dev/null
echo "measured run (${SECONDS_RUN} s, ${CONNECTIONS} connections, 2 wrk threads)"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --latency -s camel-cashfin-benchmarks/wrk/mixed.lua "http://127.0.0.1:$PORT"
echo "simulator stats: $(curl -s "http://127.0.0.1:$PORT/__cashfin/stats")" | cut -c1-400
