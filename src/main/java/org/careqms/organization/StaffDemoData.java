package org.careqms.organization;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo hospital's staff: two to four people per clinical department, the quality office and the
 * heads of the functional departments, including the people behind the demo users (whose accounts
 * are linked to them). Runs before the committees, which appoint these people.
 */
@Component
@Order(1)
class StaffDemoData implements DemoData.DemoDataContributor {

	private record Person(String employeeNo, String name, Profession profession, StaffTitle title, String department,
			String username) {
	}

	private static Person doctor(String no, String name, StaffTitle title, String department) {
		return new Person(no, name, Profession.DOCTOR, title, department, null);
	}

	private static Person nurse(String no, String name, StaffTitle title, String department) {
		return new Person(no, name, Profession.NURSE, title, department, null);
	}

	static final String HEAD_OF_CARDIOLOGY = "D0301001";
	static final String HEAD_OF_ORTHOPAEDICS = "D0402001";

	private static final List<Person> PEOPLE = List.of(
			new Person(HEAD_OF_CARDIOLOGY, "张伟", Profession.DOCTOR, StaffTitle.CHIEF_PHYSICIAN, "0301", "head.cardio"),
			new Person("D0301002", "李娜", Profession.DOCTOR, StaffTitle.ATTENDING_PHYSICIAN, "0301", "qc.cardio"),
			doctor("D0301003", "黄志强", StaffTitle.ASSOCIATE_CHIEF_PHYSICIAN, "0301"),
			doctor("D0301004", "吴晓婷", StaffTitle.RESIDENT, "0301"),
			new Person("N0301001", "刘洋", Profession.NURSE, StaffTitle.SENIOR_NURSE, "0301W", "nurse.cardio"),
			nurse("N0301002", "郑丽华", StaffTitle.SUPERVISOR_NURSE, "0301W"),
			nurse("N0301003", "何佳怡", StaffTitle.NURSE, "0301W"),
			doctor("D0302001", "马俊", StaffTitle.CHIEF_PHYSICIAN, "0302"),
			doctor("D0302002", "林晓燕", StaffTitle.ATTENDING_PHYSICIAN, "0302"),
			nurse("N0302001", "高婷", StaffTitle.SENIOR_NURSE, "0302"),
			doctor("D0303001", "罗建平", StaffTitle.ASSOCIATE_CHIEF_PHYSICIAN, "0303"),
			doctor("D0303002", "梁静", StaffTitle.ATTENDING_PHYSICIAN, "0303"),
			doctor("D0304001", "宋立新", StaffTitle.CHIEF_PHYSICIAN, "0304"),
			doctor("D0304002", "唐敏", StaffTitle.RESIDENT, "0304"),
			doctor("D0305001", "许文", StaffTitle.ASSOCIATE_CHIEF_PHYSICIAN, "0305"),
			doctor("D0305002", "韩雪", StaffTitle.ATTENDING_PHYSICIAN, "0305"),
			doctor("D0401001", "冯国栋", StaffTitle.CHIEF_PHYSICIAN, "0401"),
			doctor("D0401002", "邓超", StaffTitle.ATTENDING_PHYSICIAN, "0401"),
			nurse("N0401001", "曹丽", StaffTitle.SUPERVISOR_NURSE, "0401"),
			doctor(HEAD_OF_ORTHOPAEDICS, "彭海涛", StaffTitle.CHIEF_PHYSICIAN, "0402"),
			new Person("D0402002", "陈静", Profession.DOCTOR, StaffTitle.ATTENDING_PHYSICIAN, "0402", "qc.ortho"),
			doctor("D0402003", "袁鹏", StaffTitle.RESIDENT, "0402"),
			nurse("N0402001", "蒋秀英", StaffTitle.SUPERVISOR_NURSE, "0402W"),
			nurse("N0402002", "蔡雨欣", StaffTitle.NURSE, "0402W"),
			doctor("D0403001", "于振华", StaffTitle.CHIEF_PHYSICIAN, "0403"),
			doctor("D0403002", "董磊", StaffTitle.ATTENDING_PHYSICIAN, "0403"),
			doctor("D0404001", "程建军", StaffTitle.ASSOCIATE_CHIEF_PHYSICIAN, "0404"),
			doctor("D0404002", "田甜", StaffTitle.RESIDENT, "0404"),
			doctor("D0405001", "潘永刚", StaffTitle.CHIEF_PHYSICIAN, "0405"),
			doctor("D0405002", "杜鹏", StaffTitle.ATTENDING_PHYSICIAN, "0405"),
			doctor("D0501001", "孙丽萍", StaffTitle.CHIEF_PHYSICIAN, "0501"),
			doctor("D0501002", "叶婷", StaffTitle.ATTENDING_PHYSICIAN, "0501"),
			nurse("N0501001", "姚静", StaffTitle.SUPERVISOR_NURSE, "0501"),
			doctor("D0601001", "钟华", StaffTitle.ASSOCIATE_CHIEF_PHYSICIAN, "0601"),
			doctor("D0601002", "汪小红", StaffTitle.ATTENDING_PHYSICIAN, "0601"),
			doctor("D0701001", "贾永强", StaffTitle.ASSOCIATE_CHIEF_PHYSICIAN, "0701"),
			doctor("D0701002", "严磊", StaffTitle.RESIDENT, "0701"),
			nurse("N0701001", "江燕", StaffTitle.SENIOR_NURSE, "0701"),
			doctor("D0801001", "任志远", StaffTitle.CHIEF_PHYSICIAN, "0801"),
			doctor("D0801002", "夏雨", StaffTitle.ATTENDING_PHYSICIAN, "0801"),
			nurse("N0801001", "方芳", StaffTitle.SUPERVISOR_NURSE, "0801"),
			new Person("T0901001", "石建华", Profession.TECHNICIAN, StaffTitle.CHIEF_TECHNICIAN, "0901", null),
			new Person("T0901002", "金晶", Profession.TECHNICIAN, StaffTitle.SENIOR_TECHNICIAN, "0901", null),
			doctor("D0902001", "段宏", StaffTitle.ASSOCIATE_CHIEF_PHYSICIAN, "0902"),
			new Person("T0902001", "崔凯", Profession.TECHNICIAN, StaffTitle.SUPERVISOR_TECHNICIAN, "0902", null),
			new Person("P0903001", "谭红梅", Profession.PHARMACIST, StaffTitle.CHIEF_PHARMACIST, "0903", null),
			new Person("P0903002", "邹杰", Profession.PHARMACIST, StaffTitle.SENIOR_PHARMACIST, "0903", null),
			new Person("A1001001", "周志刚", Profession.ADMINISTRATOR, StaffTitle.CHIEF_PHYSICIAN, "1001", null),
			new Person("A1001002", "秦文博", Profession.ADMINISTRATOR, StaffTitle.ATTENDING_PHYSICIAN, "1001", null),
			new Person("A1002001", "王敏", Profession.ADMINISTRATOR, StaffTitle.ASSOCIATE_CHIEF_PHYSICIAN, "1002",
					"quality"),
			new Person("A1002002", "胡晓丽", Profession.ADMINISTRATOR, StaffTitle.OTHER, "1002", null),
			nurse("N1003001", "赵红", StaffTitle.CHIEF_NURSE, "1003"),
			new Person("A1004001", "陆敏", Profession.ADMINISTRATOR, StaffTitle.SUPERVISOR_NURSE, "1004", null),
			new Person("A1004002", "范志华", Profession.ADMINISTRATOR, StaffTitle.ATTENDING_PHYSICIAN, "1004", null));

