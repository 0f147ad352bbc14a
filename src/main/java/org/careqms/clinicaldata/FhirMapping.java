package org.careqms.clinicaldata;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns FHIR R4 Bundles into rows of encounters.csv and procedures.csv, as docs/fhir-mapping.md
 * describes, so that they are checked, staged and stored like the CSV files. Inpatient Encounters
 * that have ended become discharges, those in progress (no period.end, status arrived, triaged,
 * in-progress or onleave) running stays (ADR 0015); other encounters are skipped and counted; Procedures follow
 * their encounter. A row is numbered by the position of its resource among all entries of the
 * request (files in the order sent). What the data cannot give (a patient without birth date, a
 * department that cannot be mapped) refuses the row with that reason.
 */
final class FhirMapping {

	static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
	static final String ICD10_CN = "http://hl7.org/fhir/sid/icd-10-cn";
	static final String ICD10_OID = "urn:oid:2.16.840.1.113883.6.3";
	static final String ICD9_CM = "http://hl7.org/fhir/sid/icd-9-cm";
	static final String ICD9_CM_3_OID = "urn:oid:2.16.840.1.113883.6.104";
	static final String ADMIT_SOURCE = "http://terminology.hl7.org/CodeSystem/admit-source";

	/** The diagnosis of an inpatient stay whose conditions carry no ICD-10 code: R69, illness unspecified. */
	static final String UNCODED_DIAGNOSIS = "R69";

	/** The procedure code of a procedure without an ICD-9-CM-3 code: 99.99, other miscellaneous procedures. */
	static final String UNCODED_PROCEDURE = "99.99";

	/** An extension of Procedure with the operation grade of the national front page (0 to 4). */
	static final String SURGERY_LEVEL = "https://careqms.org/fhir/StructureDefinition/surgery-level";

	/** HIS code system under which a department's FHIR codes may be registered. */
	static final String DEPARTMENT_SYSTEM = "FHIR:";

	static final Set<String> INPATIENT = Set.of("IMP", "ACUTE", "NONAC");

	private static final Set<String> NOT_HAPPENED = Set.of("planned", "cancelled", "entered-in-error");

	/** Encounter statuses of a patient in hospital: without period.end such an encounter is a running stay. */
	static final Set<String> IN_HOSPITAL = Set.of("arrived", "triaged", "in-progress", "onleave");


	private static final EncounterFormat ENCOUNTER_FORMAT = new EncounterFormat();
	private static final ProcedureFormat PROCEDURE_FORMAT = new ProcedureFormat();

	/** The columns of the mapped rows: those of the CSV files, in their documented order. */
	static final Map<String, Integer> ENCOUNTER_COLUMNS = columns(ENCOUNTER_FORMAT);
	static final Map<String, Integer> PROCEDURE_COLUMNS = columns(PROCEDURE_FORMAT);
	static final Map<String, Integer> INPATIENT_COLUMNS = columns(new InpatientFormat(false));

	/** Why a row was refused while mapping, in the terms of the CSV column it concerns. */
	record Refusal(String column, Text reason) {
	}

	/** One row as a CSV file would have it, its line (the resource's entry position) and mapping refusals. */
	record MappedRow(long line, List<String> values, List<Refusal> refusals) {
	}

	/** A procedure whose encounter is not in its own bundle, resolved when every bundle has been read. */
	private record PendingProcedure(long line, String encounterReference, Procedure procedure) {
	}

	private final Map<String, UUID> departments;
	private final String defaultDepartment;
	private final List<MappedRow> encounters = new ArrayList<>();
	private final List<MappedRow> procedures = new ArrayList<>();
	private final List<MappedRow> running = new ArrayList<>();
	private final List<PendingProcedure> pending = new ArrayList<>();
	/** Encounters imported from the bundles so far, by every reference that names them: encounter_id. */
	private final Map<String, String> importedByReference = new HashMap<>();
	private final Map<String, Integer> lastSeq = new HashMap<>();
	private final Set<String> mapped = new HashSet<>();
	private long position;
	private int notInpatient;
	private int notDischarged;
	private int notHappened;
	private int uncodedDiagnoses;
	private int uncodedOtherDiagnoses;
	private int uncodedProcedures;
	private int proceduresWithoutEncounter;
	private int proceduresOfRejected;

