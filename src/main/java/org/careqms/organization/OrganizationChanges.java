package org.careqms.organization;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.event.EventListener;
import org.springframework.data.relational.core.mapping.event.AfterDeleteEvent;
import org.springframework.data.relational.core.mapping.event.AfterSaveEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A counter that moves whenever something cached from the organization changes through CareQMS: a
 * token revoked, a user saved (roles, departments, enabled, retired, access expiry), an account locked
 * or unlocked, a department saved (scopes include the departments below the assigned ones). A cached
 * API token check or department list remembers the counter it was read under and is used only while
 * the counter has not moved.
 * <p>
 * The counter moves when the change is made and again after its transaction commits: a check read
 * from the database between the two (still seeing the old state) carries the older value and is
 * dropped at the second move.
 */
@Component
class OrganizationChanges {

	private final AtomicLong generation = new AtomicLong();

	long generation() {
		return generation.get();
	}

	void changed() {
		generation.incrementAndGet();
		if (TransactionSynchronizationManager.isSynchronizationActive()
				&& !TransactionSynchronizationManager.hasResource(this)) {
			TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(OrganizationChanges.this);
					generation.incrementAndGet();
				}
			});
		}
	}

	/**
	 * Whether the current transaction has changed the organization: what it reads may include its own
	 * uncommitted changes and must not be cached for others.
	 */
	boolean changedInThisTransaction() {
		return TransactionSynchronizationManager.hasResource(this);
	}

	@EventListener
	void saved(AfterSaveEvent<?> event) {
		if (event.getEntity() instanceof UserAccount || event.getEntity() instanceof Department) {
			changed();
		}
	}

	@EventListener
	void deleted(AfterDeleteEvent<?> event) {
		Class<?> type = event.getType();
		if (UserAccount.class.isAssignableFrom(type) || Department.class.isAssignableFrom(type)) {
			changed();
		}
	}
}
