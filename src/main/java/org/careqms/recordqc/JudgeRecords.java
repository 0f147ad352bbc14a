package org.careqms.recordqc;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.careqms.notification.Notifications;
import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One record-QC run: judges every encounter of the hospital discharged in a date range against the
 * hospital's enabled rules, in a handful of set-based statements inside PostgreSQL (data-formats.md,
 * "How a time-limit rule is judged"), replaces the defects and grades of those encounters, and tells
 * each department's QC officers about its defects.
 *
 * <p>
 * Runs of one hospital take turns (a transaction-scoped advisory lock), so the stored judgement of an
 * encounter is always that of the latest run over it.
 */
@Service
class JudgeRecords {

	private static final Logger log = LoggerFactory.getLogger(JudgeRecords.class);

	/** The judgement of one run. */
	record Run(UUID id, LocalDate from, LocalDate to, int encounters, int defects) {
	}

	/** Who or what started a run. */
	enum Trigger {
		MANUAL, IMPORT
	}

	/**
	 * A rule judged from the encounter's own times: {@code trigger} and {@code applies} are SQL over the
	 * encounter {@code e}, the hospital's rule setting {@code s} (its limit {@code s.lim}) and, with
	 * {@code operated}, the encounter's first operation {@code o.first_op}. With {@code lateness} the
	 * earliest document is judged against the deadline; without, only its absence is (the deadline of an
	 * event-bound document is judged per event, see {@link #EVENT_BOUND}).
	 */
	record TimeLimit(String ruleId, String trigger, String applies, boolean operated, boolean lateness) {
	}

	static final String DAY = "interval '24 hours'";

	static final List<TimeLimit> TIME_LIMITS = List.of(
			// data-formats.md: the six rules of the contract, exactly
			new TimeLimit("RR-ADM-01", "e.admit_time", "e.stay >= " + DAY, false, true),
			new TimeLimit("RR-PRG-01", "e.admit_time", "e.stay >= s.lim", false, true),
			new TimeLimit("RR-RND-01", "e.admit_time", "e.stay >= s.lim", false, true),
			new TimeLimit("RR-DSC-01", "e.discharge_time", "e.discharge_disposition <> 5 and e.stay >= " + DAY, false,
					true),
			new TimeLimit("RR-DTH-01", "e.discharge_time", "e.discharge_disposition = 5 and e.stay >= " + DAY, false,
					true),
			new TimeLimit("RR-DTH-02", "e.discharge_time", "e.discharge_disposition = 5", false, true),
			// in the same spirit: the admission-discharge record replaces admission and discharge records for a
			// stay under 24 h (a death within 24 h has a record type of its own, RR-ADM-04, not in the data)
			new TimeLimit("RR-ADM-03", "e.discharge_time", "e.discharge_disposition <> 5 and e.stay < " + DAY, false,
					true),
			// consent before the first operation (surgery level 1–4) of the stay
			new TimeLimit("RR-CNS-01", "o.first_op", "true", true, true),
			// an operation without any operation record or post-operative note; their lateness is judged per
			// operation from the document's event_time (the end of the operation)
			new TimeLimit("RR-SUR-05", "o.first_op", "true", true, false),
			new TimeLimit("RR-SUR-08", "o.first_op", "true", true, false),
			// discharged from another department than admitted to: at least one transfer, so a transfer-in
			// note is due; its transfer time is unknown without the note, so the deadline shown is the latest
			// it can have been (discharge + limit)
			new TimeLimit("RR-TRF-02", "e.discharge_time", "e.admit_dept_id <> e.discharge_dept_id", false, false));

	/** Documents written for a clinical event (event_time): judged per event, earliest document first. */
	static final List<String[]> EVENT_BOUND = List.of(new String[] { "OPERATION_RECORD", "RR-SUR-05" },
			new String[] { "POSTOP_FIRST_NOTE", "RR-SUR-08" }, new String[] { "RESCUE_RECORD", "RR-RES-01" },
			new String[] { "TRANSFER_IN_NOTE", "RR-TRF-02" });

	static final String DEFECTS_SQL = defectsSql();