	/**
	 * @param departments the hospital's department index ({@code OrganizationDirectory.departmentCodeIndex})
	 * @param defaultDepartment a known department code for unmapped encounters, or null to refuse them
	 */
	FhirMapping(Map<String, UUID> departments, String defaultDepartment) {
		this.departments = departments;
		this.defaultDepartment = defaultDepartment;
	}

	List<MappedRow> encounters() {
		return encounters;
	}

	List<MappedRow> procedures() {
		return procedures;
	}

	/** Inpatient encounters in progress (no period.end): rows of inpatients.csv, running stays (ADR 0015). */
	List<MappedRow> running() {
		return running;
	}

	/** Encounters left out: not inpatient, not discharged yet, or never happened. */
	int skipped() {
		return notInpatient + notDischarged + notHappened;
	}

	/** What the importer should know although nothing was refused: counts of skipped and substituted data. */
	List<Text> warnings() {
		List<Text> warnings = new ArrayList<>();
		if (skipped() > 0) {
			warnings.add(Text.of("clinicaldata.warning.fhir-skipped", String.valueOf(skipped()),
					String.valueOf(notInpatient), String.valueOf(notDischarged), String.valueOf(notHappened)));
		}
		if (!running.isEmpty()) {
			warnings.add(Text.of("clinicaldata.warning.fhir-running", String.valueOf(running.size())));
		}
		if (uncodedDiagnoses > 0) {
			warnings.add(Text.of("clinicaldata.warning.fhir-uncoded-diagnosis", String.valueOf(uncodedDiagnoses),
					UNCODED_DIAGNOSIS));
		}
		if (uncodedOtherDiagnoses > 0) {
			warnings.add(Text.of("clinicaldata.warning.fhir-uncoded-other-diagnosis",
					String.valueOf(uncodedOtherDiagnoses)));
		}
		if (uncodedProcedures > 0) {
			warnings.add(Text.of("clinicaldata.warning.fhir-uncoded-procedure", String.valueOf(uncodedProcedures),
					UNCODED_PROCEDURE));
		}
		if (proceduresWithoutEncounter > 0) {
			warnings.add(Text.of("clinicaldata.warning.fhir-procedure-without-encounter",
					String.valueOf(proceduresWithoutEncounter)));
		}
		if (proceduresOfRejected > 0) {
			warnings.add(Text.of("clinicaldata.warning.fhir-procedures-of-rejected",
					String.valueOf(proceduresOfRejected)));
		}
		return warnings;
	}

	/** Maps the encounters of one bundle, and the procedures whose encounter is known by now. */
	void read(Bundle bundle) {
		var entries = new Entries(bundle, position);
		position += bundle.getEntry().size();
		Map<Resource, List<Condition>> conditionsByEncounter = new IdentityHashMap<>();
		for (Resource resource : entries.resources()) {
			if (resource instanceof Condition condition && !refuted(condition)
					&& entries.resolve(condition.getEncounter()) instanceof Encounter encounter) {
				conditionsByEncounter.computeIfAbsent(encounter, e -> new ArrayList<>()).add(condition);
			}
		}
		Map<Resource, String> imported = new IdentityHashMap<>();
		for (Resource resource : entries.resources()) {
			if (resource instanceof Encounter encounter) {
				encounter(entries, encounter, conditionsByEncounter.getOrDefault(encounter, List.of()), imported);
			}
		}
		for (Resource resource : entries.resources()) {
			if (!(resource instanceof Procedure procedure) || !performed(procedure)) {
				continue;
			}
			Resource encounter = entries.resolve(procedure.getEncounter());
			if (encounter == null) {
				pending.add(new PendingProcedure(entries.line(procedure), procedure.getEncounter().getReference(),
						procedure));
			}
			else if (imported.containsKey(encounter)) {
				procedure(entries.line(procedure), imported.get(encounter), procedure);
			}
		}
	}

