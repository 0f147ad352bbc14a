#!/usr/bin/env bash
# CPU per request of report submission and of the GET baseline (issue 4), for comparing two builds on a
# shared machine where throughput follows the other load more than the build. See bench/README.md.
#
#   JAR=target/careqms.jar bench/incidents-cpu.sh
#
# Starts the jar on a fresh database, issues nurse.cardio a token, warms up 10 s, then runs wrk (16
# connections, 20 s) against POST /api/v1/incidents and GET /api/v1/incidents/{id}, reading the CPU
# time of the JVM and of the PostgreSQL processes from /proc before and after each step.
# Environment: JAR, APP_PORT=8379, DB_PORT=54679, DIR=/tmp/careqms-bench-cpu, JAVA_OPTS="-Xmx1g", CONNECTIONS=16
# (fewer connections leave the cores less contended: CPU per request then varies less with the other load).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/careqms.jar}; APP_PORT=${APP_PORT:-8379}; DB_PORT=${DB_PORT:-54679}
DIR=${DIR:-/tmp/careqms-bench-cpu}; CONNECTIONS=${CONNECTIONS:-16}; BASE=http://localhost:$APP_PORT; B=$ROOT/bench/incidents
rm -rf "$DIR"; mkdir -p "$DIR"
env CAREQMS_DEMO_ACTIVITY=false CAREQMS_DATA_DIR="$DIR/data" SERVER_PORT=$APP_PORT CAREQMS_EMBEDDED_DB_PORT=$DB_PORT \
	java ${JAVA_OPTS:--Xmx1g} -jar "$JAR" > "$DIR/app.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null' EXIT
for _ in $(seq 120); do
	sleep 1
	[ "$(curl -s -o /dev/null -w '%{http_code}' $BASE/actuator/health/readiness)" = 200 ] && break
done
csrf() { grep -o 'name="_csrf" value="[^"]*' | head -1 | sed 's/.*value="//'; }
cookies=$DIR/cookies
c=$(curl -s -c "$cookies" -b "$cookies" "$BASE/login" | csrf)
curl -s -c "$cookies" -b "$cookies" -o /dev/null -d "username=nurse.cardio&password=Demo@CareQMS2026&_csrf=$c" "$BASE/login"
c=$(curl -s -c "$cookies" -b "$cookies" "$BASE/account" | csrf)
T=$(curl -s -c "$cookies" -b "$cookies" -L -d "name=bench&_csrf=$c" "$BASE/account/tokens" | grep -o 'cq_[A-Za-z0-9_-]\{20,\}' | head -1)
[ -n "$T" ] || { echo "could not issue a token, see $DIR/app.log" >&2; exit 1; }
OCC=$(date -d '-1 hour' +%Y-%m-%dT%H:%M:00)
ticks() { local s=0 p; for p in "$@"; do [ -r /proc/$p/stat ] && s=$((s + $(awk '{print $14+$15}' /proc/$p/stat))); done; echo $s; }
pgpids() { local main; main=$(pgrep -f "bin/postgres -D $DIR" | head -1); echo "$main $(pgrep -P "$main" | tr '\n' ' ')"; }
HZ=$(getconf CLK_TCK)
wrk -t2 -c16 -d10s -s "$B/submit.lua" "$BASE" -- "$T" warm "$OCC" 0301 > /dev/null
ID=$(psql -h localhost -p "$DB_PORT" -U postgres -X -Atc "select id from incident limit 1")
echo "$(date -u +'%H:%M UTC') $(basename "$JAR"), $CONNECTIONS connections; load average $(cut -d' ' -f1-3 /proc/loadavg)"
step() { # name, then wrk arguments
	local name=$1 pg j0 p0 j1 p1 n rps; shift
	pg=$(pgpids); j0=$(ticks $PID); p0=$(ticks $pg)
	wrk -t2 -c"$CONNECTIONS" -d20s --latency "$@" > "$DIR/$name.txt"
	j1=$(ticks $PID); p1=$(ticks $pg)
	n=$(awk -F= '/^created=/ {print $2}' "$DIR/$name.txt"); rps=$(awk '/^Requests\/sec/ {print $2}' "$DIR/$name.txt")
	echo "$name: $n answered 2xx, $rps/s; CPU ms per request: JVM $(awk -v a="$j0" -v b="$j1" -v n="$n" -v hz="$HZ" 'BEGIN {printf "%.2f", (b-a)*1000/hz/n}'), PostgreSQL $(awk -v a="$p0" -v b="$p1" -v n="$n" -v hz="$HZ" 'BEGIN {printf "%.2f", (b-a)*1000/hz/n}')"
}
step POST -s "$B/submit.lua" "$BASE" -- "$T" run "$OCC" 0301
step GET -s "$B/get.lua" "$BASE" -- "$T" "/api/v1/incidents/$ID"
