package org.careqms.incidents;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

/**
 * How many reports one client (network address) may send through the public link per minute.
 * Counters live in memory only, for a minute, and are never written anywhere: no address of a
 * reporter is kept (ADR 0014). Each application node counts on its own.
 */
@Component
class PublicReportRateLimit {

	private final int perMinute;
	private final Cache<String, AtomicInteger> counters;

	PublicReportRateLimit(PublicLinkSettings settings) {
		this.perMinute = settings.reportsPerMinute();
		// bounded: a flood of made-up addresses evicts counters rather than filling the heap
		this.counters = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000).build();
	}

	/** Counts one submission; false once the client has used up this minute's allowance. */
	boolean tryAcquire(String client) {
		return counters.get(client == null ? "" : client, key -> new AtomicInteger()).incrementAndGet() <= perMinute;
	}

	int perMinute() {
		return perMinute;
	}
}
