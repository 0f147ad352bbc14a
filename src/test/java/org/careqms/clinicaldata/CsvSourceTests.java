package org.careqms.clinicaldata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Reading an import file: encoding, header, quoting and line numbers. */
class CsvSourceTests {

	static CsvSource open(byte[] bytes) {
		return CsvSource.open(new ByteArrayInputStream(bytes));
	}

	static CsvSource open(String text) {
		return open(text.getBytes(StandardCharsets.UTF_8));
	}

	static List<CsvSource.Row> rows(CsvSource source) {
		List<CsvSource.Row> rows = new ArrayList<>();
		for (CsvSource.Row row = source.next(); row != null; row = source.next()) {
			rows.add(row);
		}
		return rows;
	}

	static UnreadableFileException refusal(Runnable reading) {
		try {
			reading.run();
		}
		catch (UnreadableFileException ex) {
			return ex;
		}
		throw new AssertionError("the file was read");
	}

	@Test
	void numbersRowsByTheLineTheyEndOnSkippingBlankLines() throws IOException {
		try (var source = open("encounter_id,seq\r\nA,1\r\n\r\n\"B\nC\",2\r\nD,3")) {
			assertThat(rows(source)).extracting(CsvSource.Row::line).containsExactly(2L, 5L, 6L);
		}
	}

	@Test
	void matchesColumnNamesWhateverTheirCaseAndSpacesAndSkipsTheBom() throws IOException {
		byte[] text = "\uFEFF Encounter_ID ,SEQ,extra\nA,1,x\n".getBytes(StandardCharsets.UTF_8);
		try (var source = open(text)) {
			assertThat(source.columns()).containsOnlyKeys("encounter_id", "seq", "extra");
			assertThat(source.unknownColumns(new ProcedureFormat())).containsExactly("extra");
			assertThat(source.missingColumns(new ProcedureFormat())).containsExactly("code", "op_time", "surgery_level");
			assertThat(rows(source).get(0).values()).containsExactly("A", "1", "x");
		}
	}

	@Test
	void refusesAnEmptyFileAndABomAlone() {
		assertThat(refusal(() -> open(new byte[0])).code()).isEqualTo("empty");
		assertThat(refusal(() -> open(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF })).code()).isEqualTo("empty");
		assertThat(refusal(() -> open("\r\n\r\n")).code()).isEqualTo("empty");
	}

	@Test
	void refusesGbkWhereverItStarts() {
		assertThat(refusal(() -> open("病案号,姓名\n".getBytes(Charset.forName("GBK")))).code()).isEqualTo("encoding");
		// far beyond the header and the reader's buffers: found while the rows are read
		String rows = "encounter_id,patient_id\n" + "A,1\n".repeat(100_000) + "B,张三\n";
		var source = open(rows.getBytes(Charset.forName("GBK")));
		assertThat(refusal(() -> rows(source)).code()).isEqualTo("encoding");
	}

	@Test
	void refusesAColumnNamedTwiceAndAnUnclosedQuote() {
		assertThat(refusal(() -> open("seq,SEQ\n1,2\n")).code()).isEqualTo("duplicate-column");
		var source = open("encounter_id,seq\nA,1\n\"B,2\n");
		UnreadableFileException broken = refusal(() -> rows(source));
		assertThat(broken.code()).isEqualTo("malformed");
	}

	@Test
	void keepsRowsWithTooFewValuesForTheCallerToReject() throws IOException {
		try (var source = open("a,b,c\n1,2\n")) {
			assertThat(source.width()).isEqualTo(3);
			assertThat(rows(source).get(0).values()).hasSize(2);
		}
		assertThat(open("a,b\n").next()).isNull();
	}
}
