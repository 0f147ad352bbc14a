package org.careqms.standards;

/** What kind of hospital document: a regulation (制度), a rule or code (规范), an SOP (操作规程), a guideline, a plan (预案). */
public enum DocumentType {
	REGULATION, RULE, SOP, GUIDELINE, PLAN
}