	/** Leaves out the procedures of encounters that were rejected: they are counted, not rejected one by one. */
	void dropProceduresOf(Collection<String> rejectedEncounters) {
		if (rejectedEncounters.isEmpty()) {
			return;
		}
		int before = procedures.size();
		int encounterColumn = PROCEDURE_COLUMNS.get("encounter_id");
		procedures.removeIf(row -> rejectedEncounters.contains(row.values().get(encounterColumn)));
		proceduresOfRejected += before - procedures.size();
	}

	/** Maps the procedures whose encounter came in another bundle of the request. */
	void finish() {
		for (PendingProcedure procedure : pending) {
			String encounterId = procedure.encounterReference() == null ? null
					: importedByReference.get(procedure.encounterReference());
			if (encounterId == null) {
				proceduresWithoutEncounter++;
			}
			else {
				procedure(procedure.line(), encounterId, procedure.procedure());
			}
		}
		pending.clear();
	}

	private void encounter(Entries entries, Encounter encounter, List<Condition> conditions,
			Map<Resource, String> imported) {
		if (encounter.hasStatus() && NOT_HAPPENED.contains(encounter.getStatus().toCode())) {
			notHappened++;
			return;
		}
		String encounterClass = encounter.getClass_().getCode();
		if (encounterClass == null || !INPATIENT.contains(encounterClass)) {
			notInpatient++;
			return;
		}
		boolean inHospital = !encounter.getPeriod().hasEnd();
		if (inHospital && !(encounter.hasStatus() && IN_HOSPITAL.contains(encounter.getStatus().toCode()))) {
			notDischarged++;
			return;
		}
		long line = entries.line(encounter);
		List<Refusal> refusals = new ArrayList<>();
		Map<String, String> row = new HashMap<>();
		String encounterId = encounterId(entries, encounter);
		row.put("encounter_id", encounterId);
		Period period = encounter.getPeriod();
		row.put("admit_time", text(period.getStartElement()));
		row.put("discharge_time", text(period.getEndElement()));

		Resource subject = entries.resolve(encounter.getSubject());
		if (!(subject instanceof Patient patient)) {
			refusals.add(new Refusal("patient_id", Text.of("clinicaldata.error.fhir-patient-missing",
					String.valueOf(encounter.getSubject().getReference()))));
		}
		else {
			row.put("patient_id", patientId(entries, patient));
			row.put("sex", sex(patient));
			if (!patient.hasBirthDateElement() || patient.getBirthDateElement().getValueAsString() == null) {
				refusals.add(new Refusal("birth_date",
						Text.of("clinicaldata.error.fhir-birth-date-missing",
								String.valueOf(patientId(entries, patient)))));
			}
			else {
				row.put("birth_date", patient.getBirthDateElement().getValueAsString());
			}
			if (!inHospital) {
				row.put("discharge_disposition", dischargeDisposition(encounter, patient));
			}
		}

		List<Reference> locations = encounter.getLocation().stream().map(l -> l.getLocation()).toList();
		List<String> admitCandidates = departmentCandidates(entries, encounter, locations);
		List<Reference> reversed = new ArrayList<>(locations);
		Collections.reverse(reversed);
		List<String> dischargeCandidates = departmentCandidates(entries, encounter, reversed);
		String admitDepartment = department(admitCandidates);
		String dischargeDepartment = department(dischargeCandidates);
		if (admitDepartment == null || dischargeDepartment == null) {
			String tried = admitCandidates.isEmpty() ? "—" : String.join(", ", admitCandidates);
			refusals.add(new Refusal("admit_dept", Text.of("clinicaldata.error.fhir-department", tried)));
		}
		row.put("admit_dept", admitDepartment);
		row.put("discharge_dept", dischargeDepartment);

		row.put("admission_route", admissionRoute(encounter.getHospitalization().getAdmitSource()));
		diagnoses(entries, encounter, conditions, row);
		if (inHospital) {
			// the current department is the last location's; it took the patient at that location's period start
			row.put("current_dept", dischargeDepartment);
			if (!Objects.equals(admitDepartment, dischargeDepartment) && !encounter.getLocation().isEmpty()) {
				var last = encounter.getLocation().get(encounter.getLocation().size() - 1);
				if (last.getPeriod().hasStartElement()) {
					row.put("transfer_time", text(last.getPeriod().getStartElement()));
				}
			}
			row.put("attending_id", attending(entries, encounter));
			running.add(new MappedRow(line, values(INPATIENT_COLUMNS, row), refusals));
			return;
		}
		row.put("readmission_plan_31d", "1");

		encounters.add(new MappedRow(line, values(ENCOUNTER_COLUMNS, row), refusals));
		// a second encounter of the same id is rejected as a duplicate key; its procedures are not taken
		if (encounterId != null && mapped.add(encounterId)) {
			imported.put(encounter, encounterId);
			entries.references(encounter).forEach(reference -> importedByReference.put(reference, encounterId));
		}
	}

