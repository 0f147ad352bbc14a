#!/usr/bin/env bash
# CareQMS benchmark: import vs COPY, core indicators vs hand SQL, indicator page, heap. See bench/README.md.
#
#   bench/run.sh 100000            # discharges; builds nothing, expects target/careqms.jar
#
# Environment (all optional):
#   BENCH_DIR=/tmp/careqms-bench   work directory (data, database, logs, results)
#   APP_PORT=8095 DB_PORT=54400    ports of the app and its embedded PostgreSQL
#   SEED=42 MONTHS=24 END_MONTH=<last month before today>
#   REPS=7 WARMUP=2                query repetitions (median and min are reported)
#   KEEP=1                         keep generated files and the database afterwards
#   JAR=target/careqms.jar         the build to measure (e.g. main's jar, for a before/after pair)
#   TAG=                           names the result file bench/results/<N>-<TAG>-<date-time>.md instead of <N>-<commit>.md
set -euo pipefail

N=${1:?usage: bench/run.sh <discharges>}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/careqms-bench}
APP_PORT=${APP_PORT:-8095}
DB_PORT=${DB_PORT:-54400}
SEED=${SEED:-42}
MONTHS=${MONTHS:-24}
END_MONTH=${END_MONTH:-$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)}
REPS=${REPS:-7}
WARMUP=${WARMUP:-2}
JAR=${JAR:-$ROOT/target/careqms.jar}
BASE=http://localhost:$APP_PORT
RUN=$BENCH_DIR/run-$N
DATA=$RUN/data
OUT=$RUN/out
RESULT=$RUN/result.md
PSQL=(psql -h localhost -p "$DB_PORT" -U postgres -X -q -v ON_ERROR_STOP=1 postgres)

