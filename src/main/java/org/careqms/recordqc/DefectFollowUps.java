package org.careqms.recordqc;

import java.math.BigDecimal;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.notification.Notifications;
import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.NotFoundException;
import org.careqms.platform.Role;
import org.careqms.platform.RuleViolationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happens to a defect after a run found it: it is addressed to the responsible doctor and the
 * department's QC officers; the doctor (or the department) marks it rectified and the next run over the
 * record confirms it — resolved if the defect no longer occurs, reopened if it still does — or appeals it
 * (申诉) before the deadline; the quality office upholds the appeal (the defect is waived: its points no
 * longer count in the record's score and grade) or rejects it with a note. Every step is audited and
 * notified. Documents still due for records just discharged are prompted to their doctor once.
 */
@Service
class DefectFollowUps {

	static final String ENTITY = "RecordQcDefect";
	static final String APPEAL_ENTITY = "RecordQcAppeal";

	/** A defect of the latest judgement with where its follow-up stands. */
	record Item(UUID id, String encounterId, String ruleId, String documentType, String kind, String dueTime,
			String writtenTime, String eventTime, UUID departmentId, String doctorId, BigDecimal deduction,
			Instant raisedAt, FollowUpStatus status, String rectifyNote, Instant appealDeadline, boolean dueSoon) {

		/** The deadline of an appeal has not passed. */
		public boolean appealable(Instant now) {
			return status != FollowUpStatus.APPEALED && status != FollowUpStatus.WAIVED && !now.isAfter(appealDeadline);
		}

		/** The last day of the appeal deadline, in the hospital's calendar. */
		public String appealDeadlineDate() {
			return LocalDateTime.ofInstant(appealDeadline, ZoneId.systemDefault()).toLocalDate().toString();
		}

		public boolean rectifiable() {
			return status == null || status == FollowUpStatus.REOPENED || status == FollowUpStatus.REJECTED
					|| status == FollowUpStatus.RESOLVED;
		}
	}

	/** An appeal as the queue and the defect show it. */
	record Appeal(UUID id, UUID defectId, String encounterId, String ruleId, String kind, UUID departmentId,
			String doctorId, AppealReason reason, String explanation, AppealStatus status, String filedBy,
			Instant filedAt, String decidedBy, Instant decidedAt, String decisionNote) {

		/** When it was filed, in the hospital's time, to the minute. */
		public String filedTime() {
			return Defects.time(LocalDateTime.ofInstant(filedAt, ZoneId.systemDefault()).truncatedTo(ChronoUnit.MINUTES));
		}
	}

	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final Notifications notifications;
	private final OrganizationDirectory organization;
	private final Clock clock;
	private final int appealDays;
	private final int dueSoonHours;

	DefectFollowUps(JdbcClient jdbc, AuditTrail audit, Notifications notifications, OrganizationDirectory organization,
			Clock clock, @Value("${careqms.record-qc.appeal-days:7}") int appealDays,
			@Value("${careqms.record-qc.due-soon-hours:24}") int dueSoonHours) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.notifications = notifications;
		this.organization = organization;
		this.clock = clock;
		this.appealDays = appealDays;
		this.dueSoonHours = dueSoonHours;
	}

	int appealDays() {
		return appealDays;
	}

	int dueSoonHours() {
		return dueSoonHours;
	}

	Instant now() {
		return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
	}

	/** The hospital's wall-clock time, the time of the imported data. */
	private LocalDateTime localNow() {
		return LocalDateTime.ofInstant(now(), ZoneId.systemDefault());
	}

	private static final String ITEM = """
			select d.id, d.encounter_id, d.rule_id, d.document_type, d.kind, d.due_time, d.written_time, d.event_time,
			       d.department_id, d.doctor_id, d.deduction, d.raised_at, f.status, f.rectify_note
			from record_qc_defect d left join record_qc_follow_up f on f.id = d.id
			""";

	private Item item(ResultSet rs, LocalDateTime localNow) throws SQLException {
		Instant raised = rs.getTimestamp("raised_at").toInstant();
		String status = rs.getString("status");
		LocalDateTime due = rs.getTimestamp("due_time").toLocalDateTime();
		return new Item(rs.getObject("id", UUID.class), rs.getString("encounter_id"), rs.getString("rule_id"),
				rs.getString("document_type"), rs.getString("kind"), Defects.time(rs.getTimestamp("due_time")),
				Defects.time(rs.getTimestamp("written_time")), Defects.time(rs.getTimestamp("event_time")),
				rs.getObject("department_id", UUID.class), rs.getString("doctor_id"), rs.getBigDecimal("deduction"),
				raised, status == null ? null : FollowUpStatus.valueOf(status), rs.getString("rectify_note"),
				raised.plus(Duration.ofDays(appealDays)), "MISSING".equals(rs.getString("kind")) && due.isAfter(localNow));
	}

	/** The defect, as the user may see it: another department's is not found. */
	@Transactional(readOnly = true)
	public Item visible(CareQmsUser user, UUID defectId) {
		LocalDateTime localNow = localNow();
		Item item = jdbc.sql(ITEM + " where d.hospital_id = :hospital and d.id = :id limit 1")
			.param("hospital", user.hospitalId())
			.param("id", defectId)
			.query((rs, n) -> item(rs, localNow))
			.optional()
			.orElseThrow(NotFoundException::new);
		if (!user.canSeeDepartment(item.departmentId())) {
			throw new NotFoundException();
		}
		return item;
	}

	/**
	 * The open defects addressed to the user: as a doctor, those whose responsible doctor is the user's staff
	 * number; as a department's QC officer or head, all of the department's. Closed ones (resolved, waived)
	 * are left out. {@code dueSoon}: only missing documents whose deadline has not passed yet; otherwise
	 * only those past it.
	 */
	@Transactional(readOnly = true)
	public List<Item> mine(CareQmsUser user, boolean dueSoon, int page, int size) {
		LocalDateTime localNow = localNow();
		var where = mineWhere(user, dueSoon);
		if (where == null) {
			return List.of();
		}
		var statement = jdbc.sql(ITEM + where.getKey() + " order by d.due_time desc, d.encounter_id, d.rule_id"
				+ " limit :limit offset :offset")
			.param("limit", size)
			.param("offset", (long) page * size)
			.param("now", localNow);
		for (var parameter : where.getValue().entrySet()) {
			statement = statement.param(parameter.getKey(), parameter.getValue());
		}
		return statement.query((rs, n) -> item(rs, localNow)).list();
	}

	@Transactional(readOnly = true)
	public long countMine(CareQmsUser user, boolean dueSoon) {
		var where = mineWhere(user, dueSoon);
		if (where == null) {
			return 0;
		}
		var statement = jdbc.sql("select count(*) from (" + ITEM + where.getKey() + ") x").param("now", localNow());
		for (var parameter : where.getValue().entrySet()) {
			statement = statement.param(parameter.getKey(), parameter.getValue());
		}
		return statement.query(Long.class).single();
	}

	/** The where clause of {@link #mine} and its parameters; null when nothing is addressed to the user. */
	private Map.Entry<String, Map<String, Object>> mineWhere(CareQmsUser user, boolean dueSoon) {
		Optional<String> employeeNo = organization.employeeNo(user.id());
		boolean officer = !user.hospitalWide()
				&& (user.hasRole(Role.QC_OFFICER) || user.hasRole(Role.DEPARTMENT_HEAD));
		if (employeeNo.isEmpty() && !officer) {
			return null;
		}
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("hospital", user.hospitalId());
		StringBuilder where = new StringBuilder(" where d.hospital_id = :hospital");
		if (!user.hospitalWide()) {
			where.append(" and d.department_id = any(:departments)");
			parameters.put("departments", user.departmentIds().toArray(UUID[]::new));
		}
		if (!officer) {
			where.append(" and d.doctor_id = :doctor");
			parameters.put("doctor", employeeNo.get());
		}
		where.append(" and (f.status is null or f.status not in ('RESOLVED', 'WAIVED'))");
		where.append(dueSoon ? " and d.kind = 'MISSING' and d.due_time > :now" : " and (d.kind = 'LATE' or d.due_time <= :now)");
		return Map.entry(where.toString(), parameters);
	}

	/** May the user rectify or appeal this (visible) defect: its doctor, or its department's QC officer or head. */
	private void requireResponsible(CareQmsUser user, Item item) {
		if (user.readOnly()) {
			throw new AccessDeniedException("read only");
		}
		boolean officer = !user.hospitalWide()
				&& (user.hasRole(Role.QC_OFFICER) || user.hasRole(Role.DEPARTMENT_HEAD));
		boolean doctor = item.doctorId() != null
				&& organization.employeeNo(user.id()).map(item.doctorId()::equals).orElse(false);
		if (!officer && !doctor) {
			throw new AccessDeniedException("not the responsible doctor or department");
		}
	}

	/** Creates the follow-up of a defect on the first action, and locks it for this transaction. */
	private FollowUpStatus lock(UUID hospitalId, UUID defectId, String by) {
		jdbc.sql("""
				insert into record_qc_follow_up (id, hospital_id, encounter_id, rule_id, kind, event_time, department_id,
				    doctor_id, raised_at, status, version, created_by, created_at, changed_by, changed_at)
				select id, hospital_id, encounter_id, rule_id, kind, event_time, department_id, doctor_id, raised_at,
				       'REOPENED', -1, :by, :now, :by, :now
				from record_qc_defect where hospital_id = :hospital and id = :id limit 1
				on conflict (id) do nothing""")
			.param("hospital", hospitalId)
			.param("id", defectId)
			.param("by", by)
			.param("now", now().atOffset(ZoneOffset.UTC))
			.update();
		var row = jdbc.sql("select status, version from record_qc_follow_up where id = :id for update")
			.param("id", defectId)
			.query((rs, n) -> new Object[] { rs.getString("status"), rs.getInt("version") })
			.single();
		// version -1: just created, no status of its own yet
		return ((Integer) row[1]) < 0 ? null : FollowUpStatus.valueOf((String) row[0]);
	}

	private void setStatus(UUID defectId, FollowUpStatus status, String by) {
		jdbc.sql("""
				update record_qc_follow_up set status = :status, version = greatest(version, 0) + 1, changed_by = :by,
				    changed_at = :now where id = :id""")
			.param("status", status.name())
			.param("by", by)
			.param("now", now().atOffset(ZoneOffset.UTC))
			.param("id", defectId)
			.update();
	}

	private static String summary(Item item) {
		return item.encounterId() + " " + item.ruleId() + " " + item.kind();
	}

	private static Map<String, Object> state(FollowUpStatus status, String note) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("status", status == null ? null : status.name());
		if (note != null) {
			state.put("note", note);
		}
		return state;
	}

	/** The doctor or department says the defect is fixed; the next run over the record will tell. */
	@Transactional
	public Item rectify(CareQmsUser user, UUID defectId, String note) {
		Item item = visible(user, defectId);
		requireResponsible(user, item);
		String text = note == null ? "" : note.strip();
		if (text.isEmpty()) {
			throw new InvalidInputException("note", "error.recordqc.rectify-note");
		}
		if (text.length() > 1000) {
			throw new InvalidInputException("note", "error.recordqc.text-too-long", 1000);
		}
		String by = CurrentUser.name();
		FollowUpStatus before = lock(user.hospitalId(), defectId, by);
		if (before == FollowUpStatus.RECTIFIED) {
			throw new RuleViolationException("recordqc.already-rectified");
		}
		if (before == FollowUpStatus.APPEALED) {
			throw new RuleViolationException("recordqc.appeal-open");
		}
		if (before == FollowUpStatus.WAIVED) {
			throw new RuleViolationException("recordqc.waived");
		}
		jdbc.sql("""
				update record_qc_follow_up set rectify_note = :note, rectified_by = :by, rectifier_id = :user,
				    rectified_at = :now where id = :id""")
			.param("note", text)
			.param("by", by)
			.param("user", user.id())
			.param("now", now().atOffset(ZoneOffset.UTC))
			.param("id", defectId)
			.update();
		setStatus(defectId, FollowUpStatus.RECTIFIED, by);
		audit.record(user.hospitalId(), ENTITY, defectId, before == null ? AuditAction.CREATE : AuditAction.UPDATE,
				summary(item), before == null ? null : state(before, null), state(FollowUpStatus.RECTIFIED, text));
		return visible(user, defectId);
	}

	/** An appeal of the defect, for the quality office to decide; one open appeal per defect, before the deadline. */
	@Transactional
	public Appeal appeal(CareQmsUser user, UUID defectId, String reason, String explanation) {
		Item item = visible(user, defectId);
		requireResponsible(user, item);
		List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
		AppealReason why = null;
		try {
			why = reason == null ? null : AppealReason.valueOf(reason.strip());
		}
		catch (IllegalArgumentException ex) {
			why = null;
		}
		if (why == null) {
			problems.add(new InvalidInputException.FieldProblem("reason", "error.recordqc.appeal-reason"));
		}
		String text = explanation == null ? "" : explanation.strip();
		if (text.isEmpty()) {
			problems.add(new InvalidInputException.FieldProblem("explanation", "error.recordqc.appeal-explanation"));
		}
		else if (text.length() > 2000) {
			problems.add(new InvalidInputException.FieldProblem("explanation", "error.recordqc.text-too-long", 2000));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		String by = CurrentUser.name();
		FollowUpStatus before = lock(user.hospitalId(), defectId, by);
		if (before == FollowUpStatus.APPEALED) {
			throw new RuleViolationException("recordqc.appeal-open");
		}
		if (before == FollowUpStatus.WAIVED) {
			throw new RuleViolationException("recordqc.waived");
		}
		Instant now = now();
		if (now.isAfter(item.appealDeadline())) {
			throw new RuleViolationException("recordqc.appeal-deadline", (Object)
					LocalDateTime.ofInstant(item.appealDeadline(), ZoneId.systemDefault()).toLocalDate().toString());
		}
		UUID appealId = UUID.randomUUID();
		jdbc.sql("""
				insert into record_qc_appeal (id, hospital_id, follow_up_id, reason, explanation, status, filed_by, filer_id,
				    filed_at, version)
				values (:id, :hospital, :defect, :reason, :explanation, 'OPEN', :by, :user, :now, 0)""")
			.param("id", appealId)
			.param("hospital", user.hospitalId())
			.param("defect", defectId)
			.param("reason", why.name())
			.param("explanation", text)
			.param("by", by)
			.param("user", user.id())
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
		setStatus(defectId, FollowUpStatus.APPEALED, by);
		audit.record(user.hospitalId(), ENTITY, defectId, before == null ? AuditAction.CREATE : AuditAction.UPDATE,
				summary(item), before == null ? null : state(before, null), state(FollowUpStatus.APPEALED, null));
		Map<String, Object> filed = new LinkedHashMap<>();
		filed.put("defect", defectId.toString());
		filed.put("reason", why.name());
		filed.put("explanation", text);
		filed.put("status", AppealStatus.OPEN.name());
		audit.record(user.hospitalId(), APPEAL_ENTITY, appealId, AuditAction.CREATE, summary(item), null, filed);
		var office = organization.responsibleUsers(user.hospitalId(), item.departmentId(), Set.of(),
				Set.of(Role.QUALITY_MANAGER));
		notifications.send(user.hospitalId(), office, "RECORD_QC_APPEAL", "recordqc.notice.appeal-filed",
				List.of(item.encounterId(), item.ruleId(), user.displayName()), "/record-qc/appeals",
				"record-qc-appeal:" + appealId);
		return appeal(user.hospitalId(), appealId).orElseThrow();
	}

	/** The quality office's decision: upheld waives the defect (the record is graded again at once), rejected keeps it. */
	@Transactional
	public Appeal decide(CareQmsUser user, UUID appealId, Boolean upheld, String note) {
		Appeal appeal = appeal(user.hospitalId(), appealId).orElseThrow(NotFoundException::new);
		String text = note == null ? "" : note.strip();
		if (upheld == null) {
			throw new InvalidInputException("upheld", "error.recordqc.decision");
		}
		if (!upheld && text.isEmpty()) {
			throw new InvalidInputException("note", "error.recordqc.reject-note");
		}
		if (text.length() > 2000) {
			throw new InvalidInputException("note", "error.recordqc.text-too-long", 2000);
		}
		// waits for a run of the hospital in progress, so the new grade is not overwritten by a stale one
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended('record-qc:' || cast(:hospital as text), 0))")
			.param("hospital", user.hospitalId())
			.query(rs -> {
			});
		String by = CurrentUser.name();
		Instant now = now();
		AppealStatus decision = upheld ? AppealStatus.UPHELD : AppealStatus.REJECTED;
		int changed = jdbc.sql("""
				update record_qc_appeal set status = :status, decided_by = :by, decided_at = :now, decision_note = :note,
				    version = version + 1
				where id = :id and status = 'OPEN'""")
			.param("status", decision.name())
			.param("by", by)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.param("note", text.isEmpty() ? null : text)
			.param("id", appealId)
			.update();
		if (changed == 0) {
			throw new RuleViolationException("recordqc.appeal-decided");
		}
		FollowUpStatus after = upheld ? FollowUpStatus.WAIVED : FollowUpStatus.REJECTED;
		setStatus(appeal.defectId(), after, by);
		Map<String, Object> decided = new LinkedHashMap<>();
		decided.put("status", decision.name());
		decided.put("note", text);
		String summary = appeal.encounterId() + " " + appeal.ruleId() + " " + appeal.kind();
		audit.record(user.hospitalId(), APPEAL_ENTITY, appealId, AuditAction.UPDATE, summary,
				Map.of("status", AppealStatus.OPEN.name()), decided);
		audit.record(user.hospitalId(), ENTITY, appeal.defectId(), AuditAction.UPDATE, summary,
				state(FollowUpStatus.APPEALED, null), state(after, null));
		regrade(user.hospitalId(), appeal.encounterId());
		Set<UUID> recipients = responsible(user.hospitalId(), appeal.departmentId(), appeal.doctorId());
		jdbc.sql("select filer_id from record_qc_appeal where id = :id")
			.param("id", appealId)
			.query(UUID.class)
			.optional()
			.ifPresent(recipients::add);
		notifications.send(user.hospitalId(), recipients, "RECORD_QC_APPEAL",
				upheld ? "recordqc.notice.appeal-upheld" : "recordqc.notice.appeal-rejected",
				List.of(appeal.encounterId(), appeal.ruleId(), text), "/record-qc/my-defects",
				"record-qc-appeal-decided:" + appealId);
		return appeal(user.hospitalId(), appealId).orElseThrow();
	}

	/** The doctor's users and the department's QC officers. */
	private Set<UUID> responsible(UUID hospitalId, UUID departmentId, String doctorId) {
		Set<UUID> recipients = new LinkedHashSet<>(
				organization.responsibleUsers(hospitalId, departmentId, Set.of(Role.QC_OFFICER), Set.of()));
		if (doctorId != null) {
			recipients.addAll(organization.usersByEmployeeNo(hospitalId, List.of(doctorId)).getOrDefault(doctorId, List.of()));
		}
		return recipients;
	}

	/** Grades one record again from its current defects (after a waiver). */
	private void regrade(UUID hospitalId, String encounterId) {
		Optional<UUID> run = jdbc.sql("select run_id from record_qc_grade where hospital_id = :hospital and encounter_id = :encounter")
			.param("hospital", hospitalId)
			.param("encounter", encounterId)
			.query(UUID.class)
			.optional();
		if (run.isEmpty()) {
			return;
		}
		jdbc.sql("delete from record_qc_grade where hospital_id = :hospital and encounter_id = :encounter")
			.param("hospital", hospitalId)
			.param("encounter", encounterId)
			.update();
		jdbc.sql(JudgeRecords.gradesSql("e.encounter_id = :encounter", "encounter_id = :encounter"))
			.param("hospital", hospitalId)
			.param("encounter", encounterId)
			.param("run", run.get())
			.update();
	}

	private static final String APPEAL = """
			select a.id, a.follow_up_id, f.encounter_id, f.rule_id, f.kind, f.department_id, f.doctor_id, a.reason,
			       a.explanation, a.status, a.filed_by, a.filed_at, a.decided_by, a.decided_at, a.decision_note
			from record_qc_appeal a join record_qc_follow_up f on f.id = a.follow_up_id
			""";

	private static Appeal appeal(ResultSet rs) throws SQLException {
		var decided = rs.getTimestamp("decided_at");
		return new Appeal(rs.getObject("id", UUID.class), rs.getObject("follow_up_id", UUID.class),
				rs.getString("encounter_id"), rs.getString("rule_id"), rs.getString("kind"),
				rs.getObject("department_id", UUID.class), rs.getString("doctor_id"),
				AppealReason.valueOf(rs.getString("reason")), rs.getString("explanation"),
				AppealStatus.valueOf(rs.getString("status")), rs.getString("filed_by"),
				rs.getTimestamp("filed_at").toInstant(), rs.getString("decided_by"),
				decided == null ? null : decided.toInstant(), rs.getString("decision_note"));
	}

	@Transactional(readOnly = true)
	public Optional<Appeal> appeal(UUID hospitalId, UUID appealId) {
		return jdbc.sql(APPEAL + " where a.hospital_id = :hospital and a.id = :id")
			.param("hospital", hospitalId)
			.param("id", appealId)
			.query((rs, n) -> appeal(rs))
			.optional();
	}

	/** The appeals of a defect, newest first. */
	@Transactional(readOnly = true)
	public List<Appeal> appealsOf(UUID hospitalId, UUID defectId) {
		return jdbc.sql(APPEAL + " where a.hospital_id = :hospital and a.follow_up_id = :defect order by a.filed_at desc")
			.param("hospital", hospitalId)
			.param("defect", defectId)
			.query((rs, n) -> appeal(rs))
			.list();
	}

	/** The quality office's queue: appeals in a status, oldest first (open ones wait longest at the top). */
	@Transactional(readOnly = true)
	public List<Appeal> appeals(UUID hospitalId, AppealStatus status, int page, int size) {
		return jdbc.sql(APPEAL + " where a.hospital_id = :hospital and a.status = :status"
				+ " order by a.filed_at" + (status == AppealStatus.OPEN ? "" : " desc") + ", a.id limit :limit offset :offset")
			.param("hospital", hospitalId)
			.param("status", status.name())
			.param("limit", size)
			.param("offset", (long) page * size)
			.query((rs, n) -> appeal(rs))
			.list();
	}

	// ------------------------------------------------------------------------------------------ in a run

	/**
	 * After a run: the follow-ups of the records it judged are checked against what it found. A defect it
	 * no longer found is resolved by the re-check (an open appeal of it is closed); one marked rectified
	 * that it still found is reopened; a resolved one found again is reopened too. Waived ones stay waived.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recheck(UUID hospitalId, UUID runId, LocalDateTime from, LocalDateTime to) {
		record Check(UUID id, String encounterId, String ruleId, String kind, FollowUpStatus status, UUID departmentId,
				String doctorId, UUID rectifier, boolean present, String dueTime, String writtenTime) {
		}
		List<Check> checks = jdbc.sql("""
				select f.id, f.encounter_id, f.rule_id, f.kind, f.status, f.department_id, f.doctor_id, f.rectifier_id,
				       d.id is not null as present, d.due_time, d.written_time
				from record_qc_follow_up f
				join clinical_encounter e on e.hospital_id = f.hospital_id and e.encounter_id = f.encounter_id
				left join record_qc_defect d on d.id = f.id and d.run_id = :run
				where f.hospital_id = :hospital and f.status <> 'WAIVED'
				  and e.discharge_time >= :from and e.discharge_time < :to""")
			.param("hospital", hospitalId)
			.param("run", runId)
			.param("from", from)
			.param("to", to)
			.query((rs, n) -> new Check(rs.getObject("id", UUID.class), rs.getString("encounter_id"),
					rs.getString("rule_id"), rs.getString("kind"), FollowUpStatus.valueOf(rs.getString("status")),
					rs.getObject("department_id", UUID.class), rs.getString("doctor_id"),
					rs.getObject("rectifier_id", UUID.class), rs.getBoolean("present"),
					Defects.time(rs.getTimestamp("due_time")), Defects.time(rs.getTimestamp("written_time"))))
			.list();
		Instant now = now();
		for (Check check : checks) {
			FollowUpStatus after;
			String message;
			List<String> arguments;
			if (!check.present()) {
				if (check.status() == FollowUpStatus.RESOLVED) {
					continue;
				}
				after = FollowUpStatus.RESOLVED;
				message = "recordqc.notice.resolved";
				arguments = List.of(check.encounterId(), check.ruleId());
				jdbc.sql("""
						update record_qc_appeal set status = 'CLOSED', decided_by = 'system', decided_at = :now,
						    version = version + 1 where follow_up_id = :id and status = 'OPEN'""")
					.param("now", now.atOffset(ZoneOffset.UTC))
					.param("id", check.id())
					.update();
			}
			else if (check.status() == FollowUpStatus.RECTIFIED || check.status() == FollowUpStatus.RESOLVED) {
				after = FollowUpStatus.REOPENED;
				message = "MISSING".equals(check.kind()) ? "recordqc.notice.still-missing" : "recordqc.notice.still-late";
				arguments = List.of(check.encounterId(), check.ruleId(), check.dueTime(),
						check.writtenTime() == null ? "" : check.writtenTime());
			}
			else {
				continue;
			}
			jdbc.sql("""
					update record_qc_follow_up set status = :status, version = version + 1, checked_run_id = :run,
					    checked_at = :now, changed_by = 'system', changed_at = :now where id = :id""")
				.param("status", after.name())
				.param("run", runId)
				.param("now", now.atOffset(ZoneOffset.UTC))
				.param("id", check.id())
				.update();
			Map<String, Object> state = state(after, null);
			state.put("run", runId.toString());
			audit.record(hospitalId, ENTITY, check.id(), AuditAction.UPDATE,
					check.encounterId() + " " + check.ruleId() + " " + check.kind(), state(check.status(), null), state);
			Set<UUID> recipients = responsible(hospitalId, check.departmentId(), check.doctorId());
			if (check.rectifier() != null) {
				recipients.add(check.rectifier());
			}
			notifications.send(hospitalId, recipients, "RECORD_QC_RECHECK", message, arguments, "/record-qc/my-defects",
					"record-qc-recheck:" + check.id() + ":" + runId);
		}
	}

	/** Each responsible doctor with an account hears once per run about the defects first raised by it. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void notifyDoctors(UUID hospitalId, UUID runId, Instant raisedAt) {
		Map<String, Long> counts = new LinkedHashMap<>();
		jdbc.sql("""
				select doctor_id, count(*) as defects from record_qc_defect
				where hospital_id = :hospital and run_id = :run and raised_at = :raised and doctor_id is not null
				group by doctor_id""")
			.param("hospital", hospitalId)
			.param("run", runId)
			.param("raised", raisedAt.atOffset(ZoneOffset.UTC))
			.query(rs -> {
				counts.put(rs.getString("doctor_id"), rs.getLong("defects"));
			});
		var users = organization.usersByEmployeeNo(hospitalId, counts.keySet());
		users.forEach((doctor, ids) -> notifications.send(hospitalId, ids, "RECORD_DEFECTS",
				"recordqc.notice.my-defects", List.of(String.valueOf(counts.get(doctor))), "/record-qc/my-defects",
				"record-qc:" + runId + ":doctor:" + doctor));
	}

	/**
	 * Documents of records just discharged that are not written yet and whose deadline lies within the
	 * next {@code careqms.record-qc.due-soon-hours}: one prompt per document to its doctor, however many
	 * runs see it.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int promptDueSoon(UUID hospitalId, UUID runId) {
		LocalDateTime now = localNow();
		record Due(UUID id, String encounterId, String ruleId, String documentType, String dueTime, String doctorId) {
		}
		List<Due> due = jdbc.sql("""
				select id, encounter_id, rule_id, document_type, due_time, doctor_id from record_qc_defect
				where hospital_id = :hospital and run_id = :run and kind = 'MISSING' and doctor_id is not null
				  and due_time > :now and due_time <= :horizon""")
			.param("hospital", hospitalId)
			.param("run", runId)
			.param("now", now)
			.param("horizon", now.plusHours(dueSoonHours))
			.query((rs, n) -> new Due(rs.getObject("id", UUID.class), rs.getString("encounter_id"),
					rs.getString("rule_id"), rs.getString("document_type"), Defects.time(rs.getTimestamp("due_time")),
					rs.getString("doctor_id")))
			.list();
		if (due.isEmpty()) {
			return 0;
		}
		Set<String> doctors = new HashSet<>();
		due.forEach(d -> doctors.add(d.doctorId()));
		var users = organization.usersByEmployeeNo(hospitalId, doctors);
		int sent = 0;
		for (Due d : due) {
			Collection<UUID> recipients = users.getOrDefault(d.doctorId(), List.of());
			if (!recipients.isEmpty()) {
				sent += notifications.send(hospitalId, recipients, "RECORD_DUE_SOON", "recordqc.notice.due-soon",
						List.of(d.encounterId(), d.ruleId(), d.documentType(), d.dueTime()), "/record-qc/my-defects",
						"record-qc-due:" + d.id());
			}
		}
		return sent;
	}
}
