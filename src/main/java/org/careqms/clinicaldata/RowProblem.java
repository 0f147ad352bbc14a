package org.careqms.clinicaldata;

/**
 * Why a row of an import file was rejected: its line in the file (the header is line 1), the
 * column (null when the row as a whole is wrong) and the reason.
 */
record RowProblem(long line, String column, Text reason) {
}
