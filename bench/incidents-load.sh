#!/usr/bin/env bash
# CareQMS load benchmark: adverse-event report submission (issue 4). See bench/README.md.
#
#   bench/incidents-load.sh          # builds nothing, expects target/careqms.jar
#
# One run: start the app on a fresh database, issue nurse.cardio an API token, then with the same
# wrk connections (a) warm up, (b) the baseline: an authenticated GET of one report, (c) report
# submissions (POST /api/v1/incidents, bearer token, a fresh Idempotency-Key each), (d) the database
# floor: as many plain INSERTs as (c) created, through pgbench with as many clients; then check that
# every 201 is one stored report and that the audit chain still verifies.
#
# Environment (all optional):
#   BENCH_DIR=/tmp/careqms-bench-inc  APP_PORT=8096  DB_PORT=54410
#   CONNECTIONS=16 THREADS=2 DURATION=30s WARMUP=10s   wrk settings
#   JAVA_OPTS="-Xmx1g"                                  extra JVM options, APP_ENV="K=V ..." extra app settings
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/careqms-bench-inc}
APP_PORT=${APP_PORT:-8096}
DB_PORT=${DB_PORT:-54410}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
JAVA_OPTS=${JAVA_OPTS:--Xmx1g}
APP_ENV=${APP_ENV:-}
JAR=${JAR:-$ROOT/target/careqms.jar}
BASE=http://localhost:$APP_PORT
RUN=$BENCH_DIR/incidents-$(date +%Y%m%d-%H%M%S)
OUT=$RUN/out
RESULT=$RUN/result.md
PSQL=(psql -h localhost -p "$DB_PORT" -U postgres -X -q -v ON_ERROR_STOP=1 postgres)
PGBENCH=${PGBENCH:-$(command -v pgbench || echo /usr/lib/postgresql/15/bin/pgbench)}

