#!/usr/bin/env bash
# CareQMS record-QC benchmark: one run over every discharge of the data, through the API, against a
# hand-written SQL baseline of the six contract rules on the same database. See bench/README.md.
#
#   bench/recordqc.sh 1000000      # discharges (~6.4 documents each); expects target/careqms.jar
#
# Environment (all optional):
#   BENCH_DIR=/tmp/careqms-bench   work directory (data, database, logs, results)
#   APP_PORT=8095 DB_PORT=54400    ports of the app and its embedded PostgreSQL
#   SEED=42 MONTHS=24 END_MONTH=<last month before today>
#   RUNS=2                         API runs over the whole range (the first judges empty tables, the
#                                  next ones replace a full judgement)
#   JAR=target/careqms.jar         the build to measure
#   KEEP=1                         keep generated files and the database afterwards
set -euo pipefail

N=${1:?usage: bench/recordqc.sh <discharges>}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/careqms-bench}
APP_PORT=${APP_PORT:-8095}
DB_PORT=${DB_PORT:-54400}
SEED=${SEED:-42}
MONTHS=${MONTHS:-24}
END_MONTH=${END_MONTH:-$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)}
RUNS=${RUNS:-2}
JAR=${JAR:-$ROOT/target/careqms.jar}
BASE=http://localhost:$APP_PORT
RUN=$BENCH_DIR/recordqc-$N
DATA=$RUN/data
OUT=$RUN/out
RESULT=$RUN/result.md
PSQL=(psql -h localhost -p "$DB_PORT" -U postgres -X -q -v ON_ERROR_STOP=1 postgres)

