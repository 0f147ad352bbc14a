package org.careqms.platform;

import java.util.Optional;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * The switch and the means of the demo hospital's activity (discharges, record QC, adverse events,
 * inspections, actions, PDCA): each module seeds its own through its own services, signed in as a demo
 * user, so everything derived from it (indicator results, alerts, defects, actions) comes about as in
 * real use. On when demo data is ({@code careqms.demo}, see organization's DemoData) and
 * {@code careqms.demo-activity} is not false (CAREQMS_DEMO_ACTIVITY=false). Each module seeds only into a
 * demo hospital (one that has the demo users) that has none of its data yet.
 */
@Component
public class DemoActivity {

	/** The fixed seed of every module's random demo activity: the same month, the same demo. */
	public static final long SEED = 20260101L;

	private final UserDetailsService users;
	private final boolean enabled;

	DemoActivity(UserDetailsService users, CareQmsProperties properties,
			@Value("${spring.datasource.url:}") String externalUrl,
			@Value("${careqms.admin.username:}") String adminUsername,
			@Value("${careqms.demo-activity:true}") boolean activity) {
		this.users = users;
		boolean demo = properties.demo() != null ? properties.demo() : externalUrl.isBlank() && adminUsername.isBlank();
		this.enabled = demo && activity;
	}

	public boolean enabled() {
		return enabled;
	}

	/**
	 * Runs the work signed in as the demo user (its hospital is the demo hospital); empty when the switch
	 * is off or there is no such user (not a demo database).
	 */
	public <T> Optional<T> as(String username, Function<CareQmsUser, T> work) {
		if (!enabled) {
			return Optional.empty();
		}
		CareQmsUser user;
		try {
			if (!(users.loadUserByUsername(username) instanceof CareQmsUser found)) {
				return Optional.empty();
			}
			user = found;
		}
		catch (UsernameNotFoundException ex) {
			return Optional.empty();
		}
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		SecurityContextHolder.setContext(context);
		try {
			return Optional.ofNullable(work.apply(user));
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

	/** The same, for work that answers nothing; true when it ran. */
	public boolean run(String username, java.util.function.Consumer<CareQmsUser> work) {
		return as(username, user -> {
			work.accept(user);
			return Boolean.TRUE;
		}).isPresent();
	}
}
