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

	/** Checks the row; when it is acceptable, puts its values in staging-column order. */
	void check(RowCheck row);

	/**
	 * Inserts or replaces the accepted staged rows ({@code :hospital}, {@code :run}): rows whose values
	 * are unchanged are left alone, so that re-importing a file changes nothing.
	 */
	String upsert();

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
}
