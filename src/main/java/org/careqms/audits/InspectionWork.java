package org.careqms.audits;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.clinicaldata.EncounterSampling;
import org.careqms.notification.Notifications;
import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.NotFoundException;
import org.careqms.platform.Role;
import org.careqms.platform.RuleViolationException;
import org.careqms.standards.ChecklistItem;
import org.careqms.standards.ChecklistScoring;
import org.careqms.standards.ChecklistSection;
import org.careqms.standards.ChecklistTemplateVersion;
import org.careqms.standards.ChecklistTemplates;
import org.careqms.standards.ItemAnswer;
import org.careqms.standards.ScoreResult;
import org.careqms.standards.ScoringMethod;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Doing an inspection: answers item by item (each saved as it is entered), evidence photos, the record
 * sample, the submission that scores it through the standards module's scorer and raises a finding
 * per failed item, and the amendment that corrects a submitted inspection.
 */
@Service
class InspectionWork {

	static final String ENTITY = AuditPlanning.INSPECTION;

	/** How an item was answered. */
	enum Outcome {
		PASS, FAIL, POINTS, NA
	}

	/** A stored answer. {@code earned} is what the item scores (for a deduction item: its points minus the deduction). */
	record Answer(long itemId, Outcome outcome, BigDecimal earned, String note, String answeredBy, Instant answeredAt) {

		public boolean notApplicable() {
			return outcome == Outcome.NA;
		}
	}

	/** An evidence photo, without its bytes. */
	record Photo(UUID id, long itemId, String contentType, int sizeBytes, String uploadedBy, Instant uploadedAt) {
	}

	/** A finding raised at submission. */
	record Finding(UUID id, long itemId, String itemCode, String itemText, String sectionTitle, boolean critical,
			String note, Instant raisedAt) {
	}

	/** One drawn record of the inspection's sample. */
	record SampleLine(int position, String encounterId, String patientId, UUID departmentId,
			java.time.LocalDateTime admitTime, java.time.LocalDateTime dischargeTime) {
	}

	private final InspectionRepository inspections;
	private final AuditPlanning planning;
	private final ChecklistTemplates templates;
	private final EncounterSampling sampling;
	private final OrganizationDirectory organization;
	private final Notifications notifications;
	private final AuditTrail audit;
	private final ApplicationEventPublisher events;
	private final JdbcClient jdbc;
	private final Clock clock;
	private final long photoMaxBytes;
	private final SecureRandom random = new SecureRandom();

	InspectionWork(InspectionRepository inspections, AuditPlanning planning, ChecklistTemplates templates,
			EncounterSampling sampling, OrganizationDirectory organization, Notifications notifications,
			AuditTrail audit, ApplicationEventPublisher events, JdbcClient jdbc, Clock clock,
			@Value("${careqms.audits.photo-max-bytes:8388608}") long photoMaxBytes) {
		this.inspections = inspections;
		this.planning = planning;
		this.templates = templates;
		this.sampling = sampling;
		this.organization = organization;
		this.notifications = notifications;
		this.audit = audit;
		this.events = events;
		this.jdbc = jdbc;
		this.clock = clock;
		this.photoMaxBytes = photoMaxBytes;
	}

	long photoMaxBytes() {
		return photoMaxBytes;
	}

	/** The inspection, if the user may see it; otherwise (or when it does not exist) not found. */
	@Transactional(readOnly = true)
	public Inspection get(UUID id) {
		CareQmsUser user = CurrentUser.require();
		Inspection inspection = inspections.findByIdAndHospitalId(id, user.hospitalId())
			.orElseThrow(NotFoundException::new);
		if (!AuditAccess.maySee(user, inspection)) {
			throw new NotFoundException();
		}
		return inspection;
	}

	/** The checklist version the inspection uses. */
	@Transactional(readOnly = true)
	public ChecklistTemplateVersion checklist(Inspection inspection) {
		return templates.version(inspection.getHospitalId(), inspection.getTemplateVersionId())
			.orElseThrow(() -> new IllegalStateException("checklist version " + inspection.getTemplateVersionId()
					+ " of inspection " + inspection.getReference() + " is gone"));
	}

