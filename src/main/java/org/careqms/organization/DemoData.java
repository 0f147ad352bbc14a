package org.careqms.organization;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.careqms.platform.CareQmsProperties;
import org.careqms.platform.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds a demo hospital into an empty database: departments, staff, one user per role and the
 * committees. Runs on the embedded database unless {@code careqms.demo=false} or a first
 * administrator is configured; otherwise only when {@code careqms.demo=true} (CAREQMS_DEMO=true).
 */
@Component
@Order(2)
class DemoData implements ApplicationRunner {

	/** The password of every demo user (listed in the README; demo installations only). */
	static final String DEMO_PASSWORD = "Demo@CareQMS2026";

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private final HospitalSetup setup;
	private final DepartmentRepository departments;
	private final DepartmentManagement departmentManagement;
	private final UserManagement userManagement;
	private final UserRepository users;
	private final List<DemoDataContributor> contributors;
	private final TransactionTemplate transactions;
	private final boolean enabled;

	DemoData(HospitalSetup setup, DepartmentRepository departments, DepartmentManagement departmentManagement,
			UserManagement userManagement, UserRepository users, List<DemoDataContributor> contributors,
			TransactionTemplate transactions, CareQmsProperties properties,
			@Value("${spring.datasource.url:}") String externalUrl,
			@Value("${careqms.admin.username:}") String adminUsername) {
		this.setup = setup;
		this.departments = departments;
		this.departmentManagement = departmentManagement;
		this.userManagement = userManagement;
		this.users = users;
		this.contributors = contributors;
		this.transactions = transactions;
		// by default only a throw-away try-out gets demo users with published passwords: an installation
		// that names its own administrator, or uses its own database, gets them only when asked
		this.enabled = properties.demo() != null ? properties.demo()
				: externalUrl.isBlank() && adminUsername.isBlank();
	}

	/** Other parts of the organization (staff, committees) add their demo rows through this. */
	interface DemoDataContributor {

		void seed(UUID hospitalId, Map<String, UUID> departmentsByCode);
	}

	private record Dept(String code, String name, String nameEn, DepartmentType type, String parent, String his) {
	}

	static final List<Dept> DEPARTMENTS = List.of(
			new Dept("01", "内科系统", "Medical division", DepartmentType.DIVISION, null, null),
			new Dept("0301", "心血管内科", "Cardiology", DepartmentType.CLINICAL, "01", "HIS:1031"),
			new Dept("0301W", "心血管内科病区", "Cardiology ward", DepartmentType.NURSING_UNIT, "0301", "HIS:W1031"),
			new Dept("0302", "呼吸与危重症医学科", "Respiratory and critical care", DepartmentType.CLINICAL, "01", "HIS:1032"),
			new Dept("0303", "消化内科", "Gastroenterology", DepartmentType.CLINICAL, "01", "HIS:1033"),
			new Dept("0304", "神经内科", "Neurology", DepartmentType.CLINICAL, "01", "HIS:1034"),
			new Dept("0305", "内分泌科", "Endocrinology", DepartmentType.CLINICAL, "01", "HIS:1035"),
			new Dept("02", "外科系统", "Surgical division", DepartmentType.DIVISION, null, null),
			new Dept("0401", "普通外科", "General surgery", DepartmentType.CLINICAL, "02", "HIS:1041"),
			new Dept("0402", "骨科", "Orthopaedics", DepartmentType.CLINICAL, "02", "HIS:1042"),
			new Dept("0402W", "骨科病区", "Orthopaedic ward", DepartmentType.NURSING_UNIT, "0402", "HIS:W1042"),
			new Dept("0403", "神经外科", "Neurosurgery", DepartmentType.CLINICAL, "02", "HIS:1043"),
			new Dept("0404", "心胸外科", "Cardiothoracic surgery", DepartmentType.CLINICAL, "02", "HIS:1044"),
			new Dept("0405", "泌尿外科", "Urology", DepartmentType.CLINICAL, "02", "HIS:1045"),
			new Dept("0501", "妇产科", "Obstetrics and gynaecology", DepartmentType.CLINICAL, null, "HIS:1051"),
			new Dept("0601", "儿科", "Paediatrics", DepartmentType.CLINICAL, null, "HIS:1061"),
			new Dept("0701", "急诊医学科", "Emergency medicine", DepartmentType.CLINICAL, null, "HIS:1071"),
			new Dept("0801", "重症医学科", "Intensive care", DepartmentType.CLINICAL, null, "HIS:1081"),
			new Dept("09", "医技系统", "Medical-technical division", DepartmentType.DIVISION, null, null),
			new Dept("0901", "检验科", "Clinical laboratory", DepartmentType.MEDICAL_TECHNICAL, "09", "LIS:LAB"),
			new Dept("0902", "放射科", "Radiology", DepartmentType.MEDICAL_TECHNICAL, "09", "HIS:1092"),
			new Dept("0903", "药剂科", "Pharmacy", DepartmentType.MEDICAL_TECHNICAL, "09", "HIS:1093"),
			new Dept("10", "职能部门", "Administration", DepartmentType.DIVISION, null, null),
			new Dept("1001", "医务科", "Medical affairs", DepartmentType.ADMINISTRATIVE, "10", null),
			new Dept("1002", "质量控制办公室", "Quality control office", DepartmentType.ADMINISTRATIVE, "10", null),
			new Dept("1003", "护理部", "Nursing department", DepartmentType.ADMINISTRATIVE, "10", null),
			new Dept("1004", "医院感染管理科", "Infection control", DepartmentType.ADMINISTRATIVE, "10", null));

