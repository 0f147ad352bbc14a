package org.careqms.standards;

import org.careqms.platform.InvalidInputException;
import org.careqms.platform.RuleViolationException;
import org.springframework.validation.BindingResult;

/** Puts problems found by the services back onto the form they came from. */
final class StandardsWeb {

	static final String MANAGERS = "hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER')";

	private StandardsWeb() {
	}

	static void reject(BindingResult errors, InvalidInputException ex) {
		for (var problem : ex.problems()) {
			if (problem.field() != null && errors.getFieldType(problem.field()) != null) {
				errors.rejectValue(problem.field(), problem.messageKey(), problem.arguments(), null);
			}
			else {
				errors.reject(problem.messageKey(), problem.arguments(), null);
			}
		}
	}

	static void reject(BindingResult errors, RuleViolationException ex) {
		if (ex.field() != null && errors.getFieldType(ex.field()) != null) {
			errors.rejectValue(ex.field(), ex.messageKey(), ex.arguments(), null);
		}
		else {
			errors.reject(ex.messageKey(), ex.arguments(), null);
		}
	}
}