command -v wrk > /dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 1; }
[ -f "$JAR" ] || { echo "build first: ./mvnw -q -o -B -DskipTests package" >&2; exit 1; }
mkdir -p "$OUT"
APP_PID=
SAMPLER_PID=
cleanup() {
	[ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
	if [ -n "$APP_PID" ]; then
		kill "$APP_PID" 2>/dev/null || true
		wait "$APP_PID" 2>/dev/null || true
	fi
	[ "${KEEP:-0}" = 1 ] || rm -rf "$RUN/app-data"
}
trap cleanup EXIT
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
say() { echo "$*" >> "$RESULT"; }
load() { uptime | sed 's/.*load average: //'; }
busiest() { ps -eo pcpu,comm --sort=-pcpu | awk 'NR>1 && NR<=5 {printf "%s %s%%; ", $2, $1}'; }

{
	echo "# CareQMS load benchmark: report submission"
	echo
	echo "- command: \`$(printf '%q ' "$0")\` (CONNECTIONS=$CONNECTIONS THREADS=$THREADS DURATION=$DURATION WARMUP=$WARMUP JAVA_OPTS=\"$JAVA_OPTS\" APP_ENV=\"$APP_ENV\")"
	echo "- commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src || echo ' (+ local changes in src)'); jar: $JAR"
	echo "- started: $(date -u +'%Y-%m-%d %H:%M UTC'); nproc $(nproc); $(java -version 2>&1 | head -1); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
	echo "- load average before: $(load); busiest processes: $(busiest)"
} > "$RESULT"

# ------------------------------------------------------------------------------------------------ app
start_app() {
	rm -rf "$RUN/app-data"
	# the demo hospital's users, not its two years of activity (the baseline reads the nurse's own report)
	# shellcheck disable=SC2086
	env CAREQMS_DEMO_ACTIVITY=false CAREQMS_DATA_DIR="$RUN/app-data" SERVER_PORT="$APP_PORT" CAREQMS_EMBEDDED_DB_PORT="$DB_PORT" $APP_ENV \
		java $JAVA_OPTS -jar "$JAR" > "$OUT/app.log" 2>&1 &
	APP_PID=$!
	for _ in $(seq 120); do
		sleep 1
		kill -0 "$APP_PID" 2>/dev/null || return 1
		[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/actuator/health/readiness")" = 200 ] && return 0
	done
	return 1
}
for attempt in 1 2 3; do
	log "starting CareQMS (attempt $attempt)"
	if start_app; then break; fi
	kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=
	[ "$attempt" = 3 ] && { echo "CareQMS did not start, see $OUT/app.log" >&2; exit 1; }
done
say "- database: embedded PostgreSQL $("${PSQL[@]}" -Atc 'show server_version'), synchronous_commit=$("${PSQL[@]}" -Atc 'show synchronous_commit'), fsync=$("${PSQL[@]}" -Atc "select setting || ' (from ' || source || coalesce(' ' || sourcefile, '') || ')' from pg_settings where name = 'fsync'"), max_connections=$("${PSQL[@]}" -Atc 'show max_connections'); app pool: $(grep -o 'maximumPoolSize=[0-9]*\|maximum-pool-size[^,]*' "$OUT/app.log" | head -1 || true)"

# nurse.cardio reports; a personal API token (bearer): HTTP Basic would run a BCrypt check per request
csrf() { grep -o 'name="_csrf" value="[^"]*' | head -1 | sed 's/.*value="//'; }
token() { # username -> a new personal API token
	local cookies=$OUT/cookies-$1 c
	c=$(curl -s -c "$cookies" -b "$cookies" "$BASE/login" | csrf)
	curl -s -c "$cookies" -b "$cookies" -o /dev/null -d "username=$1&password=Demo@CareQMS2026&_csrf=$c" "$BASE/login"
	c=$(curl -s -c "$cookies" -b "$cookies" "$BASE/account" | csrf)
	curl -s -c "$cookies" -b "$cookies" -L -d "name=bench&_csrf=$c" "$BASE/account/tokens" | grep -o 'cq_[A-Za-z0-9_-]\{20,\}' | head -1
}
TOKEN=$(token nurse.cardio)
ADMIN_TOKEN=$(token admin)
[ -n "$TOKEN" ] && [ -n "$ADMIN_TOKEN" ] || { echo "could not issue an API token" >&2; exit 1; }
OCCURRED=$(date -d '-1 hour' +%Y-%m-%dT%H:%M:00)
WRK=(wrk -t"$THREADS" -c"$CONNECTIONS" --latency)

# ------------------------------------------------------------------------------------------------ runs
# what the database sessions wait for during the submissions, sampled every 0.2 s
sample_waits() {
	while :; do
		"${PSQL[@]}" -Atc "select coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, '-') from pg_stat_activity
			where state = 'active' and backend_type = 'client backend' and pid <> pg_backend_pid()" 2>/dev/null || true
		sleep 0.2
	done
}
field() { grep "^$1=" "$2" | cut -d= -f2; }
timeouts() { grep -o 'timeout [0-9]*' "$1" | grep -o '[0-9]*' || echo 0; }
rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
row() { # label file
	printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$(field created "$2")" "$(( $(field other "$2") + $(timeouts "$2") ))" \
		"$(rps "$2" | awk '{printf "%.0f", $1}')" "$(field p50_ms "$2")" "$(field p90_ms "$2")" "$(field p99_ms "$2")" \
		"$(field max_ms "$2")"
}

log "warm-up $WARMUP"
"${WRK[@]}" -d"$WARMUP" -s "$ROOT/bench/incidents/submit.lua" "$BASE" -- "$TOKEN" warm "$OCCURRED" 0301 > "$OUT/warmup.txt"
ID=$("${PSQL[@]}" -Atc "select id from incident order by submitted_at limit 1")
BEFORE=$("${PSQL[@]}" -Atc "select count(*) from incident")

log "baseline: GET /api/v1/incidents/$ID, $DURATION"
"${WRK[@]}" -d"$DURATION" -s "$ROOT/bench/incidents/get.lua" "$BASE" -- "$TOKEN" "/api/v1/incidents/$ID" > "$OUT/get.txt"

log "submissions, $DURATION"
sample_waits > "$OUT/waits.txt" &
SAMPLER_PID=$!
LOAD_DURING=$(load)
"${WRK[@]}" -d"$DURATION" -s "$ROOT/bench/incidents/submit.lua" "$BASE" -- "$TOKEN" run "$OCCURRED" 0301 > "$OUT/submit.txt"
LOAD_DURING="$LOAD_DURING → $(load)"
kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=
CREATED=$(field created "$OUT/submit.txt")
STORED=$(( $("${PSQL[@]}" -Atc "select count(*) from incident") - BEFORE ))
KEYS=$("${PSQL[@]}" -Atc "select count(*) from incident_idempotency where idempotency_key like 'run-%'")
# audit entries of the submissions: sealed into the hash chain after commit (ADR 0004); how long from the
# start of the writing transaction to the seal, and how many were still waiting when wrk stopped (counted right away)
SEAL=$("${PSQL[@]}" -Atc "select count(*) filter (where chain_seq is null) || ' still pending when the run ended, '
	|| count(*) filter (where chain_seq is not null) || ' sealed; from the transaction start to the seal: p50 '
	|| coalesce(round(1000 * extract(epoch from percentile_cont(0.5) within group (order by sealed_at - recorded_at)))::text, '?')
	|| ' ms, p99 ' || coalesce(round(1000 * extract(epoch from percentile_cont(0.99) within group (order by sealed_at - recorded_at)))::text, '?')
	|| ' ms, max ' || coalesce(round(1000 * extract(epoch from max(sealed_at - recorded_at)))::text, '?') || ' ms'
	from audit_entry where entity_type = 'Incident' and recorded_at > now() - interval '15 minutes'" 2>/dev/null \
	|| echo "n/a (this version chains entries in the writing transaction)")

# the same number of plain INSERTs of a similar row, one per transaction, as many clients
log "pgbench: $CREATED plain INSERTs with $CONNECTIONS clients"
"${PSQL[@]}" -c "create table bench_report (id uuid primary key default gen_random_uuid(), hospital_id uuid not null,
	reference varchar(20) not null, occurred_at timestamp not null, category varchar(20) not null,
	description text not null, details jsonb not null, submitted_at timestamptz not null default now())"
cat > "$OUT/insert.sql" <<'SQL'
insert into bench_report (hospital_id, reference, occurred_at, category, description, details)
values ('00000000-0000-0000-0000-000000000001', 'INC-' || :client_id || '-' || random(1, 1000000000), now(), 'CAT-FALL',
        '患者夜间如厕时跌倒（负载测试）', '{"injury":"NONE","riskAssessed":"YES"}');
SQL
PER_CLIENT=$(( (CREATED + CONNECTIONS - 1) / CONNECTIONS ))
( cd "$OUT" && PGPASSWORD= "$PGBENCH" -h localhost -p "$DB_PORT" -U postgres -n -c "$CONNECTIONS" -j "$THREADS" \
	-t "$PER_CLIENT" -f insert.sql -l --log-prefix=pgbench postgres > pgbench.txt 2>&1 )
cat "$OUT"/pgbench.* 2>/dev/null | awk 'NF >= 6 {print $3 / 1000}' | sort -n > "$OUT/pgbench-latencies.txt"
pct() { awk -v p="$1" '{v[NR]=$1} END {i=int(NR*p/100); if (i<1) i=1; if (i>NR) i=NR; printf "%.2f", v[i]}' "$OUT/pgbench-latencies.txt"; }
{
	echo "created=$(wc -l < "$OUT/pgbench-latencies.txt")"
	echo "other=$(grep -o 'failed transactions: [0-9]*' "$OUT/pgbench.txt" | grep -o '[0-9]*$' || echo 0)"
	echo "p50_ms=$(pct 50)"; echo "p90_ms=$(pct 90)"; echo "p99_ms=$(pct 99)"; echo "p99.9_ms=$(pct 99.9)"
	echo "max_ms=$(tail -1 "$OUT/pgbench-latencies.txt")"
	echo "Requests/sec: $(grep -o 'tps = [0-9.]*' "$OUT/pgbench.txt" | head -1 | cut -d' ' -f3)"
} > "$OUT/pgbench-summary.txt"

DUPLICATES=$("${PSQL[@]}" -Atc "select count(*) - count(distinct (hospital_id, reference)) from incident")
VERIFY=$(curl -s -X POST -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE/api/v1/audit-trail/verification" -o "$OUT/verify.json" -w '%{http_code}')

# ------------------------------------------------------------------------------------------------ result
say "- load average during the submissions: $LOAD_DURING; after: $(load); busiest processes after: $(busiest)"
say ""
say "| step ($CONNECTIONS connections, $THREADS threads, $DURATION) | 2xx / rows | other or client timeout (2 s) | per s | p50 ms | p90 ms | p99 ms | max ms |"
say "|---|---:|---:|---:|---:|---:|---:|---:|"
say "$(row 'GET /api/v1/incidents/{id} (baseline, bearer)' "$OUT/get.txt")"
say "$(row 'POST /api/v1/incidents (bearer, Idempotency-Key)' "$OUT/submit.txt")"
say "$(row "pgbench: plain INSERT, one per transaction" "$OUT/pgbench-summary.txt")"
say ""
say "- stored: $STORED new reports for $CREATED answers 201, $KEYS idempotency keys; audit chain verification: HTTP $VERIFY $(grep -o '"intact":[a-z]*' "$OUT/verify.json" || true)"
say "- report numbers given twice: $DUPLICATES over $("${PSQL[@]}" -Atc 'select count(*) from incident') reports"
say "- audit entries of the reports: $SEAL"
say "- what the database sessions waited for during the submissions (samples every 0.2 s; CPU = running):"
sort "$OUT/waits.txt" | uniq -c | sort -rn | head -8 | awk '{printf "  %s × %s\n", $2, $1}' >> "$RESULT"
mkdir -p "$ROOT/bench/results"
cp "$RESULT" "$ROOT/bench/results/incidents-$(git -C "$ROOT" rev-parse --short HEAD)-c$CONNECTIONS-$(basename "$RUN" | cut -d- -f2-).md"
cat "$RESULT"
