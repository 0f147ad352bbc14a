package org.careqms.standards;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The 18 core systems with their check points and monitoring indicators, in Chinese and English. */
@RestController
@Tag(name = "Standards")
@PreAuthorize("isAuthenticated()")
class CoreSystemApiController {

	private final CoreSystemCatalog catalog;

	CoreSystemApiController(CoreSystemCatalog catalog) {
		this.catalog = catalog;
	}

	record CheckView(String id, String name, String nameEn, String status, List<String> sources) {
	}

	record IndicatorView(String id, String name, String nameEn, String unit, String direction) {
	}

	record SystemView(String id, String name, String nameEn, List<CheckView> checks,
			List<IndicatorView> monitoringIndicators) {
	}

	@GetMapping("/api/v1/standards/core-systems")
	@Operation(summary = "The 18 core medical quality and safety systems; status says how well each check is sourced")
	List<SystemView> coreSystems() {
		return catalog.systems().stream()
			.map(s -> new SystemView(s.id(), s.zh(), s.en(),
					s.checks().stream().map(c -> new CheckView(c.id(), c.zh(), c.en(), c.status().name(), c.sources()))
						.toList(),
					s.indicators().stream()
						.map(m -> new IndicatorView(m.id(), m.zh(), m.en(), m.unit(), m.direction())).toList()))
			.toList();
	}
}