	/**
	 * One statement judges every rule over the range. The earliest document of each judged type is found in
	 * one pass over the documents, as one row per encounter ({@code p}: a column per type), kept in memory
	 * with the encounter, its first operation and the rule limits ({@code ep}); each rule is then a filter
	 * over {@code ep} (a union of one select per rule). Joining the documents once per rule read them
	 * eleven times; a {@code lateral values} row per rule and encounter cost five times the filters. Only
	 * the defects look up their document's author (an index lookup each).
	 */
	private static String defectsSql() {
		List<String> types = new ArrayList<>();
		for (TimeLimit rule : TIME_LIMITS) {
			String type = RecordRuleCatalog.JUDGED.get(rule.ruleId());
			if (!types.contains(type)) {
				types.add(type);
			}
		}
		List<String> limits = new ArrayList<>();
		List<String> earliest = new ArrayList<>();
		List<String> values = new ArrayList<>();
		for (int k = 0; k < types.size(); k++) {
			earliest.add("min(d.written_time) filter (where d.doc_type = '%s') as w%d".formatted(types.get(k), k));
		}
		for (int i = 0; i < TIME_LIMITS.size(); i++) {
			TimeLimit rule = TIME_LIMITS.get(i);
			String lim = "l.r" + i;
			limits.add("max(lim) filter (where rule_id = '%s') as r%d".formatted(rule.ruleId(), i));
			String type = RecordRuleCatalog.JUDGED.get(rule.ruleId());
			String trigger = rule.trigger();
			String applies = lim + " is not null" + (rule.operated() ? " and o.first_op is not null" : "") + " and ("
					+ rule.applies().replace("s.lim", lim) + ")";
			String due = trigger + " + " + lim;
			String written = "p.w" + types.indexOf(type);
			String judged = rule.lateness() ? "(%1$s is null or %1$s > %2$s)".formatted(written, due)
					: written + " is null";
			values.add("""
					select e.encounter_id, '%s'::varchar as rule_id, '%s'::varchar as document_type, %s as due_time,
					       %s as written_time, null::varchar as author_id, null::timestamp as event_time, e.discharge_time,
					       e.discharge_dept_id
					from ep as e where %s and %s"""
				.formatted(rule.ruleId(), type, due, written, applies, judged)
				.replace("p.w", "e.w")
				.replace("o.first_op", "e.first_op")
				.replace("l.r", "e.r"));
		}
		StringBuilder eventRule = new StringBuilder("case ev.doc_type");
		List<String> eventTypes = new ArrayList<>();
		for (String[] bound : EVENT_BOUND) {
			eventRule.append(" when '").append(bound[0]).append("' then '").append(bound[1]).append("'");
			eventTypes.add("'" + bound[0] + "'");
		}
		eventRule.append(" end");
		return """
				insert into record_qc_defect (hospital_id, run_id, encounter_id, rule_id, document_type, kind, due_time,
				    written_time, discharge_time, department_id, author_id, deduction, severity, id, event_time, doctor_id,
				    raised_at)
				with s as (
				    select rule_id, deadline_hours * interval '1 hour' as lim, deduction, severity from record_qc_rule
				    where hospital_id = :hospital and enabled),
				l as (
				    select %s
				    from s),
				e as (
				    select encounter_id, admit_time, discharge_time, admit_dept_id, discharge_dept_id, discharge_disposition,
				           discharge_time - admit_time as stay
				    from clinical_encounter
				    where hospital_id = :hospital and discharge_time >= :from and discharge_time < :to),
				p as (
				    select d.encounter_id, %s
				    from record_document d join e on e.encounter_id = d.encounter_id
				    where d.hospital_id = :hospital and d.doc_type in (%s)
				    group by d.encounter_id),
				ops as (
				    select p.encounter_id, min(p.op_time) as first_op
				    from clinical_procedure p join e on e.encounter_id = p.encounter_id
				    where p.hospital_id = :hospital and p.surgery_level between 1 and 4
				    group by p.encounter_id),
				ev as (
				    select distinct on (d.encounter_id, d.doc_type, d.event_time)
				           d.encounter_id, d.doc_type, d.event_time, d.written_time, d.author_id, e.discharge_time,
				           e.discharge_dept_id
				    from record_document d join e on e.encounter_id = d.encounter_id
				    where d.hospital_id = :hospital and d.event_time is not null and d.doc_type in (%s)
				    order by d.encounter_id, d.doc_type, d.event_time, d.written_time, d.doc_id),
				ep as materialized (
				    select e.*, %s, o.first_op, l.*
				    from e cross join l
				    left join p on p.encounter_id = e.encounter_id
				    left join ops o on o.encounter_id = e.encounter_id),
				judged as (
				%s
				    union all
				    select ev.encounter_id, s.rule_id, ev.doc_type, ev.event_time + s.lim, ev.written_time, ev.author_id,
				           ev.event_time, ev.discharge_time, ev.discharge_dept_id
				    from ev join s on s.rule_id = %s
				    where ev.written_time > ev.event_time + s.lim),
				keyed as (
				    select j.*, case when j.written_time is null then 'MISSING' else 'LATE' end as kind from judged j),
				identified as (
				    select k.*, %s as id from keyed k),
				before as (
				    select id, min(raised_at) as raised_at from record_qc_defect
				    where hospital_id = :hospital and discharge_time >= :from and discharge_time < :to and run_id <> :run
				    group by id)
				select :hospital, :run, j.encounter_id, j.rule_id, j.document_type, j.kind, j.due_time, j.written_time,
				       j.discharge_time, j.discharge_dept_id, a.author_id, s.deduction, s.severity, j.id, j.event_time,
				       coalesce(a.author_id, (select r.author_id from record_document r
				           where r.hospital_id = :hospital and r.encounter_id = j.encounter_id and r.author_id is not null
				           order by r.doc_type = 'ADMISSION_RECORD' desc, r.written_time, r.doc_id limit 1)),
				       coalesce(b.raised_at, :now)
				from identified j join s on s.rule_id = j.rule_id
				cross join lateral (select case
				    when j.written_time is null then null
				    when j.event_time is not null then j.author_id
				    else (select r.author_id from record_document r
				          where r.hospital_id = :hospital and r.encounter_id = j.encounter_id and r.doc_type = j.document_type
				          order by r.written_time, r.doc_id limit 1) end as author_id) a
				left join before b on b.id = j.id"""
			.formatted(String.join(",\n           ", limits), String.join(",\n           ", earliest),
					String.join(", ", types.stream().map(t -> "'" + t + "'").toList()), String.join(", ", eventTypes),
					java.util.stream.IntStream.range(0, types.size()).mapToObj(k -> "p.w" + k)
						.collect(java.util.stream.Collectors.joining(", ")),
					String.join("\nunion all\n", values), eventRule, defectId("k"));
	}

