package org.careqms;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Verifies the module graph of architecture.md and writes the module diagrams into docs/modules. */
class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(CareQmsApplication.class);

	@Test
	void modulesOnlyDependOnWhatTheyDeclare() {
		MODULES.verify();
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
	}
}
