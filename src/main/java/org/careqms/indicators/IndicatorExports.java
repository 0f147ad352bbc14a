package org.careqms.indicators;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Writes indicator results as CSV (UTF-8 with BOM, so Excel opens Chinese text correctly) or as an
 * Excel workbook, streamed: one row per month and department.
 */
@Component
class IndicatorExports {

	private final MessageSource messages;

	IndicatorExports(MessageSource messages) {
		this.messages = messages;
	}

	private String[] header(Locale locale) {
		return new String[] { messages.getMessage("indicators.export.indicator", null, locale),
				messages.getMessage("indicators.period", null, locale),
				messages.getMessage("indicators.department", null, locale),
				messages.getMessage("indicators.numerator", null, locale),
				messages.getMessage("indicators.denominator", null, locale),
				messages.getMessage("indicators.value", null, locale),
				messages.getMessage("indicators.export.unit", null, locale),
				messages.getMessage("indicators.target", null, locale) };
	}

	/** One line of an export. */
	record Line(Indicator indicator, IndicatorResult result, String department, BigDecimal target) {
	}

	void csv(List<Line> lines, Locale locale, OutputStream out) throws IOException {
		out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		try (CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(header(locale)).get())) {
			for (Line line : lines) {
				printer.printRecord(line.indicator().code() + " " + line.indicator().name(locale),
						line.result().period().toString(), line.department(), line.result().numerator().toPlainString(),
						line.result().denominator().toPlainString(), line.result().value(), line.indicator().unit(),
						line.target() == null ? "" : line.target().toPlainString());
			}
		}
	}

	void xlsx(List<Line> lines, Locale locale, OutputStream out) throws IOException {
		try (var workbook = new SXSSFWorkbook(200)) {
			Sheet sheet = workbook.createSheet(messages.getMessage("indicators.results", null, locale));
			Row head = sheet.createRow(0);
			String[] header = header(locale);
			for (int i = 0; i < header.length; i++) {
				head.createCell(i).setCellValue(header[i]);
			}
			int r = 1;
			for (Line line : lines) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(line.indicator().code() + " " + line.indicator().name(locale));
				row.createCell(1).setCellValue(line.result().period().toString());
				row.createCell(2).setCellValue(line.department());
				row.createCell(3).setCellValue(line.result().numerator().doubleValue());
				row.createCell(4).setCellValue(line.result().denominator().doubleValue());
				row.createCell(5).setCellValue(line.result().value());
				row.createCell(6).setCellValue(line.indicator().unit());
				if (line.target() != null) {
					row.createCell(7).setCellValue(line.target().doubleValue());
				}
			}
			workbook.write(out);
			workbook.dispose();
		}
	}

	static String departmentLabel(UUID id, Map<UUID, String> names, String hospitalWide) {
		return id == null ? hospitalWide : names.getOrDefault(id, id.toString());
	}
}