	private void procedure(long line, String encounterId, Procedure procedure) {
		int seq = lastSeq.merge(encounterId, 1, Integer::sum);
		Map<String, String> row = new HashMap<>();
		row.put("encounter_id", encounterId);
		row.put("seq", String.valueOf(seq));
		String code = code(procedure.getCode(), ICD9_CM, ICD9_CM_3_OID);
		if (code == null) {
			uncodedProcedures++;
			code = UNCODED_PROCEDURE;
		}
		row.put("code", code);
		if (procedure.hasPerformedDateTimeType()) {
			row.put("op_time", text(procedure.getPerformedDateTimeType()));
		}
		else if (procedure.hasPerformedPeriod()) {
			row.put("op_time", text(procedure.getPerformedPeriod().getStartElement()));
		}
		row.put("surgery_level", surgeryLevel(procedure));
		procedures.add(new MappedRow(line, values(PROCEDURE_COLUMNS, row), List.of()));
	}

	/**
	 * The attending doctor's staff number: the identifier of the Practitioner (or PractitionerRole's
	 * practitioner) of the first participant typed ATND (else PPRF) that is still current; null if none.
	 */
	private static String attending(Entries entries, Encounter encounter) {
		for (String wanted : List.of("ATND", "PPRF")) {
			for (var participant : encounter.getParticipant()) {
				boolean typed = participant.getType().stream()
					.flatMap(type -> type.getCoding().stream())
					.anyMatch(coding -> wanted.equals(coding.getCode()));
				if (!typed || participant.getPeriod().hasEnd()) {
					continue;
				}
				Resource who = entries.resolve(participant.getIndividual());
				if (who instanceof org.hl7.fhir.r4.model.PractitionerRole role) {
					who = entries.resolve(role.getPractitioner());
				}
				if (who instanceof org.hl7.fhir.r4.model.Practitioner practitioner) {
					for (Identifier identifier : practitioner.getIdentifier()) {
						if (identifier.hasValue()) {
							return identifier.getValue();
						}
					}
					if (practitioner.getIdElement().hasIdPart()) {
						return bare(practitioner.getIdElement().getIdPart());
					}
				}
				String reference = participant.getIndividual().getReference();
				if (who == null && reference != null && reference.startsWith("Practitioner/")) {
					return bare(reference.substring("Practitioner/".length()));
				}
			}
		}
		return null;
	}

	/** Encounter.id as written, else its official (or first) identifier, else the entry's full URL. */
	private static String encounterId(Entries entries, Encounter encounter) {
		if (encounter.getIdElement().hasIdPart()) {
			return bare(encounter.getIdElement().getIdPart());
		}
		Identifier identifier = encounter.getIdentifier()
			.stream()
			.filter(i -> i.hasValue() && i.getUse() == Identifier.IdentifierUse.OFFICIAL)
			.findFirst()
			.orElse(encounter.getIdentifier().stream().filter(Identifier::hasValue).findFirst().orElse(null));
		if (identifier != null) {
			return identifier.getValue();
		}
		String fullUrl = entries.fullUrl(encounter);
		return fullUrl == null ? null : bare(fullUrl);
	}

	/** The medical record number (identifier of type MR) when the Patient has one, else its id, else its full URL. */
	private static String patientId(Entries entries, Patient patient) {
		for (Identifier identifier : patient.getIdentifier()) {
			boolean medicalRecord = identifier.getType().getCoding().stream().anyMatch(c -> "MR".equals(c.getCode()));
			if (identifier.hasValue() && medicalRecord) {
				return identifier.getValue();
			}
		}
		if (patient.getIdElement().hasIdPart()) {
			return bare(patient.getIdElement().getIdPart());
		}
		String fullUrl = entries.fullUrl(patient);
		return fullUrl == null ? null : bare(fullUrl);
	}

