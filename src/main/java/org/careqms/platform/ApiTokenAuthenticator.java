package org.careqms.platform;

import java.util.Optional;

/**
 * Resolves a personal API token ({@code Authorization: Bearer ...}) to its user. Implemented by the
 * module that owns users; the platform's security only calls it.
 */
public interface ApiTokenAuthenticator {

	/** The token's user when the token is known, not revoked, not expired and its user may sign in. */
	Optional<CareQmsUser> authenticate(String token);
}
