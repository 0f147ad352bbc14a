package org.careqms.recordqc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.careqms.notification.Notifications;
import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.NotFoundException;
import org.careqms.platform.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Running records (运行病历, ADR 0015): the documents the rules require of patients still in hospital
 * (running_stay), judged in SQL with the hospital's rule settings after each import and on demand, and
 * prompted to the attending doctor and the department's QC officers when they fall due soon or are overdue.
 * The judgement is a prompt, never a grade: the archived judging after discharge ({@link JudgeRecords})
 * stays authoritative.
 *
 * <p>
 * Judged while in hospital, from the data a running stay has: the admission record, first progress note
 * and attending's first round (from admission), the transfer-in note (from the transfer into the current
 * department, when the census gives its time), the operation record and post-operative first note (per
 * operation known from either document's event_time), the rescue record (lateness per rescue) and the next
 * progress note by the census' condition level (RR-PRG-02/03/04: the longest interval since the latest
 * progress note, or admission; its base time is the item's event time, so each interval is an item). Rules
 * triggered by discharge or death cannot be due yet; consent before an operation needs the operation's start
 * (procedures.csv, which carries discharges only).
 */
@Service
class RunningRecords {

	private static final Logger log = LoggerFactory.getLogger(RunningRecords.class);

	static final long PROMPT_LOCK = 0x52554E4E494E47L;

	/** One item as a user sees it. */
	record Item(UUID id, String encounterId, String patientId, String ruleId, String documentType,
			LocalDateTime eventTime, LocalDateTime dueTime, LocalDateTime writtenTime, UUID departmentId,
			String doctorId, LocalDateTime admitTime, String conditionLevel, RunningState state, long minutesLeft) {

		/** Whole hours of the time left (of the time overdue, when overdue). */
		public long hours() {
			return Math.abs(minutesLeft) / 60;
		}

		/** Minutes beyond {@link #hours()}. */
		public long minutes() {
			return Math.abs(minutesLeft) % 60;
		}
	}

	/** A patient in hospital with the items the user may see. */
	record Stay(String encounterId, String patientId, LocalDateTime admitTime, UUID departmentId, String doctorId,
			String conditionLevel, List<Item> items) {
	}

	static final String JUDGE_SQL = """
			insert into record_qc_running_item (id, hospital_id, encounter_id, rule_id, document_type, event_time,
			    due_time, written_time, department_id, doctor_id, judged_at)
			with s as (
			    select rule_id, deadline_hours * interval '1 hour' as lim from record_qc_rule
			    where hospital_id = :hospital and enabled),
			r as (
			    select encounter_id, admit_time, admit_dept_id, current_dept_id, transferred_at, attending_id,
			           condition_level
			    from running_stay where hospital_id = :hospital and ended_at is null),
			d as (
			    select d.encounter_id, d.doc_type, d.event_time, d.written_time, d.author_id, d.doc_id
			    from record_document d join r on r.encounter_id = d.encounter_id
			    where d.hospital_id = :hospital),
			earliest as (
			    select encounter_id, doc_type, min(written_time) as written from d group by encounter_id, doc_type),
			ops as (
			    select distinct encounter_id, event_time from d
			    where doc_type in ('OPERATION_RECORD', 'POSTOP_FIRST_NOTE') and event_time is not null),
			items as (
			    select r.encounter_id, x.rule_id, x.doc_type, null::timestamp as event_time, r.admit_time + s.lim as due,
			           f.written
			    from r cross join (values ('RR-ADM-01', 'ADMISSION_RECORD'), ('RR-PRG-01', 'FIRST_PROGRESS_NOTE'),
			                              ('RR-RND-01', 'ATTENDING_FIRST_ROUND')) x(rule_id, doc_type)
			    join s on s.rule_id = x.rule_id
			    left join earliest f on f.encounter_id = r.encounter_id and f.doc_type = x.doc_type
			    union all
			    select r.encounter_id, s.rule_id, 'TRANSFER_IN_NOTE', r.transferred_at, r.transferred_at + s.lim,
			           (select min(t.written_time) from d t
			            where t.encounter_id = r.encounter_id and t.doc_type = 'TRANSFER_IN_NOTE'
			              and coalesce(t.event_time, t.written_time) >= r.transferred_at)
			    from r join s on s.rule_id = 'RR-TRF-02'
			    where r.current_dept_id <> r.admit_dept_id and r.transferred_at is not null
			    union all
			    select o.encounter_id, x.rule_id, x.doc_type, o.event_time, o.event_time + s.lim,
			           (select min(t.written_time) from d t
			            where t.encounter_id = o.encounter_id and t.doc_type = x.doc_type and t.event_time = o.event_time)
			    from ops o cross join (values ('RR-SUR-05', 'OPERATION_RECORD'), ('RR-SUR-08', 'POSTOP_FIRST_NOTE'))
			        x(rule_id, doc_type)
			    join s on s.rule_id = x.rule_id
			    union all
			    select t.encounter_id, s.rule_id, 'RESCUE_RECORD', t.event_time, t.event_time + s.lim, min(t.written_time)
			    from d t join s on s.rule_id = 'RR-RES-01'
			    where t.doc_type = 'RESCUE_RECORD' and t.event_time is not null
			    group by t.encounter_id, s.rule_id, t.event_time, s.lim
			    union all
			    select r.encounter_id, s.rule_id, 'PROGRESS_NOTE', b.base, b.base + s.lim, null::timestamp
			    from r cross join lateral (
			        select greatest(r.admit_time, max(t.written_time)) as base from d t
			        where t.encounter_id = r.encounter_id and t.doc_type in ('FIRST_PROGRESS_NOTE', 'PROGRESS_NOTE')) b
			    join s on s.rule_id = case r.condition_level when 'CRITICAL' then 'RR-PRG-02'
			                                                 when 'SERIOUS' then 'RR-PRG-03'
			                                                 when 'STABLE' then 'RR-PRG-04' end)
			select md5(cast(:hospital as text) || '|' || i.encounter_id || '|' || i.rule_id || '|RUNNING|'
			           || coalesce(to_char(i.event_time, 'YYYY-MM-DD"T"HH24:MI:SS'), ''))::uuid,
			       :hospital, i.encounter_id, i.rule_id, i.doc_type, i.event_time, i.due, i.written, r.current_dept_id,
			       coalesce(r.attending_id, (select a.author_id from d a
			           where a.encounter_id = i.encounter_id and a.author_id is not null
			           order by a.doc_type = 'ADMISSION_RECORD' desc, a.written_time, a.doc_id limit 1)),
			       :now
			from items i join r on r.encounter_id = i.encounter_id
			where i.written is null or i.written > i.due""";

	private static final String ITEM = """
			select i.id, i.encounter_id, i.rule_id, i.document_type, i.event_time, i.due_time, i.written_time,
			       i.department_id, i.doctor_id, w.patient_id, w.admit_time, w.condition_level
			from record_qc_running_item i
			join running_stay w on w.hospital_id = i.hospital_id and w.encounter_id = i.encounter_id
			""";

	private final JdbcClient jdbc;
	private final RuleSettings settings;
	private final Notifications notifications;
	private final OrganizationDirectory organization;
	private final Clock clock;
	private final int dueSoonHours;
	private final ZoneId hospitalZone;

	RunningRecords(JdbcClient jdbc, RuleSettings settings, Notifications notifications,
			OrganizationDirectory organization, Clock clock,
			@Value("${careqms.record-qc.running-due-soon-hours:4}") int dueSoonHours,
			@Value("${careqms.clinical-data.time-zone:Asia/Shanghai}") ZoneId hospitalZone) {
		this.hospitalZone = hospitalZone;
		this.jdbc = jdbc;
		this.settings = settings;
		this.notifications = notifications;
		this.organization = organization;
		this.clock = clock;
		this.dueSoonHours = dueSoonHours;
	}

	int dueSoonHours() {
		return dueSoonHours;
	}

	/**
	 * The hospital's wall-clock time ({@code careqms.clinical-data.time-zone}), the time the imported data are
	 * written in: a deadline hours away must be compared in the same clock.
	 */
	LocalDateTime localNow() {
		return LocalDateTime.ofInstant(Instant.now(clock), hospitalZone).truncatedTo(ChronoUnit.SECONDS);
	}

	/**
	 * Judges the running stays of the hospital again (replacing the previous judgement) and sends the prompts
	 * now due. Judgings of one hospital take turns.
	 *
	 * @return the items found (due later, due soon, overdue or written late)
	 */
	@Transactional
	public int judge(UUID hospitalId) {
		lock(hospitalId);
		settings.all(hospitalId);
		jdbc.sql("delete from record_qc_running_item where hospital_id = :hospital").param("hospital", hospitalId).update();
		int items = jdbc.sql(JUDGE_SQL)
			.param("hospital", hospitalId)
			.param("now", Instant.now(clock).atOffset(ZoneOffset.UTC))
			.update();
		int sent = prompt(hospitalId);
		log.info("Running records of hospital {}: {} item(s) not written in time, {} prompt(s)", hospitalId, items, sent);
		return items;
	}

	/**
	 * Prompts every item not written that is due soon or overdue now: the responsible doctor (the attending
	 * doctor of the census, else the author of the admission record, else of the earliest document; a user is
	 * that doctor when linked to the staff record with that number) and the department's QC officers. Once
	 * per item and state (a due-soon prompt, later an overdue one): the dedupe key names both.
	 *
	 * @return how many notifications were created
	 */
	@Transactional
	public int prompt(UUID hospitalId) {
		// prompting of one hospital takes turns with its judging: an item is never prompted twice at once
		lock(hospitalId);
		LocalDateTime now = localNow();
		List<Item> due = jdbc.sql(ITEM + """
				where i.hospital_id = :hospital and w.ended_at is null and i.written_time is null and i.due_time <= :horizon""")
			.param("hospital", hospitalId)
			.param("horizon", now.plusHours(dueSoonHours))
			.query((rs, n) -> item(rs, now))
			.list();
		if (due.isEmpty()) {
			return 0;
		}
		Set<String> doctors = new HashSet<>();
		due.stream().filter(i -> i.doctorId() != null).forEach(i -> doctors.add(i.doctorId()));
		var doctorUsers = organization.usersByEmployeeNo(hospitalId, doctors);
		Map<UUID, List<UUID>> officers = new LinkedHashMap<>();
		int sent = 0;
		for (Item item : due) {
			List<UUID> recipients = new ArrayList<>(
					item.doctorId() == null ? List.of() : doctorUsers.getOrDefault(item.doctorId(), List.of()));
			recipients.addAll(officers.computeIfAbsent(item.departmentId(),
					department -> organization.responsibleUsers(hospitalId, department, Set.of(Role.QC_OFFICER), Set.of())));
			if (recipients.isEmpty()) {
				continue;
			}
			boolean overdue = item.state() == RunningState.OVERDUE;
			sent += notifications.send(hospitalId, recipients, overdue ? "RECORD_RUNNING_OVERDUE" : "RECORD_RUNNING_DUE_SOON",
					overdue ? "recordqc.notice.running-overdue" : "recordqc.notice.running-due-soon",
					List.of(item.encounterId(), item.patientId(), item.ruleId(), item.documentType(),
							Defects.time(item.dueTime())),
					"/record-qc/running?department=" + item.departmentId(),
					"record-qc-running:" + item.id() + ":" + item.state().name());
		}
		return sent;
	}

	private void lock(UUID hospitalId) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended('record-qc-running:' || cast(:hospital as text), 0))")
			.param("hospital", hospitalId)
			.query(rs -> {
			});
	}

	/** Prompts of every hospital with running items, every quarter of an hour (one instance at a time). */
	@Scheduled(fixedDelayString = "${careqms.record-qc.running-prompt-interval:15m}",
			initialDelayString = "${careqms.record-qc.running-prompt-interval:15m}")
	@Transactional
	public void scheduled() {
		Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(?)").param(PROMPT_LOCK).query(Boolean.class).single();
		if (!Boolean.TRUE.equals(locked)) {
			return;
		}
		List<UUID> hospitals = jdbc.sql("select distinct hospital_id from record_qc_running_item where written_time is null")
			.query(UUID.class)
			.list();
		int sent = 0;
		for (UUID hospital : hospitals) {
			sent += prompt(hospital);
		}
		if (sent > 0) {
			log.info("Running records: {} prompt(s) sent", sent);
		}
	}

	/**
	 * The patients in hospital with items due soon, overdue or written late that the user may see: the quality
	 * office all; a department's QC officer or head the department's; a doctor those addressed to them (in their
	 * departments). {@code department}: only that department's — another department's is not found.
	 */
	@Transactional(readOnly = true)
	public List<Stay> visible(CareQmsUser user, UUID department) {
		if (department != null && !user.canSeeDepartment(department)) {
			throw new NotFoundException();
		}
		LocalDateTime now = localNow();
		Map<String, Object> parameters = new LinkedHashMap<>();
		StringBuilder where = new StringBuilder("""
				where i.hospital_id = :hospital and w.ended_at is null
				  and ((i.written_time is null and i.due_time <= :horizon) or i.written_time > i.due_time)""");
		parameters.put("hospital", user.hospitalId());
		parameters.put("horizon", now.plusHours(dueSoonHours));
		if (department != null) {
			where.append(" and i.department_id = :department");
			parameters.put("department", department);
		}
		if (!user.hospitalWide()) {
			boolean officer = user.hasRole(Role.QC_OFFICER) || user.hasRole(Role.DEPARTMENT_HEAD);
			Optional<String> employeeNo = organization.employeeNo(user.id());
			if (!officer && employeeNo.isEmpty()) {
				return List.of();
			}
			where.append(" and i.department_id = any(:departments)");
			parameters.put("departments", user.departmentIds().toArray(UUID[]::new));
			if (!officer) {
				where.append(" and i.doctor_id = :doctor");
				parameters.put("doctor", employeeNo.get());
			}
		}
		var statement = jdbc.sql(ITEM + where + " order by i.due_time, i.encounter_id, i.rule_id");
		for (var parameter : parameters.entrySet()) {
			statement = statement.param(parameter.getKey(), parameter.getValue());
		}
		Map<String, List<Item>> byStay = new LinkedHashMap<>();
		statement.query((rs, n) -> item(rs, now))
			.list()
			.forEach(item -> byStay.computeIfAbsent(item.encounterId(), e -> new ArrayList<>()).add(item));
		List<Stay> stays = new ArrayList<>();
		byStay.forEach((encounter, items) -> {
			Item first = items.get(0);
			stays.add(new Stay(encounter, first.patientId(), first.admitTime(), first.departmentId(), first.doctorId(),
					first.conditionLevel(), List.copyOf(items)));
		});
		return stays;
	}

	/** The items of {@link #visible}, one after the other. */
	public List<Item> visibleItems(CareQmsUser user, UUID department) {
		Collection<Stay> stays = visible(user, department);
		return stays.stream().flatMap(s -> s.items().stream()).toList();
	}

	private static Item item(ResultSet rs, LocalDateTime now) throws SQLException {
		LocalDateTime due = rs.getTimestamp("due_time").toLocalDateTime();
		java.sql.Timestamp writtenAt = rs.getTimestamp("written_time");
		LocalDateTime written = writtenAt == null ? null : writtenAt.toLocalDateTime();
		java.sql.Timestamp eventAt = rs.getTimestamp("event_time");
		RunningState state = written != null ? RunningState.LATE
				: due.isBefore(now) ? RunningState.OVERDUE : RunningState.DUE_SOON;
		long left = written != null ? Duration.between(due, written).toMinutes() * -1 : Duration.between(now, due).toMinutes();
		return new Item(rs.getObject("id", UUID.class), rs.getString("encounter_id"), rs.getString("patient_id"),
				rs.getString("rule_id"), rs.getString("document_type"), eventAt == null ? null : eventAt.toLocalDateTime(),
				due, written, rs.getObject("department_id", UUID.class), rs.getString("doctor_id"),
				rs.getTimestamp("admit_time").toLocalDateTime(), rs.getString("condition_level"), state, left);
	}
}