	/** GB/T 2261.1: 1 male, 2 female, 0 unknown (also when absent), 9 other. */
	private static String sex(Patient patient) {
		if (!patient.hasGender()) {
			return "0";
		}
		return switch (patient.getGender()) {
			case MALE -> "1";
			case FEMALE -> "2";
			case OTHER -> "9";
			default -> "0";
		};
	}

	/** admit-source: emd 1 emergency, outp 2 outpatient, hosp-trans 3 transfer-in, anything else or none 9. */
	private static String admissionRoute(CodeableConcept admitSource) {
		for (Coding coding : admitSource.getCoding()) {
			if (coding.hasSystem() && !coding.getSystem().equals(ADMIT_SOURCE)) {
				continue;
			}
			switch (String.valueOf(coding.getCode())) {
				case "emd":
					return "1";
				case "outp":
					return "2";
				case "hosp-trans":
					return "3";
				default:
					return "9";
			}
		}
		return "9";
	}

	/**
	 * discharge-disposition (HL7) or NUBC patient discharge status; without one, 5 when the patient died
	 * during the stay, else 9 (other): the data do not say that the discharge was routine.
	 */
	private static String dischargeDisposition(Encounter encounter, Patient patient) {
		for (Coding coding : encounter.getHospitalization().getDischargeDisposition().getCoding()) {
			String code = String.valueOf(coding.getCode());
			String system = String.valueOf(coding.getSystem());
			String mapped = system.equals("http://www.nubc.org/patient-discharge") ? nubc(code) : hl7Disposition(code);
			if (mapped != null) {
				return mapped;
			}
		}
		if (patient.hasDeceasedDateTimeType() && patient.getDeceasedDateTimeType().getValue() != null) {
			Date died = patient.getDeceasedDateTimeType().getValue();
			Date start = encounter.getPeriod().getStart();
			Date end = encounter.getPeriod().getEnd();
			if (start != null && end != null && !died.before(start) && !died.after(end)) {
				return "5";
			}
		}
		return "9";
	}

	private static String hl7Disposition(String code) {
		return switch (code) {
			case "home", "alt-home" -> "1";
			case "other-hcf", "psy", "rehab" -> "2";
			case "hosp", "long", "snf" -> "3";
			case "aadvice" -> "4";
			case "exp" -> "5";
			case "oth" -> "9";
			default -> null;
		};
	}

	private static String nubc(String code) {
		return switch (code) {
			case "01", "06" -> "1";
			case "02", "05", "43", "62", "63", "65", "66", "70" -> "2";
			case "03", "04", "50", "51", "61" -> "3";
			case "07" -> "4";
			case "20", "40", "41", "42" -> "5";
			default -> null;
		};
	}

