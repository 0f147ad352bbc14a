package org.careqms.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Report numbers come from a sequence per hospital and year: unique under concurrency, gaps allowed. */
@CareQmsTest
class IncidentReferenceTests {

	@Autowired
	IncidentReferences references;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	private UUID hospital() {
		return jdbc.sql("select id from hospital order by code limit 1").query(UUID.class).single();
	}

	/** A year no other test uses, so that its sequence does not exist yet. */
	private static int unusedYear() {
		return 2100 + ThreadLocalRandom.current().nextInt(7000);
	}

	@Test
	void concurrentReportsOfANewYearGetUniqueNumbersWithoutWaitingForEachOther() throws Exception {
		UUID hospital = hospital();
		int year = unusedYear();
		Set<String> numbers = ConcurrentHashMap.newKeySet();
		var start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (int t = 0; t < 6; t++) {
				work.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < 20; i++) {
						numbers.add(transactions.execute(status -> references.next(hospital, year)));
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> f : work) {
				f.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(numbers).hasSize(120).allMatch(n -> n.matches("INC-" + year + "-\\d{5}"));
		assertThat(numbers).contains("INC-" + year + "-00001", "INC-" + year + "-00120");
	}

	@Test
	void aRolledBackReportLeavesAGapAndNoNumberIsGivenTwice() {
		UUID hospital = hospital();
		int year = unusedYear();
		String first = transactions.execute(status -> references.next(hospital, year));
		String rolledBack = transactions.execute(status -> {
			status.setRollbackOnly();
			return references.next(hospital, year);
		});
		String next = transactions.execute(status -> references.next(hospital, year));
		assertThat(first).isEqualTo("INC-" + year + "-00001");
		assertThat(rolledBack).isEqualTo("INC-" + year + "-00002");
		assertThat(next).isEqualTo("INC-" + year + "-00003");
	}

	@Test
	void theFirstReportOfAYearThatRollsBackTakesItsNewSequenceWithIt() {
		UUID hospital = hospital();
		int year = unusedYear();
		transactions.executeWithoutResult(status -> {
			references.next(hospital, year);
			status.setRollbackOnly();
		});
		assertThat(jdbc.sql("select to_regclass(:name) is null")
			.param("name", IncidentReferences.sequenceName(hospital, year)).query(Boolean.class).single()).isTrue();
		String afterwards = transactions.execute(status -> references.next(hospital, year));
		assertThat(afterwards).isEqualTo("INC-" + year + "-00001");
	}
}
