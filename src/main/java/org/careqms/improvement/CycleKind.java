package org.careqms.improvement;

/** A plain PDCA cycle, or a QC-circle project (品管圈活动) that runs the same four stages in ten steps. */
public enum CycleKind {
	PDCA, QCC;

	/** The path segment of the kind's pages. */
	public String path() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}
}
