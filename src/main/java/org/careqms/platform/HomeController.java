package org.careqms.platform;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page and the home page with the navigation of the modules that exist. */
@Controller
class HomeController {

	@GetMapping("/login")
	@PreAuthorize("permitAll()")
	String login() {
		return "platform/login";
	}

	@GetMapping("/")
	@PreAuthorize("isAuthenticated()")
	String home() {
		return "platform/home";
	}
}
