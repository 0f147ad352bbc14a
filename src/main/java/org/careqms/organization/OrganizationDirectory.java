package org.careqms.organization;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What other modules may ask the organization: hospitals by code, departments by their own code or
 * by the code another system (HIS, EMR…) uses for them, and department labels.
 */
@Service
public class OrganizationDirectory {

	/** A department as other modules see it. */
	public record DepartmentSummary(UUID id, String code, String name, String nameEn, UUID parentId, String type,
			boolean retired) {
	}

	private final JdbcClient jdbc;
	private final OrganizationChanges changes;
	private final Cache<UUID, DepartmentList> departmentLists = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(5))
		.maximumSize(1_000)
		.build();

	/** Recent answers of {@link #responsibleUsers}; null when caching is off. */
	private final Cache<RecipientsKey, Recipients> recipients;

	OrganizationDirectory(JdbcClient jdbc, OrganizationChanges changes,
			@Value("${careqms.organization.recipients-cache-ttl:5s}") Duration recipientsTtl) {
		this.jdbc = jdbc;
		this.changes = changes;
		this.recipients = recipientsTtl.isZero() || recipientsTtl.isNegative() ? null
				: Caffeine.newBuilder().expireAfterWrite(recipientsTtl).maximumSize(10_000).<RecipientsKey, Recipients>build();
	}

	@Transactional(readOnly = true)
	public Optional<UUID> hospitalIdByCode(String code) {
		return jdbc.sql("select id from hospital where code = :code").param("code", code).query(UUID.class).optional();
	}

	/**
	 * The hospital's departments, by code. Read from the database at most every few seconds: a list read
	 * outside a transaction is reused for 5 s unless a department (or user, or token) is saved through
	 * CareQMS in the meantime ({@link OrganizationChanges}). A department written directly into the
	 * database shows within those 5 s.
	 */
	public List<DepartmentSummary> departments(UUID hospitalId) {
		long generation = changes.generation();
		DepartmentList cached = departmentLists.getIfPresent(hospitalId);
		if (cached != null && cached.generation() == generation) {
			return cached.departments();
		}
		List<DepartmentSummary> departments = List.copyOf(jdbc.sql("""
				select id, code, name, name_en, parent_id, type, retired from department
				where hospital_id = :hospital order by code""")
			.param("hospital", hospitalId)
			.query((rs, n) -> new DepartmentSummary(rs.getObject("id", UUID.class), rs.getString("code"),
					rs.getString("name"), rs.getString("name_en"), rs.getObject("parent_id", UUID.class),
					rs.getString("type"), rs.getBoolean("retired")))
			.list());
		// only what every transaction may see: not a list read inside one that may have written
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			departmentLists.put(hospitalId, new DepartmentList(generation, departments));
		}
		return departments;
	}

	private record DepartmentList(long generation, List<DepartmentSummary> departments) {
	}

	public Optional<DepartmentSummary> department(UUID hospitalId, UUID departmentId) {
		return departments(hospitalId).stream().filter(d -> d.id().equals(departmentId)).findFirst();
	}

	/**
	 * Every code that names an active department of the hospital: its own code, and each mapped code of
	 * another system both as {@code SYSTEM:CODE} and, for the HIS, bare. Imports resolve department
	 * columns through this; a department's own code wins over a HIS code that happens to be equal.
	 */
	@Transactional(readOnly = true)
	public Map<String, UUID> departmentCodeIndex(UUID hospitalId) {
		Map<String, UUID> index = new HashMap<>();
		jdbc.sql("""
				select h.system, h.code, h.department_id from department_his_code h
				join department d on d.id = h.department_id
				where h.hospital_id = :hospital and not d.retired""")
			.param("hospital", hospitalId)
			.query(rs -> {
				UUID id = rs.getObject("department_id", UUID.class);
				index.put(rs.getString("system") + ":" + rs.getString("code"), id);
				if ("HIS".equals(rs.getString("system"))) {
					index.put(rs.getString("code"), id);
				}
			});
		jdbc.sql("select code, id from department where hospital_id = :hospital and not retired")
			.param("hospital", hospitalId)
			.query(rs -> {
				index.put(rs.getString("code"), rs.getObject("id", UUID.class));
			});
		return index;
	}

	/**
	 * Who answers for a department: active users holding one of {@code departmentRoles} who are assigned
	 * to the department or to a department above it, and active users holding one of
	 * {@code hospitalRoles} in the hospital.
	 * <p>
	 * An answer is reused for {@code careqms.organization.recipients-cache-ttl} (5 s; 0 reads every time)
	 * while no user or department has been saved through CareQMS ({@link OrganizationChanges}) and no
	 * listed user's access has expired; never an answer read in a transaction that changed the
	 * organization. A role granted directly in the database counts within those 5 s.
	 */
	@Transactional(readOnly = true)
	public List<UUID> responsibleUsers(UUID hospitalId, UUID departmentId, java.util.Set<org.careqms.platform.Role> departmentRoles,
			java.util.Set<org.careqms.platform.Role> hospitalRoles) {
		String[] bound = departmentRoles.stream().map(Enum::name).sorted().toArray(String[]::new);
		String[] wide = hospitalRoles.stream().map(Enum::name).sorted().toArray(String[]::new);
		if (recipients == null) {
			return readResponsibleUsers(hospitalId, departmentId, bound, wide).users();
		}
		long generation = changes.generation();
		var key = new RecipientsKey(hospitalId, departmentId, List.of(bound), List.of(wide));
		Recipients cached = recipients.getIfPresent(key);
		Instant now = Instant.now();
		if (cached != null && cached.generation() == generation
				&& (cached.firstExpiry() == null || cached.firstExpiry().isAfter(now))) {
			return cached.users();
		}
		Recipients read = readResponsibleUsers(hospitalId, departmentId, bound, wide);
		if (!changes.changedInThisTransaction()) {
			recipients.put(key, new Recipients(generation, read.users(), read.firstExpiry()));
		}
		return read.users();
	}

	private Recipients readResponsibleUsers(UUID hospitalId, UUID departmentId, String[] bound, String[] wide) {
		List<UUID> users = new java.util.ArrayList<>();
		Instant[] firstExpiry = { null };
		jdbc.sql("""
				with recursive above(id, parent_id) as (
				    select id, parent_id from department where id = :department
				    union
				    select d.id, d.parent_id from department d join above a on d.id = a.parent_id)
				select u.id, u.access_expires_at from app_user u
				where u.hospital_id = :hospital and u.enabled and not u.retired
				  and (u.access_expires_at is null or u.access_expires_at > now())
				  and exists (select 1 from app_user_role r where r.user_id = u.id
				      and ((r.role = any(:bound) and exists (select 1 from app_user_department ud
				              where ud.user_id = u.id and ud.department_id in (select id from above)))
				           or r.role = any(:wide)))""")
			.param("hospital", hospitalId)
			.param("department", departmentId)
			.param("bound", bound)
			.param("wide", wide)
			.query(rs -> {
				users.add(rs.getObject("id", UUID.class));
				var expires = rs.getObject("access_expires_at", java.time.OffsetDateTime.class);
				if (expires != null && (firstExpiry[0] == null || expires.toInstant().isBefore(firstExpiry[0]))) {
					firstExpiry[0] = expires.toInstant();
				}
			});
		return new Recipients(0, List.copyOf(users), firstExpiry[0]);
	}

	private record RecipientsKey(UUID hospitalId, UUID departmentId, List<String> bound, List<String> wide) {
	}

	private record Recipients(long generation, List<UUID> users, Instant firstExpiry) {
	}

	/** A user as other modules name them (an action's owner, say). */
	public record UserSummary(UUID id, String username, String displayName) {
	}

	/** Active users of the hospital, by name. */
	@Transactional(readOnly = true)
	public List<UserSummary> activeUsers(UUID hospitalId) {
		return jdbc.sql("""
				select id, username, display_name from app_user
				where hospital_id = :hospital and enabled and not retired
				  and (access_expires_at is null or access_expires_at > now())
				order by display_name""")
			.param("hospital", hospitalId)
			.query((rs, n) -> new UserSummary(rs.getObject("id", UUID.class), rs.getString("username"),
					rs.getString("display_name")))
			.list();
	}

	/** A staff member as other modules name them (a QC circle's leader, say), with the user linked to them. */
	public record StaffSummary(UUID id, String employeeNo, String name, UUID departmentId, UUID userId) {
	}

	/** Staff of the hospital who are not retired, by department and name. */
	@Transactional(readOnly = true)
	public List<StaffSummary> activeStaff(UUID hospitalId) {
		return jdbc.sql("""
				select s.id, s.employee_no, s.name, s.department_id,
				       (select u.id from app_user u where u.staff_id = s.id and u.enabled and not u.retired limit 1) user_id
				from staff s
				where s.hospital_id = :hospital and not s.retired
				order by s.employee_no""")
			.param("hospital", hospitalId)
			.query((rs, n) -> new StaffSummary(rs.getObject("id", UUID.class), rs.getString("employee_no"),
					rs.getString("name"), rs.getObject("department_id", UUID.class), rs.getObject("user_id", UUID.class)))
			.list();
	}

	/**
	 * Active users whose staff record carries one of {@code employeeNos} (the staff ids of imported
	 * clinical data), by employee number.
	 */
	@Transactional(readOnly = true)
	public java.util.Map<String, List<UUID>> usersByEmployeeNo(UUID hospitalId, java.util.Collection<String> employeeNos) {
		if (employeeNos.isEmpty()) {
			return java.util.Map.of();
		}
		java.util.Map<String, List<UUID>> users = new java.util.HashMap<>();
		jdbc.sql("""
				select s.employee_no, u.id from app_user u join staff s on s.id = u.staff_id
				where u.hospital_id = :hospital and s.hospital_id = :hospital and s.employee_no = any(:numbers)
				  and u.enabled and not u.retired and (u.access_expires_at is null or u.access_expires_at > now())""")
			.param("hospital", hospitalId)
			.param("numbers", employeeNos.toArray(String[]::new))
			.query(rs -> {
				users.computeIfAbsent(rs.getString("employee_no"), k -> new java.util.ArrayList<>())
					.add(rs.getObject("id", UUID.class));
			});
		return users;
	}

	/** The employee number of the user's staff record, if the account belongs to a member of staff. */
	@Transactional(readOnly = true)
	public Optional<String> employeeNo(UUID userId) {
		return jdbc.sql("select s.employee_no from app_user u join staff s on s.id = u.staff_id where u.id = :user")
			.param("user", userId)
			.query(String.class)
			.optional();
	}
}
