package org.careqms.standards;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The 18 core systems: the list, and one system with its check points, indicators, documents and checklist items. */
@Controller
@PreAuthorize("isAuthenticated()")
class CoreSystemController {

	private final CoreSystemCatalog catalog;
	private final DocumentQueries documents;
	private final ChecklistQueries checklists;

	CoreSystemController(CoreSystemCatalog catalog, DocumentQueries documents, ChecklistQueries checklists) {
		this.catalog = catalog;
		this.documents = documents;
		this.checklists = checklists;
	}

	@GetMapping("/standards")
	String standards() {
		return "redirect:/standards/core-systems";
	}

	@GetMapping("/standards/core-systems")
	String list(Model model) {
		CareQmsUser user = CurrentUser.require();
		var lines = documents.list(user.hospitalId(), user.id(), null, null, false, false);
		Map<String, Long> documentCounts = lines.stream().flatMap(l -> l.coreSystems().stream())
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		model.addAttribute("systems", catalog.systems());
		model.addAttribute("documentCounts", documentCounts);
		model.addAttribute("catalog", catalog);
		return "standards/core-systems";
	}

	@GetMapping("/standards/core-systems/{id}")
	String detail(@PathVariable String id, Model model) {
		CareQmsUser user = CurrentUser.require();
		CoreSystemCatalog.CoreSystem system = catalog.system(id).orElseThrow(NotFoundException::new);
		UUID hospital = user.hospitalId();
		List<ChecklistQueries.LinkedItem> items = checklists.itemsForCoreSystem(hospital, id);
		model.addAttribute("system", system);
		model.addAttribute("catalog", catalog);
		model.addAttribute("documents", documents.forCoreSystem(hospital, user.id(), id));
		model.addAttribute("itemsByCheck", items.stream().collect(Collectors.groupingBy(
				ChecklistQueries.LinkedItem::checkId, java.util.LinkedHashMap::new, Collectors.toList())));
		return "standards/core-system";
	}
}
