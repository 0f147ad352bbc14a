package org.careqms.clinicaldata;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * An import file read row by row, never whole: strict UTF-8 (an optional BOM is skipped; any
 * invalid byte makes the file unreadable, wherever it is), RFC 4180 quoting, a header row whose
 * column names are matched without regard to case or surrounding spaces, blank lines ignored.
 */
final class CsvSource implements Closeable {

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

	/** One data row: its values as in the file, and the line it ends on (the header is line 1). */
	record Row(List<String> values, long line) {
	}

	private final CSVParser parser;
	private final Iterator<CSVRecord> records;
	private final Map<String, Integer> columns;
	private final int width;

	private CsvSource(CSVParser parser, Iterator<CSVRecord> records, Map<String, Integer> columns, int width) {
		this.parser = parser;
		this.records = records;
		this.columns = columns;
		this.width = width;
	}

	/**
	 * Opens the file and reads its header.
	 *
	 * @throws UnreadableFileException empty, not UTF-8, broken quoting or a column named twice
	 */
	static CsvSource open(InputStream input) {
		var in = new BufferedInputStream(input, 1 << 16);
		CSVParser parser = null;
		try {
			skipBom(in);
			var decoder = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
			parser = CSVParser.builder().setReader(new InputStreamReader(in, decoder)).setFormat(FORMAT).get();
			Iterator<CSVRecord> records = parser.iterator();
			if (!next(records, parser)) {
				throw new UnreadableFileException("empty");
			}
			CSVRecord header = records.next();
			Map<String, Integer> columns = new LinkedHashMap<>();
			for (int i = 0; i < header.size(); i++) {
				String name = header.get(i).strip().toLowerCase(Locale.ROOT);
				if (name.isEmpty()) {
					continue;
				}
				if (columns.putIfAbsent(name, i) != null) {
					throw new UnreadableFileException("duplicate-column", name);
				}
			}
			if (columns.isEmpty()) {
				throw new UnreadableFileException("empty");
			}
			return new CsvSource(parser, records, columns, header.size());
		}
		catch (IOException ex) {
			closeQuietly(parser);
			throw unreadable(ex, 1);
		}
		catch (RuntimeException ex) {
			closeQuietly(parser);
			throw ex;
		}
	}

	/** Column names (lower case) and their positions. */
	Map<String, Integer> columns() {
		return columns;
	}

	/** How many values the header has, and so every row must have. */
	int width() {
		return width;
	}

	/** Columns of the file that the format does not know, in file order. */
	List<String> unknownColumns(ImportFormat format) {
		List<String> unknown = new ArrayList<>();
		for (String column : columns.keySet()) {
			if (!format.requiredColumns().contains(column) && !format.optionalColumns().contains(column)
					&& !ImportFormat.HOSPITAL_CODE.equals(column)) {
				unknown.add(column);
			}
		}
		return unknown;
	}

	/** Required columns of the format the file lacks. */
	List<String> missingColumns(ImportFormat format) {
		return format.requiredColumns().stream().filter(column -> !columns.containsKey(column)).toList();
	}

	/** The next data row, or null at the end of the file. */
	Row next() {
		if (!next(records, parser)) {
			return null;
		}
		CSVRecord record = records.next();
		return new Row(record.toList(), parser.getCurrentLineNumber());
	}

	private static boolean next(Iterator<CSVRecord> records, CSVParser parser) {
		try {
			return records.hasNext();
		}
		catch (UncheckedIOException ex) {
			throw unreadable(ex.getCause(), parser.getCurrentLineNumber() + 1);
		}
		catch (IllegalStateException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw unreadable(io, parser.getCurrentLineNumber() + 1);
			}
			throw ex;
		}
	}

	private static UnreadableFileException unreadable(IOException ex, long line) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CharacterCodingException) {
				return new UnreadableFileException("encoding");
			}
		}
		return new UnreadableFileException("malformed", String.valueOf(line));
	}

	/** Skips a UTF-8 byte order mark at the start of the stream, if there is one. */
	static void skipBom(BufferedInputStream in) throws IOException {
		in.mark(BOM.length);
		byte[] start = in.readNBytes(BOM.length);
		if (start.length < BOM.length || start[0] != BOM[0] || start[1] != BOM[1] || start[2] != BOM[2]) {
			in.reset();
		}
	}

	private static void closeQuietly(CSVParser parser) {
		if (parser != null) {
			try {
				parser.close();
			}
			catch (IOException ex) {
				// the file is unreadable already; closing it cannot make that worse
			}
		}
	}

	@Override
	public void close() throws IOException {
		parser.close();
	}
}