	/**
	 * The id of a defect, the same in every run that finds it: a digest of the hospital, encounter, rule,
	 * kind and event time (for documents tied to a clinical event) of the row {@code alias}.
	 */
	static String defectId(String alias) {
		return ("md5(cast(:hospital as text) || '|' || %1$s.encounter_id || '|' || %1$s.rule_id || '|' || %1$s.kind"
				+ " || '|' || coalesce(to_char(%1$s.event_time, 'YYYY-MM-DD\"T\"HH24:MI:SS'), ''))::uuid")
			.formatted(alias);
	}

	/**
	 * Score and grade (record-rules.yaml, "grading"): 100 minus the points of the record's defects (not
	 * below 0); a grade-C veto, or three or more grade-B veto items, make the record 丙 with its total
	 * capped at 75; one or two grade-B items make it at best 乙, capped at 90; otherwise 甲 from 90, 乙
	 * from 75, 丙 below.
	 */
	static final String GRADES_SQL = gradesSql("e.discharge_time >= :from and e.discharge_time < :to", "run_id = :run");

	/**
	 * The grade statement over the encounters {@code encounters} selects (SQL over {@code e}), from their
	 * defects {@code defects} selects; defects waived on appeal (an upheld appeal) do not count.
	 */
	static String gradesSql(String encounters, String defects) {
		return "insert into record_qc_grade (hospital_id, encounter_id, run_id, discharge_time, department_id, score, grade)\n"
				+ gradesSelect(encounters, defects);
	}

