/**
 * Infrastructure shared by every module: embedded database, security, web layout, errors, i18n.
 * Holds no hospital domain; modules plug their own pieces in through the interfaces published here.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform", allowedDependencies = {})
package org.careqms.platform;
