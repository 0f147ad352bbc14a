package org.careqms.clinicaldata;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

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
 * The demo hospital's discharges of the last {@link #MONTHS} months up to last month, fed through the
 * real import ({@link ImportClinicalData}) as generated CSV files, so indicator results, alerts and record
 * QC follow as after any import. Deterministic ({@link DemoActivity#SEED}) for a given current month.
 * Two departments show real changes: cardiology's unplanned readmissions rise over the last six months
 * (an SPC shift and an alert), orthopaedics' length of stay falls over the last eight (an improvement).
 * Record documents are generated for the last {@link #DOCUMENT_MONTHS} months (mostly on time, some late
 * or missing). Runs first of the demo activity, only into a demo hospital without any discharge.
 */
@Component
@Order(10)
class ClinicalDemoData implements ApplicationRunner {

	static final int MONTHS = 24;

	static final int DOCUMENT_MONTHS = 6;

	/** Discharges per month over all departments, about. */
	static final int PER_MONTH = 1800;

	private static final Logger log = LoggerFactory.getLogger(ClinicalDemoData.class);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final DemoActivity demo;
	private final ImportClinicalData imports;
	private final JdbcClient jdbc;
	private final ZoneId zone;

	ClinicalDemoData(DemoActivity demo, ImportClinicalData imports, JdbcClient jdbc,
			@Value("${careqms.clinical-data.time-zone:Asia/Shanghai}") ZoneId zone) {
		this.demo = demo;
		this.imports = imports;
		this.jdbc = jdbc;
		this.zone = zone;
	}

	/** code, weight, surgical share, death share, principal diagnoses. */
	private record Dept(String code, int weight, double surgical, double deaths, List<String> diagnoses) {
	}

	private static final List<Dept> DEPARTMENTS = List.of(
			new Dept("0301", 9, 0.12, 0.020, List.of("I21.0", "I25.103", "I50.900", "I48.x00", "I10.x00")),
			new Dept("0302", 8, 0.05, 0.035, List.of("J18.900", "J44.100", "J18.900x002", "J96.000")),
			new Dept("0303", 7, 0.15, 0.010, List.of("K29.700", "K80.200", "K92.200", "K74.600")),
			new Dept("0304", 7, 0.03, 0.025, List.of("I63.900", "I61.900", "G40.900", "G20.x00")),
			new Dept("0305", 4, 0.01, 0.005, List.of("E11.900", "E11.200x001", "E05.000")),
			new Dept("0401", 8, 0.80, 0.010, List.of("K35.800", "K40.900", "K80.100", "C16.900")),
			new Dept("0402", 7, 0.85, 0.005, List.of("S72.000", "M17.900", "S82.200", "M51.202")),
			new Dept("0403", 4, 0.60, 0.040, List.of("S06.500", "I61.000", "D32.900")),
			new Dept("0404", 3, 0.75, 0.030, List.of("I25.101", "C34.900", "I35.000")),
			new Dept("0405", 4, 0.75, 0.005, List.of("N20.000", "N40.x00", "C67.900")),
			new Dept("0501", 9, 0.55, 0.001, List.of("O80.000", "O82.000", "D25.900", "O34.201")),
			new Dept("0601", 8, 0.05, 0.003, List.of("J18.000", "A09.900", "J21.900", "P59.900")),
			new Dept("0701", 4, 0.08, 0.050, List.of("T14.900", "R57.000", "T65.900")),
			new Dept("0801", 2, 0.20, 0.150, List.of("A41.900", "J96.000", "R57.000")));

	private static final List<String> OTHER_DX = List.of("I10.x00", "E11.900", "E78.500", "N18.900", "J44.900",
			"K21.000", "D64.900", "I25.100");

	private static final List<String> PROCEDURES_0 = List.of("88.7101", "99.0400", "38.9301", "96.0401", "45.1300");

	private static final Map<String, List<String[]>> OPERATIONS = Map.of(
			"0401", List.of(op("47.0100", 2), op("53.0200", 2), op("51.2300", 3), op("43.7x00", 4)),
			"0402", List.of(op("81.5100x003", 4), op("79.3500", 3), op("81.5400", 3), op("80.5100", 3)),
			"0403", List.of(op("01.2400", 4), op("01.5900", 4), op("02.3400", 3)),
			"0404", List.of(op("36.1000", 4), op("32.4100", 4), op("35.2100", 4)),
			"0405", List.of(op("56.0x00", 2), op("60.2100", 3), op("57.4900", 2)),
			"0501", List.of(op("74.1x00", 2), op("68.4900", 3), op("73.5900", 1)),
			"0301", List.of(op("36.0601", 3), op("37.3400", 3), op("88.5501", 2)));

	private static final List<String[]> GENERIC_OPS = List.of(op("86.2200", 1), op("54.1100", 2), op("36.0601", 3));

	private static String[] op(String code, int level) {
		return new String[] { code, String.valueOf(level) };
	}

	@Override
	public void run(ApplicationArguments args) {
		demo.run("quality", user -> {
			UUID hospital = user.hospitalId();
			boolean any = jdbc.sql("select exists (select 1 from clinical_encounter where hospital_id = :h)")
				.param("h", hospital).query(Boolean.class).single();
			if (any) {
				return;
			}
			long started = System.nanoTime();
			var files = generate(YearMonth.now(zone).minusMonths(1));
			int encounters = load(ImportKind.ENCOUNTERS, "demo-encounters.csv", files.encounters());
			int procedures = load(ImportKind.PROCEDURES, "demo-procedures.csv", files.procedures());
			int documents = load(ImportKind.RECORD_DOCUMENTS, "demo-record-documents.csv", files.documents());
			log.info("Seeded the demo hospital's discharges: {} encounters, {} procedures, {} record documents in {} ms",
					encounters, procedures, documents, (System.nanoTime() - started) / 1_000_000);
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

	record Files(StringBuilder encounters, StringBuilder procedures, StringBuilder documents) {
	}

	/**
	 * The CSV files of {@link #MONTHS} months of discharges ending with {@code lastMonth}: patient by patient,
	 * each with one stay and possibly readmissions, the same for the same month.
	 */
	static Files generate(YearMonth lastMonth) {
		var random = new Random(DemoActivity.SEED);
		LocalDateTime end = lastMonth.plusMonths(1).atDay(1).atStartOfDay();
		LocalDateTime start = lastMonth.minusMonths(MONTHS - 1L).atDay(1).atStartOfDay();
		LocalDateTime shiftFrom = lastMonth.minusMonths(5).atDay(1).atStartOfDay();
		LocalDateTime shorterFrom = lastMonth.minusMonths(7).atDay(1).atStartOfDay();
		LocalDateTime documentsFrom = lastMonth.minusMonths(DOCUMENT_MONTHS - 1L).atDay(1).atStartOfDay();
		long spanMinutes = java.time.Duration.between(start, end).toMinutes();
		int totalWeight = DEPARTMENTS.stream().mapToInt(Dept::weight).sum();
		var files = new Files(
				new StringBuilder("encounter_id,patient_id,sex,birth_date,admit_time,admit_dept,discharge_time,"
						+ "discharge_dept,admission_route,principal_dx,other_dx,discharge_disposition,readmission_plan_31d,"
						+ "total_cost\r\n"),
				new StringBuilder("encounter_id,seq,code,op_time,surgery_level,incision_class,healing_grade,"
						+ "unplanned_return\r\n"),
				new StringBuilder("encounter_id,doc_id,doc_type,event_time,written_time,author_id,author_title\r\n"));
		int target = MONTHS * PER_MONTH;
		int encounters = 0;
		int patient = 0;
		while (encounters < target) {
			patient++;
			String patientId = "P%08d".formatted(patient);
			Dept dept = pick(random, totalWeight);
			String sex = dept.code().equals("0501") ? "2" : random.nextBoolean() ? "1" : "2";
			int ageYears = switch (dept.code()) {
				case "0601" -> random.nextInt(14);
				case "0501" -> 20 + random.nextInt(25);
				default -> (int) Math.max(16, Math.min(95, 58 + random.nextGaussian() * 17));
			};
			LocalDate birth = start.toLocalDate().minusYears(ageYears).minusDays(random.nextInt(365));
			LocalDateTime admit = start.plusMinutes((long) (random.nextDouble() * spanMinutes));
			for (int stay = 0; stay < 6 && encounters < target; stay++) {
				boolean late = admit.isAfter(shorterFrom);
				int los = los(random, dept.code().equals("0402") && late ? 0.75 : 1.0);
				LocalDateTime discharge = admit.toLocalDate().plusDays(los).atTime(8 + random.nextInt(10),
						random.nextInt(60));
				if (los == 1 && random.nextDouble() < 0.3) {
					discharge = admit.plusHours(6 + random.nextInt(16)); // a stay under 24 hours
				}
				if (!discharge.isAfter(admit)) {
					discharge = admit.plusHours(4);
				}
				if (!discharge.isBefore(end)) {
					break;
				}
				encounters++;
				String encounterId = "ZY%08d".formatted(encounters);
				String admitDept = dept.code();
				String route = "2";
				double r = random.nextDouble();
				if (r < 0.03 && !dept.code().equals("0701") && !dept.code().equals("0801")) {
					admitDept = random.nextBoolean() ? "0701" : "0801";
					route = "1";
				}
				else if (r < 0.30) {
					route = "1";
				}
				else if (r < 0.33) {
					route = "3";
				}
				r = random.nextDouble();
				String disposition = r < dept.deaths() ? "5" : r < 0.90 ? "1" : r < 0.94 ? "2" : r < 0.97 ? "3" : "4";
				boolean planned = random.nextDouble() < 0.05;
				String diagnosis = dept.diagnoses().get(random.nextInt(dept.diagnoses().size()));
				var other = new ArrayList<String>();
				for (int i = random.nextInt(4); i > 0; i--) {
					String dx = OTHER_DX.get(random.nextInt(OTHER_DX.size()));
					if (!other.contains(dx)) {
						other.add(dx);
					}
				}
				double cost = Math.exp(9.3 + random.nextGaussian() * 0.6) * (1 + los / 10.0);
				files.encounters().append(encounterId).append(',').append(patientId).append(',').append(sex).append(',')
					.append(birth).append(',').append(TIME.format(admit)).append(',').append(admitDept).append(',')
					.append(TIME.format(discharge)).append(',').append(dept.code()).append(',').append(route).append(',')
					.append(diagnosis).append(',').append(String.join(";", other)).append(',').append(disposition)
					.append(',').append(planned ? "2" : "1").append(',')
					.append(String.format(Locale.ROOT, "%.2f", cost)).append("\r\n");
				List<LocalDateTime[]> operations = procedures(random, files.procedures(), encounterId, dept, admit,
						discharge);
				if (!discharge.isBefore(documentsFrom)) {
					documents(random, files.documents(), encounterId, admit, discharge, disposition,
							!admitDept.equals(dept.code()), operations);
				}
				if (disposition.equals("5")) {
					break;
				}
				// back within 31 days: planned stays mostly, unplanned ones more often in cardiology, rising lately
				double back = planned ? 0.7
						: dept.code().equals("0301") ? (discharge.isBefore(shiftFrom) ? 0.06 : 0.15) : 0.045;
				int gapDays;
				if (random.nextDouble() < back) {
					gapDays = 2 + random.nextInt(28);
				}
				else if (random.nextDouble() < 0.25) {
					gapDays = 40 + random.nextInt(300);
				}
				else {
					break;
				}
				if (random.nextDouble() < 0.2) {
					dept = pick(random, totalWeight);
				}
				admit = discharge.toLocalDate().plusDays(gapDays).atTime(random.nextInt(24), random.nextInt(60));
			}
		}
		return files;
	}

	private static Dept pick(Random random, int totalWeight) {
		int x = random.nextInt(totalWeight);
		for (Dept d : DEPARTMENTS) {
			x -= d.weight();
			if (x < 0) {
				return d;
			}
		}
		return DEPARTMENTS.get(0);
	}

	/** 1..30 days, right-skewed, median about 6 (shorter by the factor). */
	private static int los(Random random, double factor) {
		return (int) Math.min(30, Math.max(1, Math.exp(1.8 + random.nextGaussian() * 0.55) * factor));
	}

	/** Writes the stay's procedures; answers its operations' start and end times. */
	private static List<LocalDateTime[]> procedures(Random random, StringBuilder out, String encounterId, Dept dept,
			LocalDateTime admit, LocalDateTime discharge) {
		List<LocalDateTime[]> operations = new ArrayList<>();
		long stayMinutes = Math.max(60, java.time.Duration.between(admit, discharge).toMinutes());
		if (random.nextDouble() < dept.surgical()) {
			var ops = OPERATIONS.getOrDefault(dept.code(), GENERIC_OPS);
			int count = random.nextDouble() < 0.85 ? 1 : random.nextDouble() < 0.8 ? 2 : 3;
			int unplannedAt = count > 1 && random.nextDouble() < 0.08 ? 2 + random.nextInt(count - 1) : 0;
			LocalDateTime time = admit.plusMinutes(Math.min(stayMinutes / 3, 60 + random.nextInt(2880)));
			for (int seq = 1; seq <= count; seq++) {
				String[] op = ops.get(random.nextInt(ops.size()));
				double r = random.nextDouble();
				String incision = r < 0.45 ? "I" : r < 0.85 ? "II" : r < 0.90 ? "III" : "0";
				String healing = switch (incision) {
					case "I" -> random.nextDouble() < 0.008 ? "C" : random.nextDouble() < 0.97 ? "A" : "B";
					case "0" -> "X";
					default -> random.nextDouble() < 0.03 ? "C" : "A";
				};
				out.append(encounterId).append(',').append(seq).append(',').append(op[0]).append(',')
					.append(TIME.format(time)).append(',').append(op[1]).append(',').append(incision).append(',')
					.append(healing).append(',').append(seq == unplannedAt ? "Y" : "N").append("\r\n");
				operations.add(new LocalDateTime[] { time, time.plusMinutes(45 + random.nextInt(180)) });
				time = time.plusMinutes(Math.max(30, (stayMinutes - java.time.Duration.between(admit, time).toMinutes())
						/ 3));
				if (!time.isBefore(discharge)) {
					break;
				}
			}
		}
		else if (random.nextDouble() < 0.10) {
			out.append(encounterId).append(",1,").append(PROCEDURES_0.get(random.nextInt(PROCEDURES_0.size())))
				.append(',').append(TIME.format(admit.plusMinutes(60 + random.nextInt(600)))).append(",0,,,\r\n");
		}
		return operations;
	}

	/**
	 * The stay's record documents: each due document written on time mostly (minutes to hours after its
	 * trigger), late in about 4 in 100, missing in about 1 in 100.
	 */
	private static void documents(Random random, StringBuilder out, String encounterId, LocalDateTime admit,
			LocalDateTime discharge, String disposition, boolean transferred, List<LocalDateTime[]> operations) {
		long stayHours = java.time.Duration.between(admit, discharge).toHours();
		int[] number = { 0 };
		String author = "D%s".formatted(encounterId.substring(encounterId.length() - 3));
		java.util.function.BiConsumer<String, Object[]> write = (type, at) -> {
			LocalDateTime trigger = (LocalDateTime) at[0];
			int limitHours = (int) at[1];
			LocalDateTime event = (LocalDateTime) at[2];
			double r = random.nextDouble();
			if (r < 0.01) {
				return; // missing
			}
			long minutes = r < 0.05 ? limitHours * 60L + 30 + random.nextInt(limitHours * 60 + 600)
					: 10 + random.nextInt(Math.max(11, limitHours * 60 * 3 / 4));
			out.append(encounterId).append(",DOC").append(++number[0]).append(',').append(type).append(',')
				.append(event == null ? "" : TIME.format(event)).append(',').append(TIME.format(trigger.plusMinutes(minutes)))
				.append(',').append(author).append(',').append(number[0] == 1 ? "RESIDENT" : "ATTENDING").append("\r\n");
		};
		boolean dead = disposition.equals("5");
		if (stayHours >= 24) {
			write.accept("ADMISSION_RECORD", new Object[] { admit, 24, null });
		}
		else if (!dead) {
			write.accept("ADMISSION_DISCHARGE_RECORD", new Object[] { discharge, 24, null });
		}
		if (stayHours >= 8) {
			write.accept("FIRST_PROGRESS_NOTE", new Object[] { admit, 8, null });
		}
		if (stayHours >= 48) {
			write.accept("ATTENDING_FIRST_ROUND", new Object[] { admit, 48, null });
		}
		if (!operations.isEmpty()) {
			write.accept("SURGICAL_CONSENT", new Object[] { operations.get(0)[0].minusHours(20), 12, null });
			for (LocalDateTime[] operation : operations) {
				write.accept("OPERATION_RECORD", new Object[] { operation[1], 24, operation[1] });
				write.accept("POSTOP_FIRST_NOTE", new Object[] { operation[1], 8, operation[1] });
			}
		}
		if (transferred) {
			LocalDateTime transfer = admit.plusHours(Math.max(1, stayHours / 4));
			write.accept("TRANSFER_IN_NOTE", new Object[] { transfer, 24, transfer });
		}
		if (dead) {
			if (stayHours >= 24) {
				write.accept("DEATH_RECORD", new Object[] { discharge, 24, null });
			}
			write.accept("DEATH_DISCUSSION", new Object[] { discharge, 168, null });
		}
		else if (stayHours >= 24) {
			write.accept("DISCHARGE_RECORD", new Object[] { discharge, 24, null });
		}
	}
}
