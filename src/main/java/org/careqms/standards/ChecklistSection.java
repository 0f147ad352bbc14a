package org.careqms.standards;

import java.util.List;

/** A section of a checklist template version, with its items in order. */
public record ChecklistSection(long id, String title, int position, List<ChecklistItem> items) {

	public ChecklistSection {
		items = List.copyOf(items);
	}
}
