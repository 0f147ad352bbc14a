package org.careqms.indicators;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The indicator catalog shipped with CareQMS (catalog/indicators.yaml, copied from the team's shared
 * catalog with its sources): the five core indicators exactly as data-formats.md defines them, and
 * the national set. Which ones CareQMS computes from imported data is decided here; the others are
 * entered monthly.
 */
@Component
public class IndicatorCatalog {

	/** Bumped whenever a computed definition changes, so results can say which definition made them. */
	static final int DEFINITION_VERSION = 1;

	/** Catalog entries computed from imported data (the rest are entered by hand). */
	static final Map<String, Computation> COMPUTED = Map.ofEntries(Map.entry("MORT-INPT", Computation.MORTALITY),
			Map.entry("ALOS", Computation.LENGTH_OF_STAY),
			Map.entry("READM-31-UNPLANNED", Computation.UNPLANNED_READMISSION_31),
			Map.entry("SSI-I", Computation.SSI_CLASS_I), Map.entry("UNPLANNED-REOP", Computation.UNPLANNED_REOPERATION),
			Map.entry("QI-020", Computation.MORTALITY), Map.entry("QI-021", Computation.SURGICAL_MORTALITY),
			Map.entry("QI-022", Computation.NEONATAL_MORTALITY), Map.entry("QI-028", Computation.SSI_CLASS_I),
			Map.entry("QI-029", Computation.SURGERY_SHARE), Map.entry("QI-031", Computation.GRADE4_OPERATION_SHARE),
			Map.entry("QI-033", Computation.LENGTH_OF_STAY), Map.entry("QI-080", Computation.ADMISSION_RECORD_24H),
			Map.entry("QI-082", Computation.DISCHARGE_RECORD_24H), Map.entry("QI-089", Computation.RECORD_GRADE_A));

	private final Map<String, Indicator> byCode;

	public IndicatorCatalog() {
		this.byCode = Collections.unmodifiableMap(load());
	}

	public List<Indicator> all() {
		return List.copyOf(byCode.values());
	}

	public Optional<Indicator> find(String code) {
		return Optional.ofNullable(byCode.get(code));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Indicator> load() {
		Map<String, Object> yaml;
		try (InputStream in = new ClassPathResource("catalog/indicators.yaml").getInputStream()) {
			yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The indicator catalog catalog/indicators.yaml cannot be read", ex);
		}
		Map<String, Indicator> indicators = new LinkedHashMap<>();
		for (Map<String, Object> entry : (List<Map<String, Object>>) yaml.get("core")) {
			add(indicators, entry, (String) entry.get("code"), "core");
		}
		for (Map<String, Object> entry : (List<Map<String, Object>>) yaml.get("indicators")) {
			add(indicators, entry, (String) entry.get("id"), (String) entry.get("group"));
		}
		return indicators;
	}

	private static void add(Map<String, Indicator> indicators, Map<String, Object> entry, String code, String group) {
		indicators.put(code, new Indicator(code, text(entry.get("official_code")), group, text(entry.get("zh")),
				text(entry.get("en")), text(entry.get("numerator")), text(entry.get("denominator")),
				text(entry.get("unit")), text(entry.get("direction")),
				COMPUTED.getOrDefault(code, Computation.MANUAL), text(entry.get("status")), DEFINITION_VERSION));
	}

	private static String text(Object value) {
		return value == null ? null : value.toString();
	}

	/** Codes of the catalog in catalog order, core first. */
	List<String> codes() {
		return new ArrayList<>(byCode.keySet());
	}
}
