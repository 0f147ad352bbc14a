package org.careqms.clinicaldata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Streams accepted rows into the staging table with PostgreSQL {@code COPY ... FROM STDIN} on the
 * transaction's own connection. While a COPY is open the connection answers nothing else, so the
 * COPY is {@linkplain #pause() paused} (ended) before any other statement and opened again by the
 * next row: one COPY per file in the usual case.
 */
final class StagingCopy implements AutoCloseable {

	private static final int BUFFER = 1 << 16;

	private final PGConnection connection;
	private final String sql;
	/** Rows not yet sent: encoded and written a chunk at a time rather than a row at a time. */
	private final StringBuilder pending = new StringBuilder(BUFFER + 1024);
	private PGCopyOutputStream out;
	private long rows;

	StagingCopy(Connection connection, String table) {
		try {
			this.connection = connection.unwrap(PGConnection.class);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Imports need a PostgreSQL connection", ex);
		}
		this.sql = "copy " + table + " from stdin (format text)";
	}

	/** Appends one line of COPY text (tab-separated, escaped, without the line break). */
	void write(CharSequence line) {
		pending.append(line).append('\n');
		rows++;
		if (pending.length() >= BUFFER) {
			send();
		}
	}

	private void send() {
		if (pending.isEmpty()) {
			return;
		}
		try {
			if (out == null) {
				out = new PGCopyOutputStream(connection, sql, BUFFER);
			}
			byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
			pending.setLength(0);
			out.write(bytes);
		}
		catch (SQLException | IOException ex) {
			throw failure(ex);
		}
	}

	/** Ends the running COPY, if any, so that the connection can run other statements. */
	void pause() {
		send();
		if (out != null) {
			try {
				out.close();
			}
			catch (IOException ex) {
				throw failure(ex);
			}
			finally {
				out = null;
			}
		}
	}

	long rows() {
		return rows;
	}

	/** Cancels a COPY left open by a failure; the transaction rolls back anyway. */
	@Override
	public void close() {
		pending.setLength(0);
		if (out != null && out.isActive()) {
			try {
				out.cancelCopy();
			}
			catch (SQLException ex) {
				// the transaction is rolled back; the connection is reset when it returns to the pool
			}
		}
		out = null;
	}

	private static DataAccessResourceFailureException failure(Exception ex) {
		return new DataAccessResourceFailureException("COPY into the import staging table failed", ex);
	}
}
