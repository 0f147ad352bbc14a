package org.careqms.incidents;

import java.util.List;
import java.util.UUID;

import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules may ask about an event's root-cause analysis, so that the action register can
 * plan actions on its root causes (improvement depends on incidents, never the other way round).
 */
@Service
public class IncidentRootCauses {

	/**
	 * An analysed event as the signed-in user may see it.
	 *
	 * @param rootCauses the analysis's root causes, in its order (empty before an analysis)
	 * @param mayPlan whether the user may plan actions on them: the quality office or the handling
	 *        department's head or QC officer, after triage and before closure
	 */
	public record Analysed(UUID incidentId, UUID hospitalId, String reference, UUID handlingDepartmentId,
			List<String> rootCauses, boolean mayPlan) {
	}

	private final IncidentManagement management;
	private final RootCauseAnalysis analysis;

	IncidentRootCauses(IncidentManagement management, RootCauseAnalysis analysis) {
		this.management = management;
		this.analysis = analysis;
	}

	/** The event and its root causes; an event the user may not see is a {@code NotFoundException}. */
	@Transactional(readOnly = true)
	public Analysed find(UUID incidentId) {
		CareQmsUser user = CurrentUser.require();
		Incident incident = management.get(incidentId);
		boolean open = incident.getStatus() != Incident.Status.SUBMITTED
				&& incident.getStatus() != Incident.Status.CLOSED;
		return new Analysed(incident.getId(), incident.getHospitalId(), incident.getReference(),
				incident.getHandlingDepartmentId() != null ? incident.getHandlingDepartmentId()
						: incident.getDepartmentId(),
				analysis.find(incidentId).map(RootCauseAnalysis.Analysis::rootCauses).orElse(List.of()),
				open && RootCauseAnalysis.mayAnalyse(user, incident));
	}

	/** An action was planned on the event's analysis: a triaged or investigated event moves to action planning. */
	@Transactional
	public void actionPlanned(UUID incidentId) {
		management.actionPlanned(incidentId);
	}
}