[ -f "$JAR" ] || { echo "build first: ./mvnw -q -o -B -DskipTests package" >&2; exit 1; }
rm -rf "$RUN"
mkdir -p "$DATA" "$OUT"
APP_PID=
SAMPLER_PID=
cleanup() {
	[ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
	if [ -n "$APP_PID" ]; then
		kill "$APP_PID" 2>/dev/null || true
		wait "$APP_PID" 2>/dev/null || true
	fi
	if [ "${KEEP:-0}" != 1 ]; then rm -rf "$DATA" "$RUN/app-data"; fi
}
trap cleanup EXIT

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
say() { echo "$*" >> "$RESULT"; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
# median and min of numbers on stdin, one a line
stats() { sort -n | awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%.1f %.1f\n", m, v[1]}'; }

# ---------------------------------------------------------------------------------------------- machine
{
	echo "# CareQMS benchmark, $N discharges"
	echo
	echo "- command: \`bench/run.sh $N\` (SEED=$SEED MONTHS=$MONTHS END_MONTH=$END_MONTH REPS=$REPS WARMUP=$WARMUP)"
	echo "- commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src || echo ' (+ local changes in src)'); jar: $JAR ($(date -u -r "$JAR" +'%Y-%m-%d %H:%M UTC'))"
	echo "- started: $(date -u +'%Y-%m-%d %H:%M UTC')"
	echo "- nproc: $(nproc); memory: $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1)"
	echo "- load before: $(uptime | sed 's/.*load average/load average/')"
	echo "- /tmp: $(df -h /tmp | awk 'NR==2 {print $4 " free of " $2}')"
} > "$RESULT"

# ---------------------------------------------------------------------------------------------- data
log "generating $N discharges into $DATA"
t=$(date +%s%N)
python3 "$ROOT/bench/gen_data.py" --discharges "$N" --out "$DATA" --seed "$SEED" --end-month "$END_MONTH" \
	--months "$MONTHS" > "$OUT/gen.txt"
say "- data: $(cat "$OUT/gen.txt"); encounters.csv $(du -h "$DATA/encounters.csv" | cut -f1), procedures.csv $(du -h "$DATA/procedures.csv" | cut -f1); generated in $(ms_since "$t") ms"
PROCS=$(($(wc -l < "$DATA/procedures.csv") - 1))

# ---------------------------------------------------------------------------------------------- app
start_app() {
	rm -rf "$RUN/app-data"
	# the demo hospital's users, not its two years of activity: the benchmark measures its own data only
	CAREQMS_DEMO_ACTIVITY=false CAREQMS_DATA_DIR=$RUN/app-data SERVER_PORT=$APP_PORT CAREQMS_EMBEDDED_DB_PORT=$DB_PORT \
		SPRING_SERVLET_MULTIPART_MAX_FILE_SIZE=8GB SPRING_SERVLET_MULTIPART_MAX_REQUEST_SIZE=8GB \
		java -Xmx1g -Xlog:gc:file="$OUT/gc.log" -jar "$JAR" > "$OUT/app.log" 2>&1 &
	APP_PID=$!
	for _ in $(seq 120); do
		sleep 1
		kill -0 "$APP_PID" 2>/dev/null || return 1
		[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/actuator/health/readiness")" = 200 ] && return 0
	done
	return 1
}
# the embedded server gives up after 10 s; on a busy machine the first initdb can take longer
for attempt in 1 2 3; do
	log "starting CareQMS (attempt $attempt)"
	if start_app; then break; fi
	kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=
	[ "$attempt" = 3 ] && { echo "CareQMS did not start, see $OUT/app.log" >&2; exit 1; }
done
HOSPITAL=$("${PSQL[@]}" -Atc "select id from hospital where code = 'H0001'")

# a session for the page, and a personal API token (a bearer token: HTTP Basic would add a BCrypt check
# of ~50 ms to every request, which is authentication, not indicator work)
JAR_COOKIES=$OUT/cookies
csrf() { grep -o 'name="_csrf" value="[^"]*' | head -1 | sed 's/.*value="//'; }
c=$(curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" "$BASE/login" | csrf)
curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" -o /dev/null -d "username=quality&password=Demo@CareQMS2026&_csrf=$c" "$BASE/login"
c=$(curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" "$BASE/account" | csrf)
TOKEN=$(curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" -L -d "name=bench&_csrf=$c" "$BASE/account/tokens" | grep -o 'cq_[A-Za-z0-9_-]\{20,\}' | head -1)
[ -n "$TOKEN" ] || { echo "could not issue an API token" >&2; exit 1; }
AUTH=(-H "Authorization: Bearer $TOKEN")

# ---------------------------------------------------------------------------------------------- (a) import
# heap: every GC is logged (-Xlog:gc); jstat samples used heap (S0U+S1U+EU+OU) and ps the RSS every 0.5 s
sample() {
	while kill -0 "$APP_PID" 2>/dev/null; do
		echo "$(jstat -gc "$APP_PID" | awk 'NR==1 {for (i=1;i<=NF;i++) h[$i]=i} NR==2 {printf "%.0f", ($h["S0U"]+$h["S1U"]+$h["EU"]+$h["OU"])/1024}') $(ps -o rss= -p "$APP_PID")"
		sleep 0.5
	done
}
sample > "$OUT/heap-samples.txt" 2>/dev/null &
SAMPLER_PID=$!

import() { # kind file -> "ms accepted rejected"
	local t body
	t=$(date +%s%N)
	body=$(curl -s -f "${AUTH[@]}" -F "file=@$2" "$BASE/api/v1/imports/$1")
	echo "$(ms_since "$t") $(echo "$body" | grep -o '"accepted":[0-9]*' | cut -d: -f2) $(echo "$body" | grep -o '"rejected":[0-9]*' | cut -d: -f2)"
}
log "importing encounters"
read -r IMP_E ACC_E REJ_E < <(import encounters "$DATA/encounters.csv")
log "importing procedures"
read -r IMP_P ACC_P REJ_P < <(import procedures "$DATA/procedures.csv")
log "re-importing encounters (every row replaces itself)"
read -r REIMP_E _ _ < <(import encounters "$DATA/encounters.csv")
kill "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=
HEAP_SAMPLED=$(awk '$1>m {m=$1} END {print m+0}' "$OUT/heap-samples.txt")
RSS_MAX=$(awk '$2>m {m=$2} END {printf "%.0f", m/1024}' "$OUT/heap-samples.txt")
# "Pause Young (Normal) (G1 Evacuation Pause) 612M->98M(1024M)": the heap used just before each GC
HEAP_GC=$(grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$OUT/gc.log" | sed 's/M->.*//' | sort -n | tail -1)
HEAP_MAX=$(grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$OUT/gc.log" | sed 's/.*(//; s/M)//' | sort -n | tail -1)
GCS=$(grep -c 'Pause' "$OUT/gc.log" || true)
FULL=$(grep -c 'Pause Full' "$OUT/gc.log" || true)

# ---------------------------------------------------------------------------------------------- (a) COPY
log "COPY baseline"
"${PSQL[@]}" <<'SQL'
drop table if exists bench_copy_encounter, bench_copy_procedure, bench_key_encounter, bench_key_procedure;
create table bench_copy_encounter (encounter_id varchar(64), patient_id varchar(64), sex smallint, birth_date date,
    admit_time timestamp, admit_dept varchar(64), discharge_time timestamp, discharge_dept varchar(64),
    admission_route smallint, principal_dx varchar(32), other_dx text, discharge_disposition smallint,
    readmission_plan_31d smallint, total_cost numeric(14, 2));
create table bench_copy_procedure (encounter_id varchar(64), seq integer, code varchar(32), op_time timestamp,
    surgery_level smallint, incision_class varchar(3), healing_grade char(1), unplanned_return boolean);
create table bench_key_encounter (like bench_copy_encounter, primary key (encounter_id));
create index on bench_key_encounter (discharge_time);
create index on bench_key_encounter (patient_id, admit_time);
create table bench_key_procedure (like bench_copy_procedure, primary key (encounter_id, seq));
SQL
copy_ms() { # table file
	"${PSQL[@]}" -c '\timing on' -c "\\copy $1 from '$2' with (format csv, header)" | awk '/^Time:/ {printf "%.0f", $2}'
}
COPY_E=$(copy_ms bench_copy_encounter "$DATA/encounters.csv")
COPY_P=$(copy_ms bench_copy_procedure "$DATA/procedures.csv")
KEY_E=$(copy_ms bench_key_encounter "$DATA/encounters.csv")
KEY_P=$(copy_ms bench_key_procedure "$DATA/procedures.csv")
"${PSQL[@]}" -c "drop table bench_copy_encounter, bench_copy_procedure, bench_key_encounter, bench_key_procedure"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
say "- import answers: encounters accepted $ACC_E rejected $REJ_E; procedures accepted $ACC_P rejected $REJ_P"
say ""
say "## (a) Import vs COPY (single runs, ms)"
say ""
say "| file | rows | CareQMS import (HTTP upload, validation, staging, upsert) | COPY into bare table | ratio | COPY into table with keys + indexes | ratio |"
say "|---|---:|---:|---:|---:|---:|---:|"
say "| encounters.csv | $N | $IMP_E | $COPY_E | $(ratio "$IMP_E" "$COPY_E")× | $KEY_E | $(ratio "$IMP_E" "$KEY_E")× |"
say "| procedures.csv | $PROCS | $IMP_P | $COPY_P | $(ratio "$IMP_P" "$COPY_P")× | $KEY_P | $(ratio "$IMP_P" "$KEY_P")× |"
say "| both | | $((IMP_E + IMP_P)) | $((COPY_E + COPY_P)) | $(ratio $((IMP_E + IMP_P)) $((COPY_E + COPY_P)))× | $((KEY_E + KEY_P)) | $(ratio $((IMP_E + IMP_P)) $((KEY_E + KEY_P)))× |"
say ""
say "Re-import of encounters.csv (every row replaced by itself): $REIMP_E ms."
say ""
say "Where the import time went (the application's log: reading, checking and staging with COPY; the SQL checks; the upsert with its triggers; the recomputed monthly statistics):"
say ""
grep -E 'rows read, checked|Indicator statistics of hospital' "$OUT/app.log" | sed 's/^.*\] [^:]*: /- /' >> "$RESULT" || true
say ""
say "## (d) JVM during the three imports (-Xmx1g)"
say ""
say "- peak heap used before a GC (from -Xlog:gc): ${HEAP_GC:-?} MB of ${HEAP_MAX:-?} MB committed; $GCS GC pauses, $FULL full GCs"
say "- peak heap used in jstat samples (0.5 s): $HEAP_SAMPLED MB; peak RSS of the JVM (ps): $RSS_MAX MB (the embedded PostgreSQL runs in its own processes, not counted)"

# ---------------------------------------------------------------------------------------------- (b) indicators
log "vacuum analyze"
t=$(date +%s%N)
"${PSQL[@]}" -c "vacuum analyze clinical_encounter" -c "vacuum analyze clinical_procedure"
say "- \`vacuum analyze\` of both tables after the imports: $(ms_since "$t") ms (autovacuum would do this in time; done here so that both sides query analysed tables)"

FROM=$(date -d "$END_MONTH-01 -11 month" +%Y-%m)
TO=$END_MONTH
FROM_TS="$FROM-01"
TO_TS=$(date -d "$END_MONTH-01 +1 month" +%Y-%m-%d)
mkdir -p "$OUT/product"
python3 "$ROOT/bench/product_sql.py" "$ROOT/src/main/java/org/careqms/indicators/IndicatorResults.java" "$OUT/product"
PV=(-v "hospital=$HOSPITAL" -v "from=$FROM_TS" -v "to=$TO_TS")

psql_times() { # file -> one ms a line, WARMUP+REPS runs in one session, warm-ups dropped
	{ echo '\o /dev/null'; echo '\timing on'; for _ in $(seq $((WARMUP + REPS))); do cat "$1"; done; } \
		| "${PSQL[@]}" "${PV[@]}" | awk '/^Time:/ {print $2}' | tail -n "$REPS"
}
http_times() { # url curl-args... -> one ms a line
	local url=$1; shift
	for i in $(seq $((WARMUP + REPS))); do
		curl -s -f -o /dev/null -w '%{time_total}\n' "$@" "$url" | awk '{printf "%.1f\n", $1 * 1000}'
	done | tail -n "$REPS"
}

say ""
say "## (b) Core indicators, 12 months ($FROM..$TO) by department (ms, median / min of $REPS after $WARMUP warm-ups)"
say ""
say "| indicator | rows | API GET .../results (HTTP) | product SQL in psql | hand SQL in psql | product SQL / hand | API / hand | same numbers |"
say "|---|---:|---:|---:|---:|---:|---:|---|"
PREVIOUS=()
for code in MORT-INPT ALOS READM-31-UNPLANNED SSI-I UNPLANNED-REOP; do
	log "indicator $code"
	"${PSQL[@]}" "${PV[@]}" -At -F, -f "$OUT/product/$code.sql" > "$OUT/$code.product.csv"
	"${PSQL[@]}" "${PV[@]}" -At -F, -f "$ROOT/bench/sql/hand/$code.sql" > "$OUT/$code.hand.csv"
	same=$(cmp -s "$OUT/$code.product.csv" "$OUT/$code.hand.csv" && echo yes || echo "NO")
	rows=$(wc -l < "$OUT/$code.product.csv")
	{ echo "explain (analyze, buffers)"; sed '/^--/d' "$OUT/product/$code.sql"; } | "${PSQL[@]}" "${PV[@]}" > "$OUT/$code.product.plan"
	{ echo "explain (analyze, buffers)"; sed '/^--/d' "$ROOT/bench/sql/hand/$code.sql"; } | "${PSQL[@]}" "${PV[@]}" > "$OUT/$code.hand.plan"
	read -r pm pmin < <(psql_times "$OUT/product/$code.sql" | stats)
	read -r hm hmin < <(psql_times "$ROOT/bench/sql/hand/$code.sql" | stats)
	read -r am amin < <(http_times "$BASE/api/v1/indicators/$code/results?groupBy=department&from=$FROM&to=$TO" "${AUTH[@]}" | stats)
	say "| $code | $rows | $am / $amin | $pm / $pmin | $hm / $hmin | $(ratio "$pm" "$hm")× | $(ratio "$am" "$hm")× | $same |"
	if [ -f "$ROOT/bench/sql/previous/$code.sql" ]; then # an earlier version of the product's SQL, A/B in the same run
		"${PSQL[@]}" "${PV[@]}" -At -F, -f "$ROOT/bench/sql/previous/$code.sql" > "$OUT/$code.previous.csv"
		read -r vm vmin < <(psql_times "$ROOT/bench/sql/previous/$code.sql" | stats)
		PREVIOUS+=("$code: previous product SQL (bench/sql/previous) $vm / $vmin ms in psql, $(ratio "$vm" "$hm")× the hand SQL; same numbers: $(cmp -s "$OUT/$code.previous.csv" "$OUT/$code.hand.csv" && echo yes || echo NO)")
	fi
done
for line in "${PREVIOUS[@]}"; do say ""; say "$line"; done
read -r fm fmin < <(http_times "$BASE/api/v1/indicators" "${AUTH[@]}" | stats)
say ""
say "HTTP floor: GET /api/v1/indicators (the catalog, no clinical data) takes $fm / $fmin ms."

# ---------------------------------------------------------------------------------------------- (c) page
log "indicator page"
read -r gm gmin < <(http_times "$BASE/indicators/MORT-INPT" -b "$JAR_COOKIES" | stats)
read -r g2m g2min < <(http_times "$BASE/indicators/READM-31-UNPLANNED" -b "$JAR_COOKIES" | stats)
say ""
say "## (c) Indicator page with a session (hospital-wide, default 24 months; ms, median / min)"
say ""
say "| page | median | min |"
say "|---|---:|---:|"
say "| GET /indicators/MORT-INPT | $gm | $gmin |"
say "| GET /indicators/READM-31-UNPLANNED | $g2m | $g2min |"
say ""
say "- load after: $(uptime | sed 's/.*load average/load average/'); finished $(date -u +'%H:%M UTC')"
say "- database size: $("${PSQL[@]}" -Atc "select pg_size_pretty(pg_database_size('postgres'))")"
if [ -n "${TAG:-}" ]; then NAME=$N-$TAG-$(date -u +%Y%m%d-%H%M); else NAME=$N-$(git -C "$ROOT" rev-parse --short HEAD); fi
mkdir -p "$ROOT/bench/results" && cp "$RESULT" "$ROOT/bench/results/$NAME.md"
log "done: $RESULT"
cat "$RESULT"
