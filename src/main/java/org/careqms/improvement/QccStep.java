package org.careqms.improvement;

/** The ten classic QC-circle steps, each belonging to one PDCA stage. */
public enum QccStep {
	THEME_SELECTION(PdcaStage.PLAN), // 主题选定
	ACTIVITY_PLAN(PdcaStage.PLAN), // 活动计划拟定
	CURRENT_SITUATION(PdcaStage.PLAN), // 现状把握
	TARGET_SETTING(PdcaStage.PLAN), // 目标设定
	ANALYSIS(PdcaStage.PLAN), // 解析
	COUNTERMEASURES(PdcaStage.PLAN), // 对策拟定
	IMPLEMENTATION(PdcaStage.DO), // 对策实施与检讨
	EFFECT_CONFIRMATION(PdcaStage.CHECK), // 效果确认
	STANDARDIZATION(PdcaStage.ACT), // 标准化
	REVIEW(PdcaStage.ACT); // 检讨与改进

	private final PdcaStage stage;

	QccStep(PdcaStage stage) {
		this.stage = stage;
	}

	public PdcaStage stage() {
		return stage;
	}

	/** 1 to 10, as circles number them. */
	public int number() {
		return ordinal() + 1;
	}

	public static java.util.List<QccStep> of(PdcaStage stage) {
		return java.util.Arrays.stream(values()).filter(s -> s.stage == stage).toList();
	}
}
