package org.careqms.clinicaldata;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** How the values of data-formats.md are read: dates, local times, code shapes. */
final class ClinicalValues {

	/** ICD-10 with the national clinical extension (I21.0, I21.000, I10.x00, J18.900x002). */
	static final Pattern ICD10 = Pattern.compile("[A-Z][0-9]{2}(\\.[0-9xX]{1,3}([xX][0-9]{3})?)?");

	/** ICD-9-CM-3 with the national extension (47.01, 36.0601, 74.1x00, 81.5100x003). */
	static final Pattern ICD9_CM_3 = Pattern.compile("[0-9]{2}(\\.[0-9xX]{1,2}([0-9xX]{2})?([xX][0-9]{3})?)?");

	private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
	private static final Pattern LOCAL_TIME = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?");
	private static final Pattern OFFSET_TIME = Pattern
		.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})");

	private ClinicalValues() {
	}

	/** A date {@code YYYY-MM-DD}, or null when the text is not one (2025-02-30 is not). */
	static LocalDate date(String text) {
		if (!DATE.matcher(text).matches()) {
			return null;
		}
		try {
			return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * A time in the hospital's local time: {@code YYYY-MM-DD HH:MM}, {@code YYYY-MM-DD HH:MM:SS} or ISO
	 * {@code YYYY-MM-DDTHH:MM[:SS]}; a time with an offset (a FHIR dateTime) is converted to the
	 * hospital's zone. Null when the text is none of these.
	 */
	static LocalDateTime time(String text, ZoneId hospitalZone) {
		try {
			if (LOCAL_TIME.matcher(text).matches()) {
				return LocalDateTime.parse(text.replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME);
			}
			if (OFFSET_TIME.matcher(text).matches()) {
				return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
					.atZoneSameInstant(hospitalZone)
					.toLocalDateTime();
			}
			return null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}
}
