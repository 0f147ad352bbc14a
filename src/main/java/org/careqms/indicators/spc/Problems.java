package org.careqms.indicators.spc;

import java.util.ArrayList;
import java.util.List;

import org.careqms.platform.InvalidInputException;
import org.careqms.platform.InvalidInputException.FieldProblem;

/**
 * Collects what is wrong with a request, one problem per field and at most {@value #LIMIT} in all (a
 * 10 000-point request with every value wrong needs no 10 000 error lines), then refuses it at once.
 */
final class Problems {

	static final int LIMIT = 20;

	private final List<FieldProblem> problems = new ArrayList<>();

	void add(String field, String messageKey, Object... arguments) {
		if (problems.size() < LIMIT && problems.stream().noneMatch(p -> p.field().equals(field))) {
			problems.add(new FieldProblem(field, messageKey, arguments));
		}
	}

	boolean isEmpty() {
		return problems.isEmpty();
	}

	void throwIfAny() {
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
	}
}
