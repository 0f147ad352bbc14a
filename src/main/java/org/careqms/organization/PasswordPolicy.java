package org.careqms.organization;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.careqms.platform.InvalidInputException;
import org.careqms.platform.InvalidInputException.FieldProblem;

/**
 * Password rules in the spirit of 等保2.0 level 3 (GB/T 22239-2019 8.1.4.1): at least 10 characters
 * from at least three of upper case, lower case, digits and symbols, not containing the user name and
 * not one of the passwords every attacker tries first.
 */
final class PasswordPolicy {

	static final int MIN_LENGTH = 10;
	static final int MAX_LENGTH = 128;

	private static final Set<String> COMMON = Set.of("password", "passw0rd", "p@ssw0rd", "p@ssword", "admin123",
			"administrator", "qwerty", "qwertyuiop", "1qaz2wsx", "1qaz@wsx", "abc123", "abcd1234", "123456",
			"12345678", "123456789", "1234567890", "iloveyou", "welcome", "letmein", "changeme", "careqms", "hospital");

	private PasswordPolicy() {
	}

	/** The rules the password breaks, as message keys; empty when it is acceptable. */
	static List<String> violations(String username, String password) {
		List<String> problems = new ArrayList<>();
		if (password == null || password.length() < MIN_LENGTH) {
			problems.add("password.too-short");
			return problems;
		}
		if (password.length() > MAX_LENGTH) {
			problems.add("password.too-long");
		}
		int classes = 0;
		classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
		classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
		classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
		classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
		if (classes < 3) {
			problems.add("password.too-simple");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
			problems.add("password.contains-username");
		}
		String stripped = lower.replaceAll("[^a-z0-9@]", "");
		if (COMMON.stream().anyMatch(common -> stripped.equals(common) || stripped.startsWith(common)
				&& stripped.substring(common.length()).matches("[0-9@!#$%^&*.]*"))) {
			problems.add("password.common");
		}
		if (password.chars().distinct().count() < 5) {
			problems.add("password.too-simple");
		}
		return problems.stream().distinct().toList();
	}

	/** Throws a 400-style error on the given form field when the password is weak. */
	static void check(String field, String username, String password) {
		List<String> problems = violations(username, password);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems.stream()
				.map(key -> new FieldProblem(field, "error." + key, MIN_LENGTH))
				.toList());
		}
	}
}