	private final StaffManagement staff;
	private final UserManagement userManagement;
	private final UserRepository users;

	StaffDemoData(StaffManagement staff, UserManagement userManagement, UserRepository users) {
		this.staff = staff;
		this.userManagement = userManagement;
		this.users = users;
	}

	@Override
	public void seed(UUID hospitalId, Map<String, UUID> departmentsByCode) {
		for (Person person : PEOPLE) {
			var form = new StaffForm();
			form.setEmployeeNo(person.employeeNo());
			form.setName(person.name());
			form.setProfession(person.profession());
			form.setTitle(person.title());
			form.setDepartmentId(departmentsByCode.get(person.department()));
			Staff enrolled = staff.enrol(hospitalId, form);
			if (person.username() != null) {
				link(hospitalId, person.username(), enrolled.getId());
			}
		}
	}

	/** Ties the demo user's account to the person, as an administrator would on the user form. */
	private void link(UUID hospitalId, String username, UUID staffId) {
		users.findByUsernameIgnoringCase(username)
			.filter(account -> account.getHospitalId().equals(hospitalId))
			.ifPresent(account -> userManagement.update(hospitalId, account.getId(),
					new UserManagement.UserChange(account.getDisplayName(), account.getEmail(), staffId,
							account.getAccessExpiresAt(), account.roleSet(), account.departmentIds(),
							account.isEnabled(), account.getVersion())));
	}
}
