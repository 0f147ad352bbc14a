package org.careqms.organization;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo hospital's five statutory committees and the QC groups of cardiology and orthopaedics,
 * with members and duties. Needs the demo staff ({@link StaffDemoData} runs first).
 */
@Component
@Order(2)
class CommitteeDemoData implements DemoData.DemoDataContributor {

	private record Seat(String employeeNo, CommitteePosition position, String duty) {
	}

	private record Body(String code, String name, CommitteeType type, String department, String duties,
			List<Seat> seats) {
	}

	private static Seat chair(String no, String duty) {
		return new Seat(no, CommitteePosition.CHAIR, duty);
	}

	private static Seat vice(String no, String duty) {
		return new Seat(no, CommitteePosition.VICE_CHAIR, duty);
	}

	private static Seat secretary(String no, String duty) {
		return new Seat(no, CommitteePosition.SECRETARY, duty);
	}

	private static Seat member(String no, String duty) {
		return new Seat(no, CommitteePosition.MEMBER, duty);
	}

	private static final List<Body> BODIES = List.of(
			new Body("QMC", "医疗质量管理委员会", CommitteeType.QUALITY_MANAGEMENT, "1002", """
					依据《医疗质量管理办法》，制订全院医疗质量管理制度、年度质量目标和考核方案；
					每季度召开会议，分析质控指标、不良事件和检查结果，决定重大整改事项；
					指导各科室质控小组工作，督办整改落实，发布质控简报。""",
					List.of(chair("A1001001", "全面负责全院医疗质量管理"),
							vice("A1001002", "医疗质量安全核心制度落实与督查"),
							vice("N1003001", "护理质量管理"),
							secretary("A1002001", "质控指标监测、质控简报与会议组织"),
							member("D0301001", "内科系统医疗质量"), member("D0401001", "外科系统医疗质量"),
							member("T0901001", "医技科室质量"), member("A1004001", "医院感染防控"))),
			new Body("MRC", "病案管理委员会", CommitteeType.MEDICAL_RECORD, "1001", """
					依据《病历书写基本规范》制订病历质量标准和考核办法；
					组织运行病历与终末病历质控，甲级病历率不低于95%，杜绝丙级病历；
					定期分析病历缺陷并反馈科室整改。""",
					List.of(chair("A1001002", "全面负责病案质量管理"),
							secretary("A1002002", "终末病历质控与统计"),
							member("D0301002", "心血管内科运行病历抽查"), member("D0402002", "骨科运行病历抽查"),
							member("D0304001", "内科病历质量评审"))),
			new Body("PTC", "药事管理与药物治疗学委员会", CommitteeType.PHARMACY_THERAPEUTICS, "0903", """
					依据《医疗机构药事管理规定》，负责药品遴选和处方集制定；
					开展处方点评和抗菌药物临床应用管理，监测抗菌药物使用强度；
					组织药品不良反应监测与合理用药培训。""",
					List.of(chair("A1001001", "全面负责药事管理"), vice("P0903001", "处方点评与合理用药"),
							secretary("P0903002", "药品不良反应监测"), member("D0302001", "抗菌药物临床应用"),
							member("D0801001", "重症患者用药管理"))),
			new Body("ICC", "医院感染管理委员会", CommitteeType.INFECTION_CONTROL, "1004", """
					制订医院感染管理制度和年度防控计划；审议院感监测结果，感染病例24小时内上报；
					短期内同一病区出现3例及以上同类感染时按暴发预警组织调查处置；
					督查手卫生、多重耐药菌防控和医疗废物管理。""",
					List.of(chair("A1001001", "全面负责医院感染管理"), vice("A1004002", "院感监测与暴发调查"),
							secretary("A1004001", "手卫生与职业暴露管理"), member("T0901001", "病原学检测与耐药监测"),
							member("N1003001", "护理院感防控"), member("D0401002", "手术部位感染监测"))),
			new Body("BTC", "临床输血管理委员会", CommitteeType.BLOOD_TRANSFUSION, "0901", """
					依据《医疗机构临床用血管理办法》，制订临床用血计划和管理制度；
					开展临床用血评价与公示，监测输血不良反应；指导科学、合理用血。""",
					List.of(chair("A1001002", "全面负责临床用血管理"), vice("T0901001", "血液储存与输血相容性检测"),
							secretary("T0901002", "用血统计与输血不良反应登记"), member("D0401001", "手术用血评价"),
							member("D0501001", "产科用血管理"))),
			new Body("QC-0301", "心血管内科质控小组", CommitteeType.DEPARTMENT_QC_GROUP, "0301", """
					科主任为科室医疗质量第一责任人。每月开展科室自查并按时上报质控指标；
					落实医疗质量安全核心制度；对病历缺陷、不良事件和检查发现的问题制订整改措施并跟踪闭环。""",
					List.of(chair(StaffDemoData.HEAD_OF_CARDIOLOGY, "科室医疗质量第一责任人"),
							secretary("D0301002", "科室质控员：月度自查与质控报表"),
							member("D0301003", "病历质量与核心制度落实"), member("N0301002", "护理质量（护士长）"))),
			new Body("QC-0402", "骨科质控小组", CommitteeType.DEPARTMENT_QC_GROUP, "0402", """
					科主任为科室医疗质量第一责任人。每月开展科室自查并按时上报质控指标；
					重点监测围手术期并发症、手术部位感染和非计划再次手术，跟踪整改闭环。""",
					List.of(chair(StaffDemoData.HEAD_OF_ORTHOPAEDICS, "科室医疗质量第一责任人"),
							secretary("D0402002", "科室质控员：月度自查与质控报表"),
							member("D0402003", "围手术期管理"), member("N0402001", "护理质量（护士长）"))));

	private final CommitteeManagement committees;
	private final StaffRepository staff;

	CommitteeDemoData(CommitteeManagement committees, StaffRepository staff) {
		this.committees = committees;
		this.staff = staff;
	}

	@Override
	public void seed(UUID hospitalId, Map<String, UUID> departmentsByCode) {
		for (Body body : BODIES) {
			var form = new CommitteeForm();
			form.setCode(body.code());
			form.setName(body.name());
			form.setType(body.type());
			form.setDepartmentId(departmentsByCode.get(body.department()));
			form.setDuties(body.duties());
			Committee committee = committees.register(hospitalId, form);
			for (Seat seat : body.seats()) {
				var member = new MemberForm();
				member.setStaffId(staff.findByHospitalIdAndEmployeeNo(hospitalId, seat.employeeNo())
					.orElseThrow(() -> new IllegalStateException("demo staff " + seat.employeeNo() + " missing"))
					.getId());
				member.setPosition(seat.position());
				member.setDuty(seat.duty());
				committee = committees.appoint(committee, member);
			}
		}
	}
}
