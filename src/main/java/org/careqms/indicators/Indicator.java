package org.careqms.indicators;

import java.util.Locale;

/**
 * An indicator of the catalog: what it measures and how to read it.
 *
 * @param code the public code ({@code MORT-INPT}, {@code QI-080})
 * @param officialCode the code of the national document, where there is one
 * @param group the catalog group ({@code core}, {@code mortality}, {@code medical_record}…)
 * @param unit {@code %}, {@code ‰}, {@code days}, {@code per_1000_patient_days}…
 * @param direction {@code lower}, {@code higher} or {@code monitor} (which way is better)
 * @param definitionVersion the version of the definition shipped with this release
 */
public record Indicator(String code, String officialCode, String group, String nameZh, String nameEn,
		String numeratorText, String denominatorText, String unit, String direction, Computation computation,
		String status, int definitionVersion) {

	public String name(Locale locale) {
		return "en".equals(locale.getLanguage()) && nameEn != null ? nameEn : nameZh;
	}

	public boolean core() {
		return "core".equals(group);
	}

	/** The factor that turns numerator/denominator into the shown value (100 for %). */
	public double multiplier() {
		return switch (unit) {
			case "%", "per_100_discharges", "DDDs_per_100_patient_days" -> 100;
			case "‰", "per_1000_patient_days", "per_1000_device_days" -> 1000;
			default -> 1;
		};
	}

	/** For SPC: proportions get a p chart, rates per exposure a u chart, everything else an I chart. */
	public String chartType() {
		return switch (unit) {
			case "%", "‰" -> "p";
			case "per_1000_patient_days", "per_1000_device_days", "per_100_discharges", "DDDs_per_100_patient_days" -> "u";
			default -> "i";
		};
	}

	public boolean lowerIsBetter() {
		return "lower".equals(direction);
	}
}
