package org.careqms.incidents;

import java.util.UUID;

/**
 * The quality office classified an adverse event; levels I and II call for an analysis and actions.
 *
 * @param level {@code CN-I} … {@code CN-IV}
 */
public record IncidentClassified(UUID incidentId, UUID hospitalId, String reference, UUID departmentId,
		UUID handlingDepartmentId, String category, String level) {

	public boolean serious() {
		return "CN-I".equals(level) || "CN-II".equals(level);
	}
}