	@Transactional(readOnly = true)
	public Map<Long, Answer> answers(UUID inspectionId) {
		Map<Long, Answer> answers = new LinkedHashMap<>();
		jdbc.sql("""
				select item_id, outcome, earned, note, answered_by, answered_at from inspection_answer
				where inspection_id = :inspection""")
			.param("inspection", inspectionId)
			.query(rs -> {
				long item = rs.getLong("item_id");
				answers.put(item, new Answer(item, Outcome.valueOf(rs.getString("outcome")), rs.getBigDecimal("earned"),
						rs.getString("note"), rs.getString("answered_by"),
						rs.getObject("answered_at", OffsetDateTime.class).toInstant()));
			});
		return answers;
	}

	/**
	 * Saves one answer. {@code value} is the points earned for a points item and the points deducted for
	 * a deduction item; pass/fail items take PASS or FAIL, any item that allows it NA.
	 */
	@Transactional
	public Answer answer(UUID id, long itemId, Outcome outcome, BigDecimal value, String note) {
		CareQmsUser user = CurrentUser.require();
		Inspection inspection = lockForWork(id, user);
		ChecklistItem item = item(checklist(inspection), itemId)
			.orElseThrow(() -> new InvalidInputException("itemId", "error.audits.item"));
		if (note != null && note.length() > 2000) {
			throw new InvalidInputException("note", "error.audits.note");
		}
		BigDecimal earned = earned(item, outcome, value);
		Instant now = now();
		start(inspection, now);
		Map<Long, Answer> existing = answers(id);
		Answer before = existing.get(itemId);
		String text = note == null || note.isBlank() ? null : note.trim();
		jdbc.sql("""
				insert into inspection_answer (inspection_id, hospital_id, item_id, outcome, earned, note, answered_by,
				    answered_at)
				values (:inspection, :hospital, :item, :outcome, :earned, :note, :by, :at)
				on conflict (inspection_id, item_id) do update set outcome = excluded.outcome, earned = excluded.earned,
				    note = excluded.note, answered_by = excluded.answered_by, answered_at = excluded.answered_at""")
			.param("inspection", id)
			.param("hospital", inspection.getHospitalId())
			.param("item", itemId)
			.param("outcome", outcome.name())
			.param("earned", earned)
			.param("note", text)
			.param("by", CurrentUser.name())
			.param("at", now.atOffset(ZoneOffset.UTC))
			.update();
		Answer saved = new Answer(itemId, outcome, earned, text, CurrentUser.name(), now);
		audit.record(inspection.getHospitalId(), ENTITY, id, before == null ? AuditAction.CREATE : AuditAction.UPDATE,
				inspection.getReference() + " " + item.code(), before == null ? null : answerState(item, before),
				answerState(item, saved));
		return saved;
	}

	/** What the answer earns, after checking it fits the item's scoring method. */
	static BigDecimal earned(ChecklistItem item, Outcome outcome, BigDecimal value) {
		if (outcome == null) {
			throw new InvalidInputException("outcome", "error.audits.outcome");
		}
		BigDecimal points = item.points() == null ? BigDecimal.ZERO : item.points();
		if (outcome == Outcome.NA) {
			if (!item.notApplicableAllowed()) {
				throw new InvalidInputException("outcome", "error.audits.not-applicable");
			}
			return null;
		}
		if (item.scoring() == ScoringMethod.PASS_FAIL) {
			if (outcome != Outcome.PASS && outcome != Outcome.FAIL) {
				throw new InvalidInputException("outcome", "error.audits.outcome");
			}
			return outcome == Outcome.PASS ? points : BigDecimal.ZERO;
		}
		if (outcome != Outcome.POINTS) {
			throw new InvalidInputException("outcome", "error.audits.outcome");
		}
		if (value == null || value.signum() < 0 || value.compareTo(points) > 0 || value.stripTrailingZeros().scale() > 2) {
			throw new InvalidInputException("value", "error.audits.value", points.stripTrailingZeros().toPlainString());
		}
		// a deduction item is answered with what is deducted; it earns the rest
		return item.scoring() == ScoringMethod.POINTS ? value : points.subtract(value);
	}