[ -f "$JAR" ] || { echo "build first: ./mvnw -q -o -B -DskipTests package" >&2; exit 1; }
rm -rf "$RUN"
mkdir -p "$DATA" "$OUT"
APP_PID=
cleanup() {
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
load() { uptime | sed 's/.*load average: //'; }

{
	echo "# CareQMS record-QC benchmark, $N discharges"
	echo
	echo "- command: \`bench/recordqc.sh $N\` (SEED=$SEED MONTHS=$MONTHS END_MONTH=$END_MONTH RUNS=$RUNS)"
	echo "- commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src || echo ' (+ local changes in src)')"
	echo "- started: $(date -u +'%Y-%m-%d %H:%M UTC')"
	echo "- nproc: $(nproc); memory: $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1)"
	echo "- load average before: $(load)"
} > "$RESULT"

log "generating $N discharges with their documents into $DATA"
t=$(date +%s%N)
python3 "$ROOT/bench/gen_data.py" --discharges "$N" --out "$DATA" --seed "$SEED" --end-month "$END_MONTH" \
	--months "$MONTHS" --documents > "$OUT/gen.txt"
say "- data: $(cat "$OUT/gen.txt"); generated in $(ms_since "$t") ms"

start_app() { # [fresh]
	[ "${1:-}" = fresh ] && rm -rf "$RUN/app-data"
	# the demo hospital's users, not its two years of activity: the benchmark measures its own data only
	CAREQMS_DEMO_ACTIVITY=false CAREQMS_DATA_DIR=$RUN/app-data SERVER_PORT=$APP_PORT CAREQMS_EMBEDDED_DB_PORT=$DB_PORT \
		java -Xmx1g -jar "$JAR" >> "$OUT/app.log" 2>&1 &
	APP_PID=$!
	for _ in $(seq 120); do
		sleep 1
		kill -0 "$APP_PID" 2>/dev/null || return 1
		[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/actuator/health/readiness")" = 200 ] && return 0
	done
	return 1
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=; }
for attempt in 1 2 3; do
	log "starting CareQMS (attempt $attempt)"
	if start_app fresh; then break; fi
	kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=
	[ "$attempt" = 3 ] && { echo "CareQMS did not start, see $OUT/app.log" >&2; exit 1; }
done
HOSPITAL=$("${PSQL[@]}" -Atc "select id from hospital where code = 'H0001'")

# The data go in with COPY, not through the import API: this benchmark is about judging, and an import
# would start a record-QC run of its own (the last three months) behind the measured one.
log "loading the data with COPY"
t=$(date +%s%N)
"${PSQL[@]}" -v hospital="$HOSPITAL" <<SQL
create temp table s_enc (encounter_id text, patient_id text, sex smallint, birth_date date, admit_time timestamp,
    admit_dept text, discharge_time timestamp, discharge_dept text, admission_route smallint, principal_dx text,
    other_dx text, discharge_disposition smallint, readmission_plan_31d smallint, total_cost numeric(14, 2));
\\copy s_enc from '$DATA/encounters.csv' with (format csv, header)
insert into clinical_encounter (hospital_id, encounter_id, patient_id, sex, birth_date, admit_time, admit_dept_id,
    discharge_time, discharge_dept_id, admission_route, principal_dx, other_dx, discharge_disposition,
    readmission_plan_31d, total_cost, import_run_id)
select :'hospital', s.encounter_id, s.patient_id, s.sex, s.birth_date, s.admit_time, a.id, s.discharge_time, d.id,
       s.admission_route, s.principal_dx, coalesce(string_to_array(nullif(s.other_dx, ''), ';'), '{}'),
       s.discharge_disposition, s.readmission_plan_31d, s.total_cost, '00000000-0000-0000-0000-000000000001'
from s_enc s join department a on a.hospital_id = :'hospital' and a.code = s.admit_dept
join department d on d.hospital_id = :'hospital' and d.code = s.discharge_dept;
drop table s_enc;
create temp table s_proc (encounter_id text, seq integer, code text, op_time timestamp, surgery_level smallint,
    incision_class text, healing_grade text, unplanned_return text);
\\copy s_proc from '$DATA/procedures.csv' with (format csv, header)
insert into clinical_procedure (hospital_id, encounter_id, seq, code, op_time, surgery_level, incision_class,
    healing_grade, unplanned_return, import_run_id)
select :'hospital', encounter_id, seq, code, op_time, surgery_level, nullif(incision_class, ''),
       nullif(healing_grade, ''), coalesce(unplanned_return = 'Y', false), '00000000-0000-0000-0000-000000000001' from s_proc;
drop table s_proc;
create temp table s_doc (encounter_id text, doc_id text, doc_type text, event_time timestamp,
    written_time timestamp, author_id text, author_title text);
\\copy s_doc from '$DATA/record-documents.csv' with (format csv, header)
insert into record_document (hospital_id, encounter_id, doc_id, doc_type, event_time, written_time, author_id,
    author_title, import_run_id)
select :'hospital', encounter_id, doc_id, doc_type, event_time, written_time, author_id, author_title,
       '00000000-0000-0000-0000-000000000001' from s_doc;
drop table s_doc;
vacuum analyze clinical_encounter;
vacuum analyze clinical_procedure;
vacuum analyze record_document;
SQL
read -r ENC DOCS PROCS FIRST LAST < <("${PSQL[@]}" -F ' ' -Atc "select (select count(*) from clinical_encounter),
	(select count(*) from record_document), (select count(*) from clinical_procedure),
	(select min(discharge_time)::date from clinical_encounter), (select max(discharge_time)::date from clinical_encounter)")
say "- loaded with COPY + insert + vacuum analyze in $(ms_since "$t") ms: $ENC encounters, $PROCS procedures, $DOCS documents, discharges $FIRST..$LAST"
say "- database: $("${PSQL[@]}" -Atc "select pg_size_pretty(pg_database_size('postgres'))"); work_mem $("${PSQL[@]}" -Atc 'show work_mem'), shared_buffers $("${PSQL[@]}" -Atc 'show shared_buffers')"

JAR_COOKIES=$OUT/cookies
csrf() { grep -o 'name="_csrf" value="[^"]*' | head -1 | sed 's/.*value="//'; }
c=$(curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" "$BASE/login" | csrf)
curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" -o /dev/null -d "username=quality&password=Demo@CareQMS2026&_csrf=$c" "$BASE/login"
c=$(curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" "$BASE/account" | csrf)
TOKEN=$(curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" -L -d "name=bench&_csrf=$c" "$BASE/account/tokens" | grep -o 'cq_[A-Za-z0-9_-]\{20,\}' | head -1)
[ -n "$TOKEN" ] || { echo "could not issue an API token" >&2; exit 1; }

say ""
say "## Record-QC runs through the API (POST /api/v1/record-qc/runs, $FIRST..$LAST)"
say ""
say "| run | ms | encounters | defects | load average before |"
say "|---|---:|---:|---:|---|"
API_MS=()
for i in $(seq "$RUNS"); do
	l=$(load)
	log "API run $i"
	t=$(date +%s%N)
	body=$(curl -s -f -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
		-d "{\"from\": \"$FIRST\", \"to\": \"$LAST\"}" "$BASE/api/v1/record-qc/runs")
	ms=$(ms_since "$t")
	API_MS+=("$ms")
	say "| $i | $ms | $(echo "$body" | grep -o '"encounters":[0-9]*' | cut -d: -f2) | $(echo "$body" | grep -o '"defects":[0-9]*' | cut -d: -f2) | $l |"
done

log "hand SQL baseline"
SIX="'RR-ADM-01','RR-PRG-01','RR-RND-01','RR-DSC-01','RR-DTH-01','RR-DTH-02'"
"${PSQL[@]}" -F ',' -Atc "select rule_id, kind, count(*) from record_qc_defect where hospital_id = '$HOSPITAL'
	and rule_id in ($SIX) group by 1, 2 order by 1, 2" > "$OUT/product-six.csv"
"${PSQL[@]}" -F ',' -Atc "select rule_id, kind, count(*) from record_qc_defect where hospital_id = '$HOSPITAL'
	group by 1, 2 order by 1, 2" > "$OUT/product-all.csv"
HAND_MS=()
for i in 1 2; do
	l=$(load)
	{ echo '\timing on'; sed '/^--/d' "$ROOT/bench/sql/hand/recordqc-contract.sql"; } |
		"${PSQL[@]}" -F ',' -At -v hospital="$HOSPITAL" -v from="$FIRST" -v to="$LAST" > "$OUT/hand-$i.out"
	grep -v '^Time:' "$OUT/hand-$i.out" > "$OUT/hand-six.csv"
	HAND_MS+=("$(awk '/^Time:/ {printf "%.0f", $2}' "$OUT/hand-$i.out") (load $l)")
done
{ echo "explain (analyze, buffers)"; sed '/^--/d' "$ROOT/bench/sql/hand/recordqc-contract.sql"; } |
	"${PSQL[@]}" -v hospital="$HOSPITAL" -v from="$FIRST" -v to="$LAST" > "$OUT/hand.plan"

say ""
say "## Hand-written SQL of the six contract rules (bench/sql/hand/recordqc-contract.sql, psql, counts only)"
say ""
say "- runs: ${HAND_MS[*]} ms"
say "- same defects per rule and kind as the API run: $(cmp -s "$OUT/product-six.csv" "$OUT/hand-six.csv" && echo yes || echo NO)"
say ""
say "| rule | kind | defects (product) |"
say "|---|---|---:|"
sed 's/,/ | /g; s/^/| /; s/$/ |/' "$OUT/product-all.csv" >> "$RESULT"
say ""
say "- load average after: $(load)"
mkdir -p "$ROOT/bench/results"
cp "$RESULT" "$ROOT/bench/results/recordqc-$N-$(git -C "$ROOT" rev-parse --short HEAD).md"
log "done: $RESULT"
cat "$RESULT"