	/** The grades as rows of record_qc_grade (see {@link #gradesSql}). */
	static String gradesSelect(String encounters, String defects) {
		return """
				select cast(:hospital as uuid) as hospital_id, g.encounter_id, cast(:run as uuid) as run_id,
				       g.discharge_time, g.discharge_dept_id as department_id,
				       case when g.vetoes_c > 0 or g.vetoes_b >= 3 then least(g.raw, 75)
				            when g.vetoes_b > 0 then least(g.raw, 90) else g.raw end as score,
				       cast(case when g.vetoes_c > 0 or g.vetoes_b >= 3 or g.raw < 75 then 'C'
				            when g.vetoes_b > 0 or g.raw < 90 then 'B' else 'A' end as char(1)) as grade
				from (select e.encounter_id, e.discharge_time, e.discharge_dept_id,
				             greatest(0, 100 - coalesce(x.points, 0)) as raw,
				             coalesce(x.vetoes_c, 0) as vetoes_c, coalesce(x.vetoes_b, 0) as vetoes_b
				      from clinical_encounter e
				      left join (select encounter_id, sum(deduction) as points,
				                        count(*) filter (where severity = 'VETO_GRADE_C') as vetoes_c,
				                        count(distinct rule_id) filter (where severity = 'VETO_GRADE_B') as vetoes_b
				                 from record_qc_defect where hospital_id = :hospital and %s
				                   and id not in (select id from record_qc_follow_up
				                                  where hospital_id = :hospital and status = 'WAIVED')
				                 group by encounter_id) x on x.encounter_id = e.encounter_id
				      where e.hospital_id = :hospital and %s) g""".formatted(defects, encounters);
	}

	private final JdbcClient jdbc;
	private final RuleSettings settings;
	private final Notifications notifications;
	private final OrganizationDirectory organization;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final DefectFollowUps followUps;
	private final String workMem;

	JudgeRecords(JdbcClient jdbc, RuleSettings settings, Notifications notifications,
			OrganizationDirectory organization, ApplicationEventPublisher events, Clock clock,
			DefectFollowUps followUps, @Value("${careqms.record-qc.work-mem:256MB}") String workMem) {
		this.followUps = followUps;
		this.workMem = workMem;
		this.jdbc = jdbc;
		this.settings = settings;
		this.notifications = notifications;
		this.organization = organization;
		this.events = events;
		this.clock = clock;
	}