	@Transactional(readOnly = true)
	public List<Photo> photos(UUID inspectionId) {
		return jdbc.sql("""
				select id, item_id, content_type, size_bytes, uploaded_by, uploaded_at from inspection_photo
				where inspection_id = :inspection order by uploaded_at, id""")
			.param("inspection", inspectionId)
			.query((rs, n) -> new Photo(rs.getObject("id", UUID.class), rs.getLong("item_id"),
					rs.getString("content_type"), rs.getInt("size_bytes"), rs.getString("uploaded_by"),
					rs.getObject("uploaded_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	/** Stores an evidence photo of an item: JPEG, PNG or WebP by its content, no larger than the limit. */
	@Transactional
	public Photo addPhoto(UUID id, long itemId, byte[] content) {
		return addPhoto(id, itemId, content, null);
	}

	/**
	 * Stores an evidence photo of an item. {@code clientId} is the id the phone gave the photo when it was
	 * queued offline: a second upload with the same id (a retry after a lost answer) stores nothing and
	 * answers with the photo already stored.
	 */
	@Transactional
	public Photo addPhoto(UUID id, long itemId, byte[] content, String clientId) {
		CareQmsUser user = CurrentUser.require();
		String client = clientId == null || clientId.isBlank() ? null : clientId.trim();
		if (client != null && !client.matches("[A-Za-z0-9_-]{8,64}")) {
			throw new InvalidInputException("clientId", "error.audits.photo-client-id");
		}
		if (content == null || content.length == 0) {
			throw new InvalidInputException("photo", "error.audits.photo-empty");
		}
		if (content.length > photoMaxBytes) {
			throw new InvalidInputException("photo", "error.audits.photo-size", photoMaxBytes / (1024 * 1024));
		}
		PhotoType type = PhotoType.of(content).orElseThrow(() -> new InvalidInputException("photo", "error.audits.photo-type"));
		Inspection inspection = lockForWork(id, user);
		ChecklistItem item = item(checklist(inspection), itemId)
			.orElseThrow(() -> new InvalidInputException("itemId", "error.audits.item"));
		if (client != null) {
			// the inspection row is locked: a retry racing the first upload waits here and then finds it
			Optional<Photo> stored = jdbc.sql("""
					select id, item_id, content_type, size_bytes, uploaded_by, uploaded_at from inspection_photo
					where inspection_id = :inspection and client_id = :client""")
				.param("inspection", id)
				.param("client", client)
				.query((rs, n) -> new Photo(rs.getObject("id", UUID.class), rs.getLong("item_id"),
						rs.getString("content_type"), rs.getInt("size_bytes"), rs.getString("uploaded_by"),
						rs.getObject("uploaded_at", OffsetDateTime.class).toInstant()))
				.optional();
			if (stored.isPresent()) {
				return stored.get();
			}
		}
		Instant now = now();
		start(inspection, now);
		var photo = new Photo(UUID.randomUUID(), itemId, type.contentType(), content.length, CurrentUser.name(), now);
		String sha256 = sha256(content);
		jdbc.sql("""
				insert into inspection_photo (id, hospital_id, inspection_id, item_id, content_type, size_bytes, sha256,
				    content, uploaded_by, uploaded_at, client_id)
				values (:id, :hospital, :inspection, :item, :type, :size, :sha, :content, :by, :at, :client)""")
			.param("client", client)
			.param("id", photo.id())
			.param("hospital", inspection.getHospitalId())
			.param("inspection", id)
			.param("item", itemId)
			.param("type", photo.contentType())
			.param("size", photo.sizeBytes())
			.param("sha", sha256)
			.param("content", content)
			.param("by", photo.uploadedBy())
			.param("at", now.atOffset(ZoneOffset.UTC))
			.update();
		audit.record(inspection.getHospitalId(), "InspectionPhoto", photo.id(), AuditAction.CREATE,
				inspection.getReference() + " " + item.code(), null,
				Map.of("inspectionId", id, "itemId", itemId, "contentType", photo.contentType(), "sizeBytes",
						photo.sizeBytes(), "sha256", sha256));
		return photo;
	}

	/** A photo's bytes and type, for whoever may see its inspection. */
	record PhotoContent(String contentType, byte[] content) {
	}

	@Transactional(readOnly = true)
	public PhotoContent photo(UUID photoId) {
		CareQmsUser user = CurrentUser.require();
		var row = jdbc.sql("""
				select inspection_id, content_type, content from inspection_photo where id = :id and hospital_id = :hospital""")
			.param("id", photoId)
			.param("hospital", user.hospitalId())
			.query((rs, n) -> new Object[] { rs.getObject("inspection_id", UUID.class), rs.getString("content_type"),
					rs.getBytes("content") })
			.optional()
			.orElseThrow(NotFoundException::new);
		get((UUID) row[0]);
		return new PhotoContent((String) row[1], (byte[]) row[2]);
	}

	/** The bytes of every photo of an inspection (already checked visible), in upload order: for the report. */
	@Transactional(readOnly = true)
	public List<Map.Entry<Photo, byte[]>> photoContents(UUID inspectionId) {
		return jdbc.sql("""
				select id, item_id, content_type, size_bytes, uploaded_by, uploaded_at, content from inspection_photo
				where inspection_id = :inspection order by uploaded_at, id""")
			.param("inspection", inspectionId)
			.query((rs, n) -> Map.entry(new Photo(rs.getObject("id", UUID.class), rs.getLong("item_id"),
					rs.getString("content_type"), rs.getInt("size_bytes"), rs.getString("uploaded_by"),
					rs.getObject("uploaded_at", OffsetDateTime.class).toInstant()), rs.getBytes("content")))
			.list();
	}

	/** The score now, as if submitted: what the phone shows while answering. */
	@Transactional(readOnly = true)
	public ScoreResult provisionalScore(Inspection inspection) {
		return ChecklistScoring.score(checklist(inspection), itemAnswers(answers(inspection.getId())));
	}

	/**
	 * Scores the inspection with the standards module's scorer, makes it a record, and raises a finding
	 * per failed item (published after the commit for the improvement module).
	 */
	@Transactional
	public Inspection submit(UUID id) {
		CareQmsUser user = CurrentUser.require();
		Inspection inspection = lockForWork(id, user);
		ChecklistTemplateVersion checklist = checklist(inspection);
		Map<Long, Answer> answers = answers(id);
		var score = ChecklistScoring.score(checklist, itemAnswers(answers));
		if (!score.unansweredItemIds().isEmpty()) {
			throw new RuleViolationException("audits.inspection.unanswered", score.unansweredItemIds().size());
		}
		var before = inspection.auditState();
		Instant now = now();
		inspection.submit(score.earned(), score.possible(), score.percent(), score.vetoed(), CurrentUser.name(), now);
		Inspection saved = inspections.save(inspection);
		audit.record(saved.getHospitalId(), ENTITY, saved.getId(), AuditAction.UPDATE, saved.getReference(), before,
				saved.auditState());
		Set<Long> failed = new LinkedHashSet<>(score.failedItemIds());
		failed.addAll(score.criticalFailedItemIds());
		for (ChecklistSection section : checklist.sections()) {
			for (ChecklistItem item : section.items()) {
				if (!failed.contains(item.id())) {
					continue;
				}
				Answer answer = answers.get(item.id());
				var finding = new FindingRaised(UUID.randomUUID(), saved.getHospitalId(), saved.getId(),
						saved.getReference(), saved.getDepartmentId(), saved.getTemplateName(), item.code(), item.text(),
						item.critical() || score.criticalFailedItemIds().contains(item.id()),
						answer == null ? null : answer.note(), now);
				jdbc.sql("""
						insert into inspection_finding (id, hospital_id, inspection_id, department_id, item_id, item_code,
						    item_text, section_title, critical, note, raised_at)
						values (:id, :hospital, :inspection, :department, :item, :code, :text, :section, :critical, :note, :at)""")
					.param("id", finding.findingId())
					.param("hospital", finding.hospitalId())
					.param("inspection", finding.inspectionId())
					.param("department", finding.departmentId())
					.param("item", item.id())
					.param("code", item.code())
					.param("text", truncate(item.text(), 2000))
					.param("section", truncate(section.title(), 200))
					.param("critical", finding.critical())
					.param("note", finding.note())
					.param("at", now.atOffset(ZoneOffset.UTC))
					.update();
				events.publishEvent(finding);
			}
		}
		var recipients = organization.responsibleUsers(saved.getHospitalId(), saved.getDepartmentId(),
				EnumSet.of(Role.DEPARTMENT_HEAD, Role.QC_OFFICER), EnumSet.noneOf(Role.class));
		notifications.send(saved.getHospitalId(), recipients, "AUDIT_SUBMITTED",
				Boolean.TRUE.equals(saved.getVetoed()) ? "audits.notification.vetoed" : "audits.notification.submitted",
				List.of(saved.getReference(), saved.getTemplateName(), saved.getScorePercent() == null ? "—"
						: saved.getScorePercent().stripTrailingZeros().toPlainString(), String.valueOf(failed.size())),
				"/audits/inspections/" + saved.getId(), "inspection:" + saved.getId() + ":submitted");
		return saved;
	}

	@Transactional(readOnly = true)
	public List<Finding> findings(UUID inspectionId) {
		return jdbc.sql("""
				select id, item_id, item_code, item_text, section_title, critical, note, raised_at from inspection_finding
				where inspection_id = :inspection order by critical desc, item_code""")
			.param("inspection", inspectionId)
			.query((rs, n) -> new Finding(rs.getObject("id", UUID.class), rs.getLong("item_id"),
					rs.getString("item_code"), rs.getString("item_text"), rs.getString("section_title"),
					rs.getBoolean("critical"), rs.getString("note"),
					rs.getObject("raised_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	/** The inspection a finding belongs to, if the user may see it. */
	@Transactional(readOnly = true)
	public UUID inspectionOfFinding(UUID findingId) {
		UUID inspection = jdbc.sql("select inspection_id from inspection_finding where id = :id and hospital_id = :hospital")
			.param("id", findingId)
			.param("hospital", CurrentUser.require().hospitalId())
			.query(UUID.class)
			.optional()
			.orElseThrow(NotFoundException::new);
		return get(inspection).getId();
	}

	/**
	 * Corrects a submitted inspection: a new inspection with the same answers and photos to edit, the
	 * reason on record; the submitted one stays as it was and is shown as amended.
	 */
	@Transactional
	public Inspection amend(UUID id, String reason) {
		CareQmsUser user = CurrentUser.require();
		Inspection original = inspections.lock(id, user.hospitalId()).orElseThrow(NotFoundException::new);
		if (!AuditAccess.maySee(user, original)) {
			throw new NotFoundException();
		}
		if (user.readOnly() || !(original.assigned(user.id()) || AuditAccess.mayPlan(user))) {
			throw new AccessDeniedException("may not amend this inspection");
		}
		if (original.getStatus() != InspectionStatus.SUBMITTED) {
			throw new RuleViolationException("audits.inspection.not-submitted");
		}
		if (reason == null || reason.isBlank() || reason.length() > 1000) {
			throw new InvalidInputException("reason", "error.audits.amendment-reason");
		}
		if (amendment(id).isPresent()) {
			throw new RuleViolationException("audits.inspection.amended");
		}
		Set<UUID> team = new LinkedHashSet<>(original.auditorIds());
		team.add(user.id());
		Inspection amendment = inspections.save(Inspection.amending(original, planning.nextReference(user.hospitalId()),
				reason.trim(), team, LocalDate.now(clock)));
		jdbc.sql("""
				insert into inspection_answer (inspection_id, hospital_id, item_id, outcome, earned, note, answered_by, answered_at)
				select :amendment, hospital_id, item_id, outcome, earned, note, answered_by, answered_at
				from inspection_answer where inspection_id = :original""")
			.param("amendment", amendment.getId()).param("original", id).update();
		jdbc.sql("""
				insert into inspection_photo (id, hospital_id, inspection_id, item_id, content_type, size_bytes, sha256,
				    content, uploaded_by, uploaded_at)
				select gen_random_uuid(), hospital_id, :amendment, item_id, content_type, size_bytes, sha256, content,
				    uploaded_by, uploaded_at
				from inspection_photo where inspection_id = :original""")
			.param("amendment", amendment.getId()).param("original", id).update();
		audit.record(amendment.getHospitalId(), ENTITY, amendment.getId(), AuditAction.CREATE,
				amendment.getReference() + " ← " + original.getReference(), null, amendment.auditState());
		return amendment;
	}

	/** The inspection that amends this one, if any. */
	@Transactional(readOnly = true)
	public Optional<UUID> amendment(UUID id) {
		return jdbc.sql("select id from inspection where amends_id = :id and status <> 'VOIDED'")
			.param("id", id)
			.query(UUID.class)
			.optional();
	}

	/** Voids an inspection that has not started (the quality office). */
	@Transactional
	public Inspection voidInspection(UUID id, String reason) {
		CareQmsUser user = CurrentUser.require();
		if (!AuditAccess.mayPlan(user)) {
			throw new AccessDeniedException("voiding is the quality office's");
		}
		if (reason == null || reason.isBlank() || reason.length() > 500) {
			throw new InvalidInputException("reason", "error.audits.void-reason");
		}
		Inspection inspection = inspections.lock(id, user.hospitalId()).orElseThrow(NotFoundException::new);
		var before = inspection.auditState();
		inspection.voidInspection(reason.trim(), CurrentUser.name(), now());
		Inspection saved = inspections.save(inspection);
		audit.record(saved.getHospitalId(), ENTITY, saved.getId(), AuditAction.VOID, saved.getReference(), before,
				saved.auditState());
		return saved;
	}

	/**
	 * Draws the records the auditors will read (抽查): a reproducible random sample of the department's
	 * discharges (or patients) in the period; without a seed a new one is made, and the seed is kept.
	 */
	@Transactional
	public List<SampleLine> drawSample(UUID id, LocalDate from, LocalDate to, EncounterSampling.Unit unit, int size,
			String seed) {
		CareQmsUser user = CurrentUser.require();
		List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
		if (from == null) {
			problems.add(new InvalidInputException.FieldProblem("from", "error.audits.sample-period"));
		}
		if (to == null || from != null && (to.isBefore(from) || from.plusYears(1).isBefore(to))) {
			problems.add(new InvalidInputException.FieldProblem("to", "error.audits.sample-period"));
		}
		if (size < 1 || size > 200) {
			problems.add(new InvalidInputException.FieldProblem("size", "error.audits.sample-size"));
		}
		if (seed != null && !seed.isBlank() && !seed.trim().matches("[A-Za-z0-9_-]{1,64}")) {
			problems.add(new InvalidInputException.FieldProblem("seed", "error.audits.sample-seed"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		Inspection inspection = lockForWork(id, user);
		String used = seed == null || seed.isBlank() ? newSeed() : seed.trim();
		EncounterSampling.Unit drawn = unit == null ? EncounterSampling.Unit.ENCOUNTER : unit;
		var sample = sampling.sample(inspection.getHospitalId(), List.of(inspection.getDepartmentId()), from, to, drawn,
				used, size);
		var before = inspection.auditState();
		jdbc.sql("delete from inspection_sample where inspection_id = :id").param("id", id).update();
		int position = 0;
		List<SampleLine> lines = new ArrayList<>();
		for (var encounter : sample) {
			position++;
			jdbc.sql("""
					insert into inspection_sample (inspection_id, hospital_id, position, encounter_id, patient_id,
					    department_id, admit_time, discharge_time)
					values (:inspection, :hospital, :position, :encounter, :patient, :department, :admit, :discharge)""")
				.param("inspection", id)
				.param("hospital", inspection.getHospitalId())
				.param("position", position)
				.param("encounter", encounter.encounterId())
				.param("patient", encounter.patientId())
				.param("department", encounter.departmentId())
				.param("admit", encounter.admitTime())
				.param("discharge", encounter.dischargeTime())
				.update();
			lines.add(new SampleLine(position, encounter.encounterId(), encounter.patientId(), encounter.departmentId(),
					encounter.admitTime(), encounter.dischargeTime()));
		}
		Instant now = now();
		start(inspection, now);
		inspection.sampled(used, drawn.name(), from, to, size, CurrentUser.name(), now);
		Inspection saved = inspections.save(inspection);
		audit.record(saved.getHospitalId(), ENTITY, saved.getId(), AuditAction.UPDATE,
				saved.getReference() + " sample " + used, before, saved.auditState());
		return lines;
	}

	@Transactional(readOnly = true)
	public List<SampleLine> sample(UUID inspectionId) {
		return jdbc.sql("""
				select position, encounter_id, patient_id, department_id, admit_time, discharge_time from inspection_sample
				where inspection_id = :inspection order by position""")
			.param("inspection", inspectionId)
			.query((rs, n) -> new SampleLine(rs.getInt("position"), rs.getString("encounter_id"),
					rs.getString("patient_id"), rs.getObject("department_id", UUID.class),
					rs.getObject("admit_time", java.time.LocalDateTime.class),
					rs.getObject("discharge_time", java.time.LocalDateTime.class)))
			.list();
	}

	/** The population the sample was drawn from, to show the fraction. */
	@Transactional(readOnly = true)
	public long samplePopulation(Inspection inspection) {
		if (inspection.getSampleSeed() == null) {
			return 0;
		}
		return sampling.population(inspection.getHospitalId(), List.of(inspection.getDepartmentId()),
				inspection.getSampleFrom(), inspection.getSampleTo(),
				EncounterSampling.Unit.valueOf(inspection.getSampleUnit()));
	}

	static List<ItemAnswer> itemAnswers(Map<Long, Answer> answers) {
		return answers.values().stream()
			.map(a -> new ItemAnswer(a.itemId(), a.notApplicable(), a.earned()))
			.toList();
	}

	static Optional<ChecklistItem> item(ChecklistTemplateVersion checklist, long itemId) {
		return checklist.item(itemId);
	}

	private Inspection lockForWork(UUID id, CareQmsUser user) {
		Inspection inspection = inspections.lock(id, user.hospitalId()).orElseThrow(NotFoundException::new);
		if (!AuditAccess.maySee(user, inspection)) {
			throw new NotFoundException();
		}
		if (!AuditAccess.mayAnswer(user, inspection)) {
			throw new AccessDeniedException("not an auditor of this inspection");
		}
		inspection.requireOpen();
		return inspection;
	}

	private void start(Inspection inspection, Instant now) {
		var before = inspection.auditState();
		if (inspection.start(CurrentUser.name(), now)) {
			Inspection saved = inspections.save(inspection);
			audit.record(saved.getHospitalId(), ENTITY, saved.getId(), AuditAction.UPDATE, saved.getReference(), before,
					saved.auditState());
		}
	}

	private static Map<String, Object> answerState(ChecklistItem item, Answer answer) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("item", item.code());
		state.put("outcome", answer.outcome());
		state.put("earned", answer.earned());
		state.put("note", answer.note());
		return state;
	}

	private String newSeed() {
		byte[] bytes = new byte[8];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String truncate(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max);
	}

	private Instant now() {
		return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
	}
}
