package org.careqms.clinicaldata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The hand-written readers of the import's hot loop (code shapes, dates, local times) say exactly what
 * the regular expressions and ISO formatters of data-formats.md say, on many random near-misses.
 */
class ClinicalValuesShapeTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

	private static final Pattern LOCAL_TIME = Pattern
		.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?");

	@Test
	void codeShapesAgreeWithTheRegularExpressions() {
		var random = new Random(7);
		String alphabet = "0123456789xX.AZIJa -";
		for (int i = 0; i < 200_000; i++) {
			String code = randomCode(random, alphabet);
			assertThat(ClinicalValues.isIcd10(code)).as(code).isEqualTo(ClinicalValues.ICD10.matcher(code).matches());
			assertThat(ClinicalValues.isIcd9Cm3(code)).as(code)
				.isEqualTo(ClinicalValues.ICD9_CM_3.matcher(code).matches());
		}
		for (String code : new String[] { "I21.0", "I21.000", "I10.x00", "J18.900x002", "I21", "I21.", "I21.0000",
				"I21.00x0020", "47.01", "36.0601", "74.1x00", "81.5100x003", "81.51000", "81.", "8", "" }) {
			assertThat(ClinicalValues.isIcd10(code)).as(code).isEqualTo(ClinicalValues.ICD10.matcher(code).matches());
			assertThat(ClinicalValues.isIcd9Cm3(code)).as(code)
				.isEqualTo(ClinicalValues.ICD9_CM_3.matcher(code).matches());
		}
	}

	@Test
	void datesAndLocalTimesAgreeWithTheIsoFormatters() {
		var random = new Random(11);
		for (int i = 0; i < 100_000; i++) {
			String date = String.format("%04d-%02d-%02d", random.nextInt(3000), random.nextInt(14), random.nextInt(33));
			String text = mutate(random, date);
			assertThat(ClinicalValues.date(text)).as(text).isEqualTo(isoDate(text));
			String time = mutate(random, date + (random.nextBoolean() ? ' ' : 'T')
					+ String.format("%02d:%02d", random.nextInt(26), random.nextInt(62))
					+ (random.nextBoolean() ? String.format(":%02d", random.nextInt(62)) : ""));
			assertThat(ClinicalValues.time(time, SHANGHAI)).as(time).isEqualTo(isoLocalTime(time));
		}
	}

	private static LocalDate isoDate(String text) {
		try {
			return DATE.matcher(text).matches() ? LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE) : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static LocalDateTime isoLocalTime(String text) {
		try {
			return LOCAL_TIME.matcher(text).matches()
					? LocalDateTime.parse(text.replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME) : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** Usually unchanged; else one character replaced, dropped or doubled. */
	private static String mutate(Random random, String text) {
		if (random.nextInt(3) > 0 || text.isEmpty()) {
			return text;
		}
		int at = random.nextInt(text.length());
		return switch (random.nextInt(3)) {
			case 0 -> text.substring(0, at) + "0-: Tx".charAt(random.nextInt(6)) + text.substring(at + 1);
			case 1 -> text.substring(0, at) + text.substring(at + 1);
			default -> text.substring(0, at) + text.charAt(at) + text.substring(at);
		};
	}

	private static String randomCode(Random random, String alphabet) {
		var code = new StringBuilder();
		// mostly code-like: a letter or two digits, a point, then digits and x
		boolean letter = random.nextBoolean();
		if (letter) {
			code.append((char) ('A' + random.nextInt(26)));
		}
		int point = letter ? 3 : 2;
		int length = random.nextInt(12);
		for (int i = 0; i < length; i++) {
			boolean digitsFirst = code.length() < point && random.nextInt(4) > 0;
			code.append(code.length() == point && random.nextInt(4) > 0 ? '.'
					: digitsFirst ? (char) ('0' + random.nextInt(10)) : alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return code.toString();
	}
}
