package org.careqms.standards;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One version of a checklist template with everything an inspection needs. A published version never
 * changes (enforced by the database too), so an inspection keeps the version id it was scored against.
 *
 * @param totalPoints the sum of all items' points
 */
public record ChecklistTemplateVersion(long templateId, long versionId, String code, String name, int versionNumber,
		boolean published, BigDecimal totalPoints, List<ChecklistSection> sections) {

	public ChecklistTemplateVersion {
		sections = List.copyOf(sections);
	}

	/** Every item of every section, in order. */
	public Stream<ChecklistItem> items() {
		return sections.stream().flatMap(s -> s.items().stream());
	}

	public long itemCount() {
		return items().count();
	}

	public long criticalCount() {
		return items().filter(ChecklistItem::critical).count();
	}

	public Optional<ChecklistItem> item(long itemId) {
		return items().filter(i -> i.id() == itemId).findFirst();
	}
}
