package org.careqms.clinicaldata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.careqms.support.ClinicalCsv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A year of discharges of a large hospital in one file: 100 MB, streamed from disk through HTTP into
 * the database with the test JVM's default heap. The file is never in memory, neither here nor in
 * the application.
 */
@CareQmsTest
class LargeImportTests {

	private static final Logger log = LoggerFactory.getLogger(LargeImportTests.class);

	static final long SIZE = 100L * 1024 * 1024;
	static final String[] DEPARTMENTS = { "0301", "0302", "0303", "0401", "0402", "1031", "HIS:1042", "0501" };
	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path directory;

	final String prefix = "LG" + UUID.randomUUID().toString().substring(0, 6) + "-";

	@Test
	void importsA100MegabyteFileRowByRow() throws IOException {
		Path file = directory.resolve("encounters-large.csv");
		Written written = write(file);
		long rows = written.rows();
		assertThat(Files.size(file)).isGreaterThanOrEqualTo(SIZE);

		long started = System.nanoTime();
		var answer = new Api(port).upload("/api/v1/imports/encounters", file, Api.demo("quality"), "en");
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		log.info("Imported {} rows ({} bytes) in {} ms with at most {} MB of heap", rows, Files.size(file),
				took.toMillis(), Runtime.getRuntime().maxMemory() / (1024 * 1024));

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().get("accepted").asLong()).isEqualTo(rows - 2);
		assertThat(answer.json().get("rejected").asInt()).isEqualTo(2);
		assertThat(answer.json().get("errors").valueStream().map(e -> e.get("line").asLong()))
			.containsExactly(written.invalidRow() + 1, rows + 1);
		assertThat(jdbc.sql("select count(*) from clinical_encounter where encounter_id like :p")
			.param("p", prefix + "%")
			.query(Long.class)
			.single()).isEqualTo(rows - 2);
		// speed is measured in bench/ (docs/benchmarks.md), never asserted here: a loaded machine is slow, not wrong
	}

	/** How many rows were written; the invalid one in the middle (the last one is invalid too). */
	record Written(long rows, long invalidRow) {
	}

	/** Writes rows until the file reaches 100 MB; a row in the middle and the last one are invalid. */
	Written write(Path file) throws IOException {
		LocalDateTime start = LocalDateTime.of(2001, 1, 1, 8, 0);
		long rows = 0;
		long invalidRow = 0;
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write(ClinicalCsv.ENCOUNTERS);
			out.write("\r\n");
			long written = ClinicalCsv.ENCOUNTERS.length() + 2;
			while (written < SIZE) {
				rows++;
				LocalDateTime admit = start.plusMinutes(rows % 500_000);
				LocalDateTime discharge = admit.plusHours(24 + rows % 300);
				String department = DEPARTMENTS[(int) (rows % DEPARTMENTS.length)];
				String row = prefix + rows + ",P" + (rows % 200_000) + "," + (rows % 2 + 1) + ",1950-03-0" + (1 + rows % 9)
						+ "," + TIME.format(admit) + "," + department + "," + TIME.format(discharge) + ","
						+ department + "," + (rows % 3 + 1) + ",I21.0" + (rows % 10) + ",I10.x00;E11.900;J18.900x002,"
						+ (rows % 50 == 0 ? 5 : 1) + "," + (rows % 7 == 0 ? 2 : 1) + "," + (rows % 100_000) + ".50\r\n";
				if (invalidRow == 0 && written >= SIZE / 2) {
					invalidRow = rows;
					row = row.replace(",I21.0", ",BAD");
				}
				out.write(row);
				written += row.length();
			}
			// the last row: discharged before it was admitted
			rows++;
			out.write(prefix + rows + ",P1,1,1950-03-01,2001-02-01 08:00,0301,2001-01-31 08:00,0301,1,I21.0,,1,1,\r\n");
		}
		return new Written(rows, invalidRow);
	}

	@AfterEach
	void removeTheRows() {
		// so many discharges in one month would swamp other tests' hospital-wide figures
		jdbc.sql("delete from clinical_encounter where encounter_id like :p").param("p", prefix + "%").update();
	}
}