	/**
	 * principal_dx: the diagnosis ranked 1, else the first with use DD (discharge) or billing, else the
	 * first diagnosis, else the first Condition of the encounter; its ICD-10 code, or R69 when it has
	 * none. other_dx: the ICD-10 codes of the other diagnoses and conditions of the encounter.
	 */
	private void diagnoses(Entries entries, Encounter encounter, List<Condition> conditions, Map<String, String> row) {
		List<Encounter.DiagnosisComponent> listed = encounter.getDiagnosis();
		Encounter.DiagnosisComponent principal = listed.stream()
			.filter(d -> d.hasRank() && d.getRank() == 1)
			.findFirst()
			.orElse(listed.stream()
				.filter(d -> d.getUse()
					.getCoding()
					.stream()
					.anyMatch(c -> "DD".equals(c.getCode()) || "billing".equals(c.getCode())))
				.findFirst()
				.orElse(listed.isEmpty() ? null : listed.get(0)));
		List<Condition> all = new ArrayList<>();
		Condition principalCondition = null;
		if (principal != null && entries.resolve(principal.getCondition()) instanceof Condition condition) {
			principalCondition = condition;
			all.add(condition);
		}
		for (Encounter.DiagnosisComponent diagnosis : listed) {
			if (entries.resolve(diagnosis.getCondition()) instanceof Condition condition && !all.contains(condition)
					&& !refuted(condition)) {
				all.add(condition);
			}
		}
		for (Condition condition : conditions) {
			if (!all.contains(condition)) {
				all.add(condition);
			}
		}
		if (principalCondition == null && principal == null && !all.isEmpty()) {
			principalCondition = all.get(0);
		}
		String principalCode = principalCondition == null ? null
				: code(principalCondition.getCode(), ICD10, ICD10_CN, ICD10_OID);
		if (principalCode == null) {
			uncodedDiagnoses++;
			principalCode = UNCODED_DIAGNOSIS;
		}
		row.put("principal_dx", principalCode);
		Set<String> others = new LinkedHashSet<>();
		for (Condition condition : all) {
			if (condition == principalCondition) {
				continue;
			}
			String code = code(condition.getCode(), ICD10, ICD10_CN, ICD10_OID);
			if (code == null) {
				uncodedOtherDiagnoses++;
			}
			else if (!code.equals(principalCode)) {
				others.add(code);
			}
		}
		row.put("other_dx", others.isEmpty() ? null : String.join(";", others));
	}

	/** 0 (a procedure, not an operation) unless the surgery-level extension gives the grade. */
	private static String surgeryLevel(Procedure procedure) {
		Extension extension = procedure.getExtensionByUrl(SURGERY_LEVEL);
		if (extension != null && extension.getValue() instanceof PrimitiveType<?> value && value.hasValue()) {
			return value.getValueAsString();
		}
		return "0";
	}

	/**
	 * Department candidates in order: Encounter.serviceProvider, serviceType codes, locations (in the
	 * given order); each reference by its identifier value, its id and the identifiers of the resource
	 * it names in the bundle.
	 */
	private static List<String> departmentCandidates(Entries entries, Encounter encounter, List<Reference> locations) {
		Set<String> candidates = new LinkedHashSet<>();
		candidates.addAll(entries.codes(encounter.getServiceProvider()));
		encounter.getServiceType()
			.getCoding()
			.stream()
			.filter(Coding::hasCode)
			.forEach(coding -> candidates.add(coding.getCode()));
		locations.forEach(location -> candidates.addAll(entries.codes(location)));
		return List.copyOf(candidates);
	}

	/** The first candidate the hospital knows (its own code, a HIS code or a {@code FHIR:} code), else the default. */
	private String department(List<String> candidates) {
		for (String candidate : candidates) {
			if (departments.containsKey(candidate)) {
				return candidate;
			}
			if (departments.containsKey(DEPARTMENT_SYSTEM + candidate)) {
				return DEPARTMENT_SYSTEM + candidate;
			}
		}
		return defaultDepartment;
	}

	/** The code of the first coding in one of the systems, or null. */
	private static String code(CodeableConcept concept, String... systems) {
		for (Coding coding : concept.getCoding()) {
			if (coding.hasCode() && coding.hasSystem() && List.of(systems).contains(coding.getSystem())) {
				return coding.getCode().strip();
			}
		}
		return null;
	}

	private static boolean refuted(Condition condition) {
		return condition.getVerificationStatus()
			.getCoding()
			.stream()
			.anyMatch(c -> "refuted".equals(c.getCode()) || "entered-in-error".equals(c.getCode()));
	}

	private static boolean performed(Procedure procedure) {
		return !procedure.hasStatus() || switch (procedure.getStatus()) {
			case NOTDONE, ENTEREDINERROR, PREPARATION -> false;
			default -> true;
		};
	}

	private static String text(PrimitiveType<?> value) {
		return value == null ? null : value.getValueAsString();
	}

	/** A reference or id without its {@code urn:uuid:} or {@code urn:oid:} prefix. */
	static String bare(String id) {
		if (id.startsWith("urn:uuid:") || id.startsWith("urn:oid:")) {
			return id.substring(id.indexOf(':', 4) + 1);
		}
		return id;
	}

