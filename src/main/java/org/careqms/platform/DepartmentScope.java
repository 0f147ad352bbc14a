package org.careqms.platform;

import java.util.UUID;
import java.util.function.Function;

/**
 * Department-scoped data access, declared by modules instead of re-implemented: a department-bound
 * user sees only rows of their departments; anything else is reported as not found, so that the
 * existence of another department's record is not disclosed.
 */
public final class DepartmentScope {

	private DepartmentScope() {
	}

	/** Throws {@link NotFoundException} unless the current user may see data of the department. */
	public static void check(UUID departmentId) {
		if (!CurrentUser.require().canSeeDepartment(departmentId)) {
			throw new NotFoundException();
		}
	}

	/** Returns the object when the current user may see its department, else throws not found. */
	public static <T> T visible(T object, Function<T, UUID> department) {
		check(department.apply(object));
		return object;
	}

	/**
	 * A SQL predicate restricting {@code column} to the user's departments, for plain-SQL queries:
	 * {@code "true"} for hospital-wide users, else {@code column = any(:scopeDepartments)} with the
	 * parameter from {@link #sqlParameter()}.
	 */
	public static String sqlPredicate(String column) {
		return CurrentUser.require().hospitalWide() ? "true" : column + " = any(:scopeDepartments)";
	}

	/** The value of {@code :scopeDepartments} for {@link #sqlPredicate(String)}. */
	public static UUID[] sqlParameter() {
		return CurrentUser.require().departmentIds().toArray(UUID[]::new);
	}
}