	private record DemoUser(String username, String displayName, Set<Role> roles, List<String> departments,
			boolean expires) {
	}

	static final String ADMIN = "admin";

	private static final List<DemoUser> USERS = List.of(
			new DemoUser(ADMIN, "系统管理员", EnumSet.of(Role.SYSTEM_ADMIN), List.of(), false),
			new DemoUser("quality", "王敏（质控办）", EnumSet.of(Role.QUALITY_MANAGER), List.of("1002"), false),
			new DemoUser("head.cardio", "张伟（心内科主任）", EnumSet.of(Role.DEPARTMENT_HEAD), List.of("0301"), false),
			new DemoUser("qc.cardio", "李娜（心内科质控员）", EnumSet.of(Role.QC_OFFICER), List.of("0301"), false),
			new DemoUser("nurse.cardio", "刘洋（心内科护士）", EnumSet.of(Role.STAFF), List.of("0301W"), false),
			new DemoUser("qc.ortho", "陈静（骨科质控员）", EnumSet.of(Role.QC_OFFICER), List.of("0402"), false),
			new DemoUser("auditor", "赵强（第三方评审）", EnumSet.of(Role.AUDITOR), List.of("0301"), true));

	@Override
	public void run(ApplicationArguments args) {
		if (!enabled) {
			return;
		}
		transactions.executeWithoutResult(status -> {
			Hospital hospital = setup.hospital();
			if (departments.countByHospitalId(hospital.getId()) > 0) {
				return; // never seed into a database that already has an organization
			}
			UUID hospitalId = hospital.getId();
			Map<String, UUID> ids = new HashMap<>();
			for (Dept d : DEPARTMENTS) {
				var form = new DepartmentForm();
				form.setCode(d.code());
				form.setName(d.name());
				form.setNameEn(d.nameEn());
				form.setType(d.type());
				form.setParentId(d.parent() == null ? null : ids.get(d.parent()));
				form.setHisCodes(d.his());
				ids.put(d.code(), departmentManagement.create(hospitalId, form).getId());
			}
			Instant in90Days = Instant.now().plus(90, ChronoUnit.DAYS);
			for (DemoUser u : USERS) {
				if (users.usernameTaken(u.username())) {
					continue;
				}
				userManagement.create(hospitalId, new UserManagement.NewUser(u.username(), DEMO_PASSWORD,
						u.displayName(), null, null, u.expires() ? in90Days : null, u.roles(),
						Set.copyOf(u.departments().stream().map(ids::get).toList())));
			}
			contributors.forEach(contributor -> contributor.seed(hospitalId, ids));
			log.info("Seeded the demo hospital: {} departments, {} users (password in the README)",
					DEPARTMENTS.size(), USERS.size());
		});
	}
}