	private static Map<String, Integer> columns(ImportFormat format) {
		List<String> names = new ArrayList<>(format.requiredColumns());
		names.addAll(format.optionalColumns());
		return IntStream.range(0, names.size()).boxed().collect(Collectors.toMap(names::get, i -> i));
	}

	private static List<String> values(Map<String, Integer> columns, Map<String, String> row) {
		String[] values = new String[columns.size()];
		columns.forEach((column, index) -> {
			String value = row.get(column);
			values[index] = value == null ? "" : value;
		});
		return List.of(values);
	}

	/**
	 * The entries of one bundle: their positions in the request, and the references that name them
	 * (the full URL, {@code Type/id}, and {@code Type?identifier=system|value} for each identifier).
	 */
	private static final class Entries {

		private final List<Resource> resources = new ArrayList<>();
		private final Map<Resource, Long> lines = new IdentityHashMap<>();
		private final Map<Resource, String> fullUrls = new IdentityHashMap<>();
		private final Map<String, Resource> byReference = new HashMap<>();

		Entries(Bundle bundle, long before) {
			long line = before;
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				line++;
				Resource resource = entry.getResource();
				if (resource == null) {
					continue;
				}
				resources.add(resource);
				lines.put(resource, line);
				if (entry.hasFullUrl()) {
					fullUrls.put(resource, entry.getFullUrl());
				}
				for (String reference : references(resource)) {
					byReference.putIfAbsent(reference, resource);
				}
			}
		}

		List<Resource> resources() {
			return resources;
		}

		long line(Resource resource) {
			return lines.get(resource);
		}

		String fullUrl(Resource resource) {
			return fullUrls.get(resource);
		}

		/** Every reference by which another resource may name this one. */
		List<String> references(Resource resource) {
			List<String> references = new ArrayList<>();
			String type = resource.fhirType();
			String fullUrl = fullUrls.get(resource);
			if (fullUrl != null) {
				references.add(fullUrl);
				int typeAt = fullUrl.lastIndexOf("/" + type + "/");
				if (typeAt >= 0) {
					references.add(fullUrl.substring(typeAt + 1));
				}
			}
			if (resource.getIdElement().hasIdPart()) {
				references.add(type + "/" + resource.getIdElement().getIdPart());
			}
			for (Identifier identifier : identifiers(resource)) {
				if (identifier.hasValue()) {
					references.add(type + "?identifier=" + (identifier.hasSystem() ? identifier.getSystem() + "|" : "")
							+ identifier.getValue());
				}
			}
			return references;
		}

		/** The resource of the bundle a reference names, or null. */
		Resource resolve(Reference reference) {
			if (reference == null || !reference.hasReference()) {
				return null;
			}
			return byReference.get(reference.getReference());
		}

		/** The codes by which a reference may name a department. */
		List<String> codes(Reference reference) {
			Set<String> codes = new LinkedHashSet<>();
			if (reference == null) {
				return List.of();
			}
			if (reference.hasIdentifier() && reference.getIdentifier().hasValue()) {
				codes.add(reference.getIdentifier().getValue());
			}
			if (reference.hasReference()) {
				String text = reference.getReference();
				int bar = text.lastIndexOf('|');
				int slash = text.lastIndexOf('/');
				if (text.contains("?identifier=")) {
					codes.add(text.substring(Math.max(bar, text.indexOf('=')) + 1));
				}
				else if (!text.startsWith("#") && !text.startsWith("urn:")) {
					codes.add(text.substring(slash + 1));
				}
			}
			Resource resource = resolve(reference);
			if (resource != null) {
				identifiers(resource).stream().filter(Identifier::hasValue).forEach(i -> codes.add(i.getValue()));
				if (resource.getIdElement().hasIdPart()) {
					codes.add(bare(resource.getIdElement().getIdPart()));
				}
			}
			codes.remove("");
			return List.copyOf(codes);
		}

		private static List<Identifier> identifiers(Resource resource) {
			if (resource.getNamedProperty("identifier") == null) {
				return List.of();
			}
			return resource.getNamedProperty("identifier")
				.getValues()
				.stream()
				.filter(Identifier.class::isInstance)
				.map(Identifier.class::cast)
				.toList();
		}
	}
}
