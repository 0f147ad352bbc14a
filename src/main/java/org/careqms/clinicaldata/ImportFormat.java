package org.careqms.clinicaldata;

import java.util.List;

/**
 * One file of data-formats.md: its columns, how a row is checked and staged, and how staged rows
 * replace stored ones. The staging table {@code import_stage} has a {@code line} column first and
 * then {@link #stagingColumns()}; the upsert reads the rows of it that no later check rejected.
 */
interface ImportFormat {

	/** The column every file may carry to name the hospital its rows belong to. */
	String HOSPITAL_CODE = "hospital_code";

	ImportKind kind();

	List<String> requiredColumns();

	List<String> optionalColumns();

	/** Column definitions of the staging table after {@code line}, in COPY order. */
	String stagingColumns();

	/** The natural key's columns without the hospital (one file is one hospital's). */
	List<String> key();

	/** Rows name an encounter that must already exist. */
	boolean refersToEncounter();

	/**
	 * The encounter check keeps, for every staged line, the department and month of discharge of its
	 * encounter in the temporary table {@code import_encounter (line, department_id, period)}, which
	 * {@link #marks} then reads instead of joining the encounters a second time. Only for a format that
	 * {@link #refersToEncounter()} a discharge (not a running stay).
	 */
	default boolean marksByEncounter() {
		return false;
	}

	/** Checks the row; when it is acceptable, puts its values in staging-column order. */
	void check(RowCheck row);

	/** The table the rows are stored in; its key is {@code hospital_id} and {@link #key()}. */
	String table();

	/**
	 * The stored columns besides the hospital, the key and {@code import_run_id}: named alike in the
	 * staging table. A staged row whose values equal the stored row's is left alone (re-importing a file
	 * changes nothing); one that differs replaces them; a new key is inserted.
	 */
	List<String> columns();

	/**
	 * The format's own statement storing the accepted staged rows ({@code :hospital}, {@code :run}), for a
	 * table that is not stored by comparing with {@link #columns()} (a census marks every listed stay as
	 * seen, changed or not); null for the usual compare, update changed rows, insert new keys.
	 */
	default String upsert() {
		return null;
	}

	/**
	 * Rejections of staged rows that need the database beyond the encounter check (SQL inserting into
	 * {@code import_reject}, with {@code :hospital}), or null.
	 */
	default String rejectInSql() {
		return null;
	}

	/**
	 * Statements run after the upsert of a stored import ({@code :hospital}, {@code :run}, the staging tables
	 * still there). {@code complete}: every row of the file was accepted and there was at least one.
	 */
	default List<String> afterStore(boolean complete) {
		return List.of();
	}

	/**
	 * SQL that marks in {@code indicator_month_dirty} the department-months whose monthly statistics the
	 * staged rows change ({@code :hospital}), run before they are stored, while the stored rows still
	 * have their old values; null when the table's rows feed no statistics. {@code newOrChanged} is a
	 * query of the staged rows that are new or differ from the stored ones: the staging columns and
	 * {@code known} (the key is stored, so the stored row's old values count too). The import stores its
	 * rows with the tables' own marking triggers switched off (ADR 0013), so this must mark what they would.
	 * {@code everyRowNew}: no staged key is stored yet, so {@code newOrChanged} is every staged row.
	 */
	default String marks(String newOrChanged, boolean everyRowNew) {
		return null;
	}

	/** {@code (a.c1, a.c2, ...) is distinct from (b.c1, b.c2, ...)} over the given columns. */
	static String differs(String stored, String staged, List<String> columns) {
		return "(" + String.join(", ", columns.stream().map(c -> stored + "." + c).toList()) + ") is distinct from ("
				+ String.join(", ", columns.stream().map(c -> staged + "." + c).toList()) + ")";
	}
}
