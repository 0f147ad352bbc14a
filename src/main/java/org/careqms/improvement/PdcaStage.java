package org.careqms.improvement;

/** The four stages of a PDCA cycle (计划, 执行, 检查, 处理), and the cycle's end. */
public enum PdcaStage {
	PLAN, DO, CHECK, ACT, COMPLETED;

	/** The stage after this one; COMPLETED has none. */
	public PdcaStage next() {
		return this == COMPLETED ? COMPLETED : values()[ordinal() + 1];
	}

	/** The four working stages, without COMPLETED. */
	public static PdcaStage[] working() {
		return new PdcaStage[] { PLAN, DO, CHECK, ACT };
	}
}
