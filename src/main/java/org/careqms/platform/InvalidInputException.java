package org.careqms.platform;

import java.util.List;

/** Input that fails validation outside Bean Validation (a weak password, say): answered as 400. */
public class InvalidInputException extends RuntimeException {

	/** One problem: the field and the message key explaining it. */
	public record FieldProblem(String field, String messageKey, Object... arguments) {
	}

	private final transient List<FieldProblem> problems;

	public InvalidInputException(List<FieldProblem> problems) {
		super(problems.toString());
		this.problems = List.copyOf(problems);
	}

	public InvalidInputException(String field, String messageKey, Object... arguments) {
		this(List.of(new FieldProblem(field, messageKey, arguments)));
	}

	public List<FieldProblem> problems() {
		return problems;
	}
}
