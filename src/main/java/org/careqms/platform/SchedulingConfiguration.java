package org.careqms.platform;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Work that follows a committed change (module event listeners) runs asynchronously; periodic jobs
 * run on a schedule and take a database lock so that only one application node runs each.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
@EnableScheduling
class SchedulingConfiguration {
}
