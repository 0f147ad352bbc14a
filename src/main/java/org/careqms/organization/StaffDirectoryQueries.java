package org.careqms.organization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careqms.platform.DepartmentScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts shown beside departments and committees, and the staff list (plain SQL, nothing loaded). */
@Repository
class StaffDirectoryQueries {

	/** Staff list rows per page: a large hospital has thousands of staff. */
	static final int PAGE_SIZE = 50;

	private final JdbcClient jdbc;

	StaffDirectoryQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long countActiveInDepartment(UUID departmentId) {
		return jdbc.sql("select count(*) from staff where department_id = :id and not retired")
			.param("id", departmentId)
			.query(Long.class)
			.single();
	}

	/** One line of the staff list. */
	record StaffRow(UUID id, String employeeNo, String name, Profession profession, StaffTitle title,
			UUID departmentId, String departmentCode, String departmentName, boolean retired) {
	}

	/** What the list is filtered by: department (exactly), a name or employee-number fragment, retired ones. */
	record StaffFilter(UUID departmentId, String text, boolean includeRetired) {
	}

	/** A page of the list; {@code page} counts from 0. */
	record StaffPage(List<StaffRow> rows, long total, int page, int size) {

		public int pages() {
			return (int) Math.max(1, (total + size - 1) / size);
		}

		public boolean hasPrevious() {
			return page > 0;
		}

		public boolean hasNext() {
			return page + 1 < pages();
		}
	}

	/** The staff the signed-in user may see (their departments unless hospital-wide), by employee number. */
	StaffPage search(UUID hospitalId, StaffFilter filter, int page, int size) {
		List<String> where = new ArrayList<>();
		where.add("s.hospital_id = :hospital");
		where.add(DepartmentScope.sqlPredicate("s.department_id"));
		if (!filter.includeRetired()) {
			where.add("not s.retired");
		}
		if (filter.departmentId() != null) {
			where.add("s.department_id = :department");
		}
		if (filter.text() != null) {
			where.add("(position(lower(:text) in lower(s.name)) > 0 or position(lower(:text) in lower(s.employee_no)) > 0)");
		}
		String condition = String.join(" and ", where);
		Map<String, Object> params = new java.util.HashMap<>();
		params.put("hospital", hospitalId);
		params.put("department", filter.departmentId());
		params.put("text", filter.text());
		if (condition.contains(":scopeDepartments")) {
			params.put("scopeDepartments", DepartmentScope.sqlParameter());
		}
		long total = jdbc.sql("select count(*) from staff s where " + condition)
			.params(params)
			.query(Long.class)
			.single();
		List<StaffRow> rows = jdbc.sql("""
				select s.id, s.employee_no, s.name, s.profession, s.title, s.department_id,
				       d.code as department_code, d.name as department_name, s.retired
				from staff s join department d on d.id = s.department_id
				where %s
				order by s.employee_no
				limit :limit offset :offset""".formatted(condition))
			.params(params)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query((rs, n) -> new StaffRow(rs.getObject("id", UUID.class), rs.getString("employee_no"),
					rs.getString("name"), Profession.valueOf(rs.getString("profession")),
					StaffTitle.valueOf(rs.getString("title")), rs.getObject("department_id", UUID.class),
					rs.getString("department_code"), rs.getString("department_name"), rs.getBoolean("retired")))
			.list();
		return new StaffPage(rows, total, page, size);
	}

	/** Active committees and QC groups the staff member sits on (a reason not to retire them yet). */
	List<String> activeCommitteesOf(UUID staffId) {
		return jdbc.sql("""
				select c.name from committee_member m join committee c on c.id = m.committee_id
				where m.staff_id = :staff and not c.retired order by c.code""")
			.param("staff", staffId)
			.query(String.class)
			.list();
	}
}
