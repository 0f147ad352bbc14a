package org.careqms.clinicaldata;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.careqms.platform.DemoActivity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo hospital's patients in hospital (running records, ADR 0015): a census of {@link #PATIENTS}
 * patients admitted over the last four days and their record documents so far — most written on time, some
 * late, some not yet written, so that the running-records page shows documents due soon and overdue. Fed
 * through the real imports (inpatients.csv, record-documents.csv) relative to the time of start-up; only
 * into a demo hospital without any patient in hospital.
 */
@Component
@Order(12)
class RunningDemoData implements ApplicationRunner {

	static final int PATIENTS = 36;

	private static final Logger log = LoggerFactory.getLogger(RunningDemoData.class);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	/** Departments with their attending doctors (demo staff numbers) and admission diagnoses. */
	private static final List<String[]> DEPARTMENTS = List.of(
			new String[] { "0301", "D0301001", "I21.0" }, new String[] { "0301", "D0301003", "I50.900" },
			new String[] { "0301", "D0301004", "I48.x00" }, new String[] { "0302", "D0302001", "J18.900" },
			new String[] { "0303", "D0303001", "K80.200" }, new String[] { "0304", "D0304001", "I63.900" },
			new String[] { "0401", "D0401001", "K35.800" }, new String[] { "0402", "D0402001", "S72.000" },
			new String[] { "0402", "D0402002", "M17.900" }, new String[] { "0501", "D0501001", "O80.000" });

	private final DemoActivity demo;
	private final ImportClinicalData imports;
	private final JdbcClient jdbc;
	private final ZoneId zone;

	RunningDemoData(DemoActivity demo, ImportClinicalData imports, JdbcClient jdbc,
			@Value("${careqms.clinical-data.time-zone:Asia/Shanghai}") ZoneId zone) {
		this.demo = demo;
		this.imports = imports;
		this.jdbc = jdbc;
		this.zone = zone;
	}

	@Override
	public void run(ApplicationArguments args) {
		demo.run("quality", user -> {
			boolean any = jdbc.sql("select exists (select 1 from running_stay where hospital_id = :h and ended_at is null)")
				.param("h", user.hospitalId()).query(Boolean.class).single();
			if (any) {
				return;
			}
			StringBuilder census = new StringBuilder("encounter_id,patient_id,sex,birth_date,admit_time,admit_dept,"
					+ "admission_route,principal_dx,other_dx,current_dept,transfer_time,attending_id,condition_level\r\n");
			StringBuilder documents = new StringBuilder(
					"encounter_id,doc_id,doc_type,event_time,written_time,author_id,author_title\r\n");
			generate(LocalDateTime.now(zone).truncatedTo(ChronoUnit.MINUTES), census, documents);
			int stays = load(ImportKind.INPATIENTS, "demo-inpatients.csv", census);
			int written = load(ImportKind.RECORD_DOCUMENTS, "demo-running-documents.csv", documents);
			log.info("Seeded the demo hospital's patients in hospital: {} running stays, {} record documents", stays,
					written);
		});
	}

	private int load(ImportKind kind, String name, StringBuilder csv) {
		ImportResult result = imports.run(kind, name,
				new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), false, Locale.SIMPLIFIED_CHINESE);
		if (result.rejected() > 0) {
			log.warn("Demo {} import rejected {} row(s): {}", kind, result.rejected(),
					result.errors().stream().limit(3).toList());
		}
		return result.accepted();
	}

	/** The census and the documents written so far, as of {@code now}; the same for the same time. */
	static void generate(LocalDateTime now, StringBuilder census, StringBuilder documents) {
		var random = new Random(DemoActivity.SEED);
		String stamp = now.format(DateTimeFormatter.ofPattern("yyMMddHHmm"));
		for (int n = 1; n <= PATIENTS; n++) {
			String[] dept = DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size()));
			String encounter = "ZR%s%03d".formatted(stamp, n);
			// admitted up to four days ago; a few in the last hours, whose first documents fall due soon
			LocalDateTime admit = now.minusMinutes(n <= 6 ? 60 + random.nextInt(360) : 360 + random.nextInt(90 * 60));
			String current = dept[0];
			String transfer = "";
			long hoursIn = ChronoUnit.HOURS.between(admit, now);
			LocalDateTime transferAt = null;
			if (hoursIn > 30 && random.nextDouble() < 0.15) {
				current = dept[0].equals("0801") ? "0301" : "0801";
				transferAt = now.minusMinutes(60 + random.nextInt(20 * 60));
				transfer = TIME.format(transferAt);
			}
			String condition = random.nextDouble() < 0.1 ? "CRITICAL" : random.nextDouble() < 0.2 ? "SERIOUS" : "STABLE";
			census.append(encounter).append(",PR").append(stamp).append("%03d".formatted(n)).append(',')
				.append(random.nextBoolean() ? "1" : "2").append(',')
				.append(now.toLocalDate().minusYears(20 + random.nextInt(60)).minusDays(random.nextInt(365))).append(',')
				.append(TIME.format(admit)).append(',').append(dept[0]).append(',').append(random.nextBoolean() ? "1" : "2")
				.append(',').append(dept[2]).append(",,").append(current).append(',').append(transfer).append(',')
				.append(dept[1]).append(',').append(condition).append("\r\n");
			int[] number = { 0 };
			Writer writer = (type, trigger, limitHours, event) -> {
				double r = random.nextDouble();
				LocalDateTime written;
				if (r < 0.12) {
					return; // not written (yet)
				}
				else if (r < 0.20) {
					written = trigger.plusHours(limitHours).plusMinutes(20 + random.nextInt(240)); // late
				}
				else {
					written = trigger.plusMinutes(limitHours == 0 ? 0 : 10 + random.nextInt(limitHours * 45));
				}
				if (written.isAfter(now)) {
					return; // not written yet
				}
				documents.append(encounter).append(",R").append(++number[0]).append(',').append(type).append(',')
					.append(event == null ? "" : TIME.format(event)).append(',').append(TIME.format(written)).append(',')
					.append(dept[1]).append(",ATTENDING\r\n");
			};
			writer.write("ADMISSION_RECORD", admit, 24, null);
			writer.write("FIRST_PROGRESS_NOTE", admit, 8, null);
			writer.write("ATTENDING_FIRST_ROUND", admit, 48, null);
			if (transferAt != null) {
				writer.write("TRANSFER_IN_NOTE", transferAt, 24, transferAt);
			}
			if (hoursIn > 12 && random.nextDouble() < 0.3) {
				LocalDateTime operationEnd = admit.plusHours(6 + random.nextInt((int) Math.max(1, hoursIn - 8)));
				if (operationEnd.isBefore(now)) {
					writer.write("POSTOP_FIRST_NOTE", operationEnd, 0, operationEnd);
					writer.write("OPERATION_RECORD", operationEnd, 24, operationEnd);
				}
			}
		}
	}

	@FunctionalInterface
	private interface Writer {

		void write(String type, LocalDateTime trigger, int limitHours, LocalDateTime event);
	}
}
