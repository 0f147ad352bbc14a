package org.careqms.clinicaldata;

import java.time.DateTimeException;
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

	private static final Pattern OFFSET_TIME = Pattern
		.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})");

	private ClinicalValues() {
	}

	/** A date {@code YYYY-MM-DD}, or null when the text is not one (2025-02-30 is not). */
	static LocalDate date(String text) {
		// read by hand, not with a DateTimeFormatter: three times per row of a million-row file
		if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		if (year < 0 || month < 0 || day < 0) {
			return null;
		}
		try {
			return LocalDate.of(year, month, day);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** The number written with {@code count} ASCII digits from {@code start}, or -1. */
	private static int digits(String text, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	/** {@code YYYY-MM-DD HH:MM[:SS]} or {@code YYYY-MM-DDTHH:MM[:SS]}; null when the text is not one. */
	private static LocalDateTime localTime(String text) {
		int length = text.length();
		if ((length != 16 && length != 19) || (text.charAt(10) != ' ' && text.charAt(10) != 'T')
				|| text.charAt(13) != ':' || (length == 19 && text.charAt(16) != ':')) {
			return null;
		}
		LocalDate date = date(text.substring(0, 10));
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = length == 19 ? digits(text, 17, 2) : 0;
		if (date == null || hour < 0 || minute < 0 || second < 0) {
			return null;
		}
		try {
			return date.atTime(hour, minute, second);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** Whether the code has the shape of {@link #ICD10} (without a regular expression: it is read for every row). */
	static boolean isIcd10(String code) {
		int length = code.length();
		if (length < 3 || code.charAt(0) < 'A' || code.charAt(0) > 'Z' || !isDigit(code.charAt(1))
				|| !isDigit(code.charAt(2))) {
			return false;
		}
		return length == 3 || (code.charAt(3) == '.' && extension(code, 4, 3));
	}

	/** Whether the code has the shape of {@link #ICD9_CM_3}. */
	static boolean isIcd9Cm3(String code) {
		int length = code.length();
		if (length < 2 || !isDigit(code.charAt(0)) || !isDigit(code.charAt(1))) {
			return false;
		}
		return length == 2 || (code.charAt(2) == '.' && extension(code, 3, 4));
	}

	/**
	 * After the point: 1 to {@code most} of [0-9xX], optionally followed by [xX] and three digits (the
	 * national extension, always the last four characters).
	 */
	private static boolean extension(String code, int start, int most) {
		int rest = code.length() - start;
		if (rest >= 1 && rest <= most) {
			return allCodeCharacters(code, start, code.length());
		}
		if (rest >= 5 && rest <= most + 4) {
			int suffix = code.length() - 4;
			char x = code.charAt(suffix);
			return allCodeCharacters(code, start, suffix) && (x == 'x' || x == 'X') && isDigit(code.charAt(suffix + 1))
					&& isDigit(code.charAt(suffix + 2)) && isDigit(code.charAt(suffix + 3));
		}
		return false;
	}

	private static boolean allCodeCharacters(String code, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = code.charAt(i);
			if (!isDigit(c) && c != 'x' && c != 'X') {
				return false;
			}
		}
		return true;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	/**
	 * A time in the hospital's local time: {@code YYYY-MM-DD HH:MM}, {@code YYYY-MM-DD HH:MM:SS} or ISO
	 * {@code YYYY-MM-DDTHH:MM[:SS]}; a time with an offset (a FHIR dateTime) is converted to the
	 * hospital's zone. Null when the text is none of these.
	 */
	static LocalDateTime time(String text, ZoneId hospitalZone) {
		LocalDateTime local = localTime(text);
		if (local != null) {
			return local;
		}
		try {
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
