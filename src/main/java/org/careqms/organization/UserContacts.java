package org.careqms.organization;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How to reach users outside the application: the e-mail address on the user's account, or else the
 * one on the staff record the account belongs to. Only active users (enabled, not retired, access not
 * expired) are returned.
 */
@Service
public class UserContacts {

	/** An active user with the address to write to (null when neither account nor staff record has one). */
	public record Contact(UUID userId, UUID hospitalId, String username, String displayName, String email) {

		public boolean reachable() {
			return email != null && !email.isBlank();
		}
	}

	private final JdbcClient jdbc;

	UserContacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public List<Contact> of(Collection<UUID> userIds) {
		if (userIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select u.id, u.hospital_id, u.username, u.display_name,
				       coalesce(nullif(trim(u.email), ''), nullif(trim(s.email), '')) as email
				from app_user u left join staff s on s.id = u.staff_id
				where u.id = any(:ids) and u.enabled and not u.retired
				  and (u.access_expires_at is null or u.access_expires_at > now())""")
			.param("ids", userIds.toArray(UUID[]::new))
			.query((rs, n) -> new Contact(rs.getObject("id", UUID.class), rs.getObject("hospital_id", UUID.class),
					rs.getString("username"), rs.getString("display_name"), rs.getString("email")))
			.list();
	}
}
