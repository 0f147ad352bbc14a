package org.careqms.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.careqms.platform.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The organization module bootstrapped with only the modules it depends on (platform, audit trail):
 * its services work on the real database and every change lands in the audit trail.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@ActiveProfiles("test")
class OrganizationModuleTests {

	@Autowired
	DepartmentManagement departments;

	@Autowired
	HospitalSetup setup;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	private DepartmentForm form(String code, String name, UUID parent) {
		var form = new DepartmentForm();
		form.setCode(code);
		form.setName(name);
		form.setType(DepartmentType.CLINICAL);
		form.setParentId(parent);
		return form;
	}

	private long auditEntries(UUID entityId) {
		return jdbc.sql("select count(*) from audit_entry where entity_type = 'Department' and entity_id = :id")
			.param("id", entityId.toString())
			.query(Long.class)
			.single();
	}

	@Test
	void everyDepartmentChangeIsAudited() {
		UUID hospital = transactions.execute(status -> setup.hospital().getId());
		Department created = departments.create(hospital, form("M01", "模块测试科", null));
		assertThat(auditEntries(created.getId())).isEqualTo(1);

		var change = DepartmentForm.of(created);
		change.setName("模块测试科（改名）");
		departments.update(hospital, created.getId(), change);
		departments.retire(hospital, created.getId(), "合并");
		departments.restore(hospital, created.getId());
		assertThat(jdbc.sql("""
				select string_agg(action, ',' order by seq) from audit_entry
				where entity_type = 'Department' and entity_id = :id""")
			.param("id", created.getId().toString())
			.query(String.class)
			.single()).isEqualTo("CREATE,UPDATE,RETIRE,RESTORE");
	}

	@Test
	void aRefusedChangeLeavesNoTrace() {
		UUID hospital = transactions.execute(status -> setup.hospital().getId());
		Department parent = departments.create(hospital, form("M02", "上级", null));
		departments.create(hospital, form("M02A", "下级", parent.getId()));
		long before = jdbc.sql("select count(*) from audit_entry").query(Long.class).single();
		assertThatThrownBy(() -> departments.retire(hospital, parent.getId(), "试图停用"))
			.isInstanceOf(RuleViolationException.class);
		assertThatThrownBy(() -> departments.create(hospital, form("M02", "重复编码", null)))
			.isInstanceOf(RuleViolationException.class);
		assertThat(jdbc.sql("select count(*) from audit_entry").query(Long.class).single()).isEqualTo(before);
		assertThat(departments.get(hospital, parent.getId()).isRetired()).isFalse();
	}
}
