package org.careqms.recordqc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The record rules shipped with CareQMS (catalog/record-rules.yaml, copied from the team's shared
 * catalog with its sources) and the defaults a hospital starts from for the rules the engine judges.
 * Which rules are judged, and why the others are not, is written down in docs/record-qc.md.
 */
@Component
class RecordRuleCatalog {

	/**
	 * Default points per defect. The catalog gives no points per rule ("weights vary by form"); its
	 * typical deductions name 5 points for a late admission record, and its generic-form variant
	 * deducts 10 points for each single-veto item. Each hospital tunes them on the rules page.
	 */
	static final BigDecimal DEDUCT_POINTS = new BigDecimal("5.0");

	static final BigDecimal VETO_POINTS = new BigDecimal("10.0");

	/** A rule the engine judges: its document type and the catalog's defaults. */
	record Rule(String id, String documentType, String nameZh, String nameEn, int defaultDeadlineHours,
			Severity defaultSeverity) {

		public String name(Locale locale) {
			return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
		}

		BigDecimal defaultDeduction() {
			return defaultSeverity == Severity.DEDUCT ? DEDUCT_POINTS : VETO_POINTS;
		}
	}

	/** The judged rules and the document type each one is about (data-formats.md, record-documents.csv). */
	static final Map<String, String> JUDGED = judgedTypes();

	private static Map<String, String> judgedTypes() {
		Map<String, String> judged = new LinkedHashMap<>();
		judged.put("RR-ADM-01", "ADMISSION_RECORD");
		judged.put("RR-ADM-03", "ADMISSION_DISCHARGE_RECORD");
		judged.put("RR-PRG-01", "FIRST_PROGRESS_NOTE");
		judged.put("RR-RND-01", "ATTENDING_FIRST_ROUND");
		judged.put("RR-TRF-02", "TRANSFER_IN_NOTE");
		judged.put("RR-RES-01", "RESCUE_RECORD");
		judged.put("RR-CNS-01", "SURGICAL_CONSENT");
		judged.put("RR-SUR-05", "OPERATION_RECORD");
		judged.put("RR-SUR-08", "POSTOP_FIRST_NOTE");
		judged.put("RR-DSC-01", "DISCHARGE_RECORD");
		judged.put("RR-DTH-01", "DEATH_RECORD");
		judged.put("RR-DTH-02", "DEATH_DISCUSSION");
		// judged for patients in hospital only (running records, ADR 0015): the condition level is known from the
		// census, not for discharged records
		judged.put("RR-PRG-02", "PROGRESS_NOTE");
		judged.put("RR-PRG-03", "PROGRESS_NOTE");
		judged.put("RR-PRG-04", "PROGRESS_NOTE");
		return java.util.Collections.unmodifiableMap(judged);
	}

	/** Rules judged only while the patient is in hospital (by the condition level of the census). */
	static final java.util.Set<String> RUNNING_ONLY = java.util.Set.of("RR-PRG-02", "RR-PRG-03", "RR-PRG-04");

	private final Map<String, Rule> rules;

	private final int catalogSize;

	RecordRuleCatalog() {
		Map<String, Rule> loaded = new LinkedHashMap<>();
		List<Map<String, Object>> all = load();
		for (Map<String, Object> entry : all) {
			String id = (String) entry.get("id");
			if (JUDGED.containsKey(id)) {
				loaded.put(id, rule(id, entry));
			}
		}
		if (!loaded.keySet().equals(JUDGED.keySet())) {
			throw new IllegalStateException("record-rules.yaml lacks judged rules: " + JUDGED.keySet());
		}
		Map<String, Rule> ordered = new LinkedHashMap<>();
		JUDGED.keySet().forEach(id -> ordered.put(id, loaded.get(id)));
		this.rules = java.util.Collections.unmodifiableMap(ordered);
		this.catalogSize = all.size();
	}

	List<Rule> judged() {
		return List.copyOf(rules.values());
	}

	Optional<Rule> find(String id) {
		return Optional.ofNullable(rules.get(id));
	}

	/** How many rules the catalog has in all, judged or not. */
	int catalogSize() {
		return catalogSize;
	}

	@SuppressWarnings("unchecked")
	private static Rule rule(String id, Map<String, Object> entry) {
		Map<String, Object> document = (Map<String, Object>) entry.get("document");
		Map<String, Object> deadline = (Map<String, Object>) entry.get("deadline");
		Map<String, Object> severity = (Map<String, Object>) entry.get("severity");
		// a time limit ("value") or, for repeated documents, the longest interval between two ("max_interval")
		Object value = deadline.containsKey("value") ? deadline.get("value") : deadline.get("max_interval");
		int hours = 0;
		if (value instanceof Number number) {
			hours = number.intValue() * ("d".equals(deadline.get("unit")) ? 24 : 1);
		}
		Object first = severity.containsKey("missing_or_late") ? severity.get("missing_or_late")
				: severity.values().iterator().next();
		return new Rule(id, JUDGED.get(id), (String) document.get("zh"), (String) document.get("en"), hours,
				Severity.ofCatalog(first.toString()));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> load() {
		try (InputStream in = new ClassPathResource("catalog/record-rules.yaml").getInputStream()) {
			Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
			return (List<Map<String, Object>>) yaml.get("rules");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
