package org.careqms.clinicaldata;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads and checks one row at a time (one instance is reused for every row of a file): each reader
 * method returns the value or null, and records a problem naming the column when the text is not
 * acceptable. A row without problems becomes one line of PostgreSQL COPY text for the staging table.
 */
final class RowCheck {

	/** Longest value quoted in a message. */
	private static final int QUOTED = 80;

	private final Map<String, Integer> columns;
	private final ZoneId hospitalZone;
	private final Map<String, UUID> departments;
	private final List<RowProblem> problems = new ArrayList<>();
	private final StringBuilder copy = new StringBuilder(256);
	private final Map<UUID, String> ids = new HashMap<>();
	private List<String> values;
	private long line;

	/**
	 * @param columns the file's columns (lower case) and their positions
	 * @param departments department codes, and HIS codes, of the hospital
	 */
	RowCheck(Map<String, Integer> columns, ZoneId hospitalZone, Map<String, UUID> departments) {
		this.columns = new HashMap<>(columns);
		this.hospitalZone = hospitalZone;
		this.departments = departments;
	}

	/** Starts the next row. */
	void reset(List<String> rowValues, long rowLine) {
		this.values = rowValues;
		this.line = rowLine;
		problems.clear();
		copy.setLength(0);
		copy.append(rowLine);
	}

	long line() {
		return line;
	}

	List<RowProblem> problems() {
		return problems;
	}

	boolean accepted() {
		return problems.isEmpty();
	}

	/** The row's values as one line of COPY text (line number first), valid after an accepted check. */
	CharSequence copyLine() {
		return copy;
	}

	/** Rejects the row; values quoted from the file are shortened so that a message stays readable. */
	void refuse(String column, String key, String... arguments) {
		String[] shown = new String[arguments.length];
		for (int i = 0; i < arguments.length; i++) {
			String argument = arguments[i];
			shown[i] = argument != null && argument.length() > QUOTED ? argument.substring(0, QUOTED) + "…" : argument;
		}
		problems.add(new RowProblem(line, column, Text.of(key, shown)));
	}

	/** The trimmed value of the column, null when the column is absent or the value empty. */
	String value(String column) {
		Integer index = columns.get(column);
		if (index == null || index >= values.size()) {
			return null;
		}
		String value = values.get(index).strip();
		return value.isEmpty() ? null : value;
	}

	private String present(String column, boolean required) {
		String value = value(column);
		if (value == null && required) {
			refuse(column, "clinicaldata.error.required");
		}
		return value;
	}

	String text(String column, boolean required, int maxLength) {
		String value = present(column, required);
		if (value != null && value.length() > maxLength) {
			refuse(column, "clinicaldata.error.too-long", String.valueOf(maxLength));
			return null;
		}
		return value;
	}

	LocalDate date(String column) {
		String text = present(column, true);
		if (text == null) {
			return null;
		}
		LocalDate date = ClinicalValues.date(text);
		if (date == null) {
			refuse(column, "clinicaldata.error.date", text);
		}
		return date;
	}

	LocalDateTime time(String column, boolean required) {
		String text = present(column, required);
		if (text == null) {
			return null;
		}
		LocalDateTime time = ClinicalValues.time(text, hospitalZone);
		if (time == null) {
			refuse(column, "clinicaldata.error.time", text);
		}
		return time;
	}

	/** One of a few numeric codes (sex, admission route…). */
	Integer code(String column, int... allowed) {
		String text = present(column, true);
		if (text == null) {
			return null;
		}
		// the codes are single digits: compared without making a string of each
		int digit = text.length() == 1 ? text.charAt(0) - '0' : -1;
		for (int candidate : allowed) {
			if (candidate == digit || (digit < 0 && text.equals(Integer.toString(candidate)))) {
				return candidate;
			}
		}
		refuse(column, "clinicaldata.error.enumeration", text,
				Arrays.stream(allowed).mapToObj(Integer::toString).collect(Collectors.joining(", ")));
		return null;
	}

	/** One of a few texts (incision class, document type…). */
	String choice(String column, boolean required, List<String> allowed) {
		String text = present(column, required);
		if (text == null) {
			return null;
		}
		if (allowed.contains(text)) {
			return text;
		}
		refuse(column, "clinicaldata.error.enumeration", text, String.join(", ", allowed));
		return null;
	}

	/** A department's own code or a code the HIS uses for it. */
	UUID department(String column) {
		String code = present(column, true);
		if (code == null) {
			return null;
		}
		UUID department = departments.get(code);
		if (department == null) {
			refuse(column, "clinicaldata.error.department", code);
		}
		return department;
	}

	/** A diagnosis or procedure code checked by its shape. */
	String code(String column, boolean required, Predicate<String> shape, String messageKey) {
		String code = present(column, required);
		if (code != null && !shape.test(code)) {
			refuse(column, messageKey, code);
			return null;
		}
		return code;
	}

	Integer positiveInteger(String column) {
		String text = present(column, true);
		if (text == null) {
			return null;
		}
		try {
			int number = Integer.parseInt(text);
			if (number >= 1) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		refuse(column, "clinicaldata.error.positive-integer", text);
		return null;
	}

	/** An amount of money in CNY: at least 0, at most two decimals and twelve digits before the point. */
	BigDecimal amount(String column) {
		String text = present(column, false);
		if (text == null) {
			return null;
		}
		try {
			BigDecimal amount = new BigDecimal(text);
			if (amount.signum() >= 0 && amount.scale() <= 2 && amount.precision() - amount.scale() <= 12
					&& plainDecimal(text)) {
				return amount;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		refuse(column, "clinicaldata.error.amount", text);
		return null;
	}

	/** {@code [0-9]+(\.[0-9]+)?} */
	private static boolean plainDecimal(String text) {
		int point = text.indexOf('.');
		int end = text.length();
		if (point == 0 || point == end - 1) {
			return false;
		}
		for (int i = 0; i < end; i++) {
			char c = text.charAt(i);
			if ((c < '0' || c > '9') && i != point) {
				return false;
			}
		}
		return end > 0;
	}

	/** Appends a value to the COPY line; null becomes {@code \N}. */
	RowCheck put(Object value) {
		copy.append('\t');
		if (value == null) {
			copy.append("\\N");
			return this;
		}
		if (value instanceof String text) {
			return putText(text);
		}
		if (value instanceof UUID id) {
			// department ids: the same few for every row
			copy.append(ids.computeIfAbsent(id, UUID::toString));
			return this;
		}
		// numbers, dates, times and booleans print no character that COPY text escapes
		copy.append(value);
		return this;
	}

	private RowCheck putText(String text) {
		int length = text.length();
		int i = 0;
		while (i < length) {
			char c = text.charAt(i);
			if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
				break;
			}
			i++;
		}
		copy.append(text, 0, i);
		for (; i < length; i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> copy.append("\\\\");
				case '\t' -> copy.append("\\t");
				case '\n' -> copy.append("\\n");
				case '\r' -> copy.append("\\r");
				default -> copy.append(c);
			}
		}
		return this;
	}
}
