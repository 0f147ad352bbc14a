package org.careqms;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * CareQMS — hospital quality management and audit. A modular monolith: every top-level package
 * below this one is a Spring Modulith module (see {@code ModularityTests} and docs/modules).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CareQmsApplication {

	public static void main(String[] args) {
		SpringApplication.run(CareQmsApplication.class, args);
	}
}