	/** Judges the encounters of the hospital discharged from {@code from} to {@code to} (both inclusive). */
	@Transactional
	public Run run(UUID hospitalId, LocalDate from, LocalDate to, Trigger trigger, String startedBy) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended('record-qc:' || cast(:hospital as text), 0))")
			.param("hospital", hospitalId)
			.query(rs -> {
			});
		// Judging is a handful of joins over whole ranges. Right after a large import the planner's
		// statistics still describe the tables before it and estimate one row everywhere; nested loops
		// chosen on that estimate turn quadratic (minutes for ten thousand encounters). Hash and merge
		// joins stay linear whatever the statistics say.
		jdbc.sql("set local enable_nestloop = off").update();
		// the earliest documents of a million encounters are hashed and sorted in memory, not on disk
		jdbc.sql("select set_config('work_mem', :mem, true)").param("mem", workMem).query(rs -> {
		});
		settings.all(hospitalId);
		UUID runId = UUID.randomUUID();
		Instant now = Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		jdbc.sql("""
				insert into record_qc_run (id, hospital_id, from_date, to_date, trigger, started_by, started_at)
				values (:id, :hospital, :from, :to, :trigger, :by, :now)""")
			.param("id", runId)
			.param("hospital", hospitalId)
			.param("from", from)
			.param("to", to)
			.param("trigger", trigger.name())
			.param("by", startedBy)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
		var start = from.atStartOfDay();
		var end = to.plusDays(1).atStartOfDay();
		// the new defects go in while the previous ones are still there, so that a defect found again keeps
		// the time it was first raised (appeal deadlines run from it); then the previous ones go
		int defects = jdbc.sql(DEFECTS_SQL)
			.param("hospital", hospitalId).param("run", runId).param("from", start).param("to", end)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
		jdbc.sql("""
				delete from record_qc_defect x using clinical_encounter e
				where x.hospital_id = :hospital and e.hospital_id = :hospital and e.encounter_id = x.encounter_id
				  and e.discharge_time >= :from and e.discharge_time < :to and x.run_id <> :run""")
			.param("hospital", hospitalId).param("from", start).param("to", end).param("run", runId)
			.update();
		jdbc.sql("""
				delete from record_qc_defect where hospital_id = :hospital and discharge_time >= :from
				  and discharge_time < :to and run_id <> :run""")
			.param("hospital", hospitalId).param("from", start).param("to", end).param("run", runId)
			.update();
		int encounters = grade(hospitalId, runId, start, end);
		jdbc.sql("update record_qc_run set encounters = :encounters, defects = :defects, finished_at = :now where id = :id")
			.param("encounters", encounters)
			.param("defects", defects)
			.param("now", Instant.now(clock).atOffset(ZoneOffset.UTC))
			.param("id", runId)
			.update();
		notifyDepartments(hospitalId, runId, from, to);
		// the rest reads little and joins small sets: nested loops are right again
		jdbc.sql("set local enable_nestloop = on").update();
		followUps.recheck(hospitalId, runId, start, end);
		followUps.notifyDoctors(hospitalId, runId, now);
		followUps.promptDueSoon(hospitalId, runId);
		if (defects > 0) {
			events.publishEvent(new RecordDefectsFound(hospitalId, runId, from, to, defects));
		}
		log.info("Record QC run {} of hospital {} over {}..{}: {} encounter(s), {} defect(s)", runId, hospitalId, from,
				to, encounters, defects);
		return new Run(runId, from, to, encounters, defects);
	}

	/**
	 * The grades of the range, written where they changed: a re-run over a million records whose grades
	 * mostly stay rewrites only the few that moved, not every row and its indexes. A grade's run is the run
	 * that last changed it.
	 *
	 * @return how many encounters were graded
	 */
	private int grade(UUID hospitalId, UUID runId, java.time.LocalDateTime start, java.time.LocalDateTime end) {
		jdbc.sql("create temp table record_qc_grade_now on commit drop as "
				+ gradesSelect("e.discharge_time >= :from and e.discharge_time < :to", "run_id = :run"))
			.param("hospital", hospitalId).param("run", runId).param("from", start).param("to", end)
			.update();
		int graded = jdbc.sql("select count(*) from record_qc_grade_now").query(Integer.class).single();
		// graded before, in the range or now discharged in it, and not judged now
		jdbc.sql("""
				delete from record_qc_grade g
				where g.hospital_id = :hospital and g.discharge_time >= :from and g.discharge_time < :to
				  and not exists (select 1 from record_qc_grade_now n where n.encounter_id = g.encounter_id)""")
			.param("hospital", hospitalId).param("from", start).param("to", end)
			.update();
		jdbc.sql("""
				update record_qc_grade g set run_id = n.run_id, discharge_time = n.discharge_time,
				    department_id = n.department_id, score = n.score, grade = n.grade
				from record_qc_grade_now n
				where g.hospital_id = :hospital and g.encounter_id = n.encounter_id
				  and (g.score, g.grade, g.discharge_time, g.department_id)
				      is distinct from (n.score, n.grade, n.discharge_time, n.department_id)""")
			.param("hospital", hospitalId)
			.update();
		jdbc.sql("""
				insert into record_qc_grade (hospital_id, encounter_id, run_id, discharge_time, department_id, score, grade)
				select n.hospital_id, n.encounter_id, n.run_id, n.discharge_time, n.department_id, n.score, n.grade
				from record_qc_grade_now n
				where not exists (select 1 from record_qc_grade g
				                  where g.hospital_id = :hospital and g.encounter_id = n.encounter_id)""")
			.param("hospital", hospitalId)
			.update();
		jdbc.sql("drop table record_qc_grade_now").update();
		return graded;
	}

	/** One notification per department with defects, to its QC officers, linking to its defect list. */
	private void notifyDepartments(UUID hospitalId, UUID runId, LocalDate from, LocalDate to) {
		jdbc.sql("""
				select department_id, count(*) as defects from record_qc_defect
				where hospital_id = :hospital and run_id = :run group by department_id""")
			.param("hospital", hospitalId)
			.param("run", runId)
			.query((rs, n) -> new Object[] { rs.getObject("department_id", UUID.class), rs.getLong("defects") })
			.list()
			.forEach(row -> {
				UUID department = (UUID) row[0];
				var officers = organization.responsibleUsers(hospitalId, department, Set.of(Role.QC_OFFICER), Set.of());
				if (officers.isEmpty()) {
					return;
				}
				String name = organization.department(hospitalId, department)
					.map(d -> d.code() + " " + d.name())
					.orElse("");
				notifications.send(hospitalId, officers, "RECORD_DEFECTS", "recordqc.notice.defects",
						List.of(name, String.valueOf(row[1]), from.toString(), to.toString()),
						"/record-qc/defects?department=" + department + "&from=" + from + "&to=" + to,
						"record-qc:" + runId + ":" + department);
			});
	}
}
