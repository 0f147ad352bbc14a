package org.careqms.incidents;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The analysis page as tables — monthly counts by level, category and department, the Pareto of
 * categories, times to triage and close, the control chart's points with limits and signals — written
 * as one Excel workbook (a sheet per table) or one table as CSV (UTF-8 with BOM, so Excel opens Chinese
 * text correctly). Headers in the reader's language.
 */
@Component
class IncidentAnalysisExport {

	/** The tables, in the workbook's order; also the {@code table} of a CSV export. */
	static final List<String> TABLES = List.of("levels", "categories", "departments", "pareto", "times", "spc");

	private final MessageSource messages;

	IncidentAnalysisExport(MessageSource messages) {
		this.messages = messages;
	}

	/** A table: a name for its sheet, the header, rows of strings and numbers ({@code null} = empty cell). */
	record Table(String name, String title, List<String> header, List<List<Object>> rows) {
	}

	List<Table> tables(IncidentQueries.Analysis analysis, IncidentControlChart.ControlChart chart,
			Map<UUID, String> departmentNames, Locale locale) {
		List<Table> tables = new ArrayList<>();
		List<String> months = analysis.months();

		List<String> header = new ArrayList<>(List.of(text("incidents.export.month", locale)));
		analysis.byLevel().keySet().forEach(level -> header.add(levelLabel(level, locale)));
		header.add(text("incidents.export.total", locale));
		tables.add(new Table("levels", text("incidents.export.sheet.levels", locale), header,
				monthly(months, List.copyOf(analysis.byLevel().values()), analysis.totals())));

		List<String> categories = Taxonomy.CATEGORIES.stream().filter(analysis.byCategory()::containsKey).toList();
		List<String> categoryHeader = new ArrayList<>(List.of(text("incidents.export.month", locale)));
		categories.forEach(c -> categoryHeader.add(text("incidents.category." + c, locale)));
		categoryHeader.add(text("incidents.export.total", locale));
		tables.add(new Table("categories", text("incidents.export.sheet.categories", locale), categoryHeader,
				monthly(months, categories.stream().map(analysis.byCategory()::get).toList(), analysis.totals())));

		List<String> departmentHeader = new ArrayList<>(List.of(text("incidents.export.month", locale)));
		analysis.byDepartmentMonthly().keySet()
			.forEach(d -> departmentHeader.add(departmentNames.getOrDefault(d, String.valueOf(d))));
		departmentHeader.add(text("incidents.export.total", locale));
		tables.add(new Table("departments", text("incidents.export.sheet.departments", locale), departmentHeader,
				monthly(months, List.copyOf(analysis.byDepartmentMonthly().values()), analysis.totals())));

		List<List<Object>> pareto = new ArrayList<>();
		long total = analysis.total();
		long running = 0;
		for (Object[] row : analysis.pareto()) {
			long n = (Long) row[1];
			running += n;
			pareto.add(Arrays.asList(text("incidents.category." + row[0], locale), n, percent(n, total),
					percent(running, total)));
		}
		tables.add(new Table("pareto", text("incidents.export.sheet.pareto", locale),
				List.of(text("incidents.category", locale), text("incidents.analysis.count", locale),
						text("incidents.export.share", locale), text("incidents.analysis.cumulative", locale)),
				pareto));

		List<List<Object>> times = new ArrayList<>();
		for (int i = 0; i < months.size(); i++) {
			times.add(Arrays.asList(months.get(i), analysis.totals().get(i), round(analysis.monthlyHoursToTriage().get(i)),
					round(analysis.monthlyDaysToClose().get(i))));
		}
		times.add(Arrays.asList(text("incidents.export.all-months", locale), analysis.total(),
				round(analysis.medianHoursToTriage()), round(analysis.medianDaysToClose())));
		tables.add(new Table("times", text("incidents.export.sheet.times", locale),
				List.of(text("incidents.export.month", locale), text("incidents.analysis.count", locale),
						text("incidents.analysis.time-to-triage", locale), text("incidents.analysis.time-to-close", locale)),
				times));

		List<List<Object>> points = new ArrayList<>();
		if (chart != null) {
			String chartName = text("incidents.spc.chart." + chart.chart().code(), locale);
			for (var m : chart.months()) {
				points.add(Arrays.asList(m.month(), chartName, m.count(), m.patientDays(), round(m.value()),
						round(m.centre()), round(m.lower()), round(m.upper()), yesNo(m.sigmaSignal(), locale),
						yesNo(chart.runsSignal(), locale)));
			}
		}
		tables.add(new Table("spc", text("incidents.export.sheet.spc", locale),
				List.of(text("incidents.export.month", locale), text("incidents.export.chart", locale),
						text("incidents.analysis.count", locale), text("incidents.export.patient-days", locale),
						text("incidents.export.value", locale), text("incidents.export.centre", locale),
						text("incidents.export.lcl", locale), text("incidents.export.ucl", locale),
						text("incidents.export.sigma-signal", locale), text("incidents.export.runs-signal", locale)),
				points));
		return tables;
	}

	void xlsx(List<Table> tables, OutputStream out) throws IOException {
		try (var workbook = new XSSFWorkbook()) {
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			for (Table table : tables) {
				Sheet sheet = workbook.createSheet(table.title());
				Row head = sheet.createRow(0);
				for (int c = 0; c < table.header().size(); c++) {
					var cell = head.createCell(c);
					cell.setCellValue(table.header().get(c));
					cell.setCellStyle(bold);
				}
				int r = 1;
				for (List<Object> values : table.rows()) {
					Row row = sheet.createRow(r++);
					for (int c = 0; c < values.size(); c++) {
						Object value = values.get(c);
						if (value instanceof Number number) {
							row.createCell(c).setCellValue(number.doubleValue());
						}
						else if (value != null) {
							row.createCell(c).setCellValue(value.toString());
						}
					}
				}
				sheet.createFreezePane(1, 1);
				sheet.setColumnWidth(0, 14 * 256);
			}
			workbook.write(out);
		}
	}

	void csv(Table table, OutputStream out) throws IOException {
		out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		try (CSVPrinter printer = new CSVPrinter(writer,
				CSVFormat.RFC4180.builder().setHeader(table.header().toArray(String[]::new)).get())) {
			for (List<Object> row : table.rows()) {
				printer.printRecord(row.stream().map(v -> v == null ? "" : v).toList());
			}
		}
	}

	private static List<List<Object>> monthly(List<String> months, List<List<Long>> columns, List<Long> totals) {
		List<List<Object>> rows = new ArrayList<>();
		for (int i = 0; i < months.size(); i++) {
			List<Object> row = new ArrayList<>();
			row.add(months.get(i));
			for (List<Long> column : columns) {
				row.add(column.get(i));
			}
			row.add(totals.get(i));
			rows.add(row);
		}
		return rows;
	}

	private String levelLabel(String level, Locale locale) {
		return text(level.equals("NONE") ? "incidents.level.none" : "incidents.level." + level, locale);
	}

	private String yesNo(boolean value, Locale locale) {
		return text(value ? "incidents.export.yes" : "incidents.export.no", locale);
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, locale);
	}

	private static Double percent(long part, long whole) {
		return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
	}

	/** Four decimals are plenty for counts, rates and hours; the page shows fewer. */
	private static Double round(Double value) {
		return value == null ? null : Math.round(value * 10000.0) / 10000.0;
	}
}
