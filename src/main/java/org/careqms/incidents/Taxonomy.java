package org.careqms.incidents;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Codes of the event taxonomy (catalog event-taxonomy.yaml): the 21 Chinese categories, the four
 * levels, harm, and the questions that appear only for some categories.
 */
final class Taxonomy {

	static final List<String> CATEGORIES = List.of("CAT-MED", "CAT-NUR", "CAT-DRUG", "CAT-ADR", "CAT-DEV", "CAT-HAI",
			"CAT-BLD", "CAT-SUR", "CAT-FALL", "CAT-PI", "CAT-UEX", "CAT-ASP", "CAT-LAB", "CAT-TRN", "CAT-ELP", "CAT-VIO",
			"CAT-OCC", "CAT-FAC", "CAT-CSSD", "CAT-IT", "CAT-OTH");

	static final List<String> LEVELS = List.of("CN-I", "CN-II", "CN-III", "CN-IV");

	static final List<String> HARMS = List.of("NONE", "MILD", "MODERATE", "SEVERE", "DEATH", "UNKNOWN");

	/** Category → question → allowed answers. */
	static final Map<String, Map<String, List<String>>> QUESTIONS = Map.of(
			"CAT-FALL", Map.of("injury", List.of("NONE", "MINOR", "MAJOR"), "riskAssessed", List.of("YES", "NO")),
			"CAT-DRUG", Map.of("nccMerp", List.of("A", "B", "C", "D", "E", "F", "G", "H", "I")),
			"CAT-PI", Map.of("stage", List.of("1", "2", "3", "4", "UNSTAGEABLE", "DTI"), "acquired",
					List.of("HOSPITAL", "ADMISSION")),
			"CAT-UEX", Map.of("line", List.of("ENDOTRACHEAL", "CENTRAL_LINE", "GASTRIC", "URINARY", "DRAIN", "OTHER")));

	static final Set<String> QUESTION_CATEGORIES = QUESTIONS.keySet();

	private Taxonomy() {
	}

	/** Hours for the written report after the event (levels I/II 24 h, III/IV 7 days; catalog, typical policy). */
	static int reportHours(String level) {
		return "CN-I".equals(level) || "CN-II".equals(level) ? 24 : 7 * 24;
	}
}
