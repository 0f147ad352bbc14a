package org.careqms.standards;

/** A template's latest published version, as pick lists show it. */
public record ChecklistTemplateSummary(long templateId, long versionId, String code, String name, int versionNumber) {
}
