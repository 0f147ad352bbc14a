package org.careqms.clinicaldata;

import java.time.LocalDateTime;
import java.util.List;

/** record-documents.csv: one row per completed medical-record document of an imported encounter (病历文书). */
final class RecordDocumentFormat implements ImportFormat {

	/** The document types of data-formats.md; the record QC rules are written against these. */
	static final List<String> DOCUMENT_TYPES = List.of("ADMISSION_RECORD", "ADMISSION_DISCHARGE_RECORD",
			"FIRST_PROGRESS_NOTE", "PROGRESS_NOTE", "ATTENDING_FIRST_ROUND", "RESCUE_RECORD", "OPERATION_RECORD",
			"POSTOP_FIRST_NOTE", "TRANSFER_IN_NOTE", "DISCHARGE_RECORD", "DEATH_RECORD", "DEATH_DISCUSSION",
			"SURGICAL_CONSENT", "TRANSFUSION_CONSENT");

	static final List<String> AUTHOR_TITLES = List.of("RESIDENT", "ATTENDING", "ASSOCIATE_CHIEF", "CHIEF", "INTERN");

	@Override
	public ImportKind kind() {
		return ImportKind.RECORD_DOCUMENTS;
	}

	@Override
	public List<String> requiredColumns() {
		return List.of("encounter_id", "doc_id", "doc_type", "written_time");
	}

	@Override
	public List<String> optionalColumns() {
		return List.of("event_time", "author_id", "author_title");
	}

	@Override
	public String stagingColumns() {
		return """
				encounter_id varchar(64), doc_id varchar(64), doc_type varchar(40), event_time timestamp,
				written_time timestamp, author_id varchar(32), author_title varchar(20)""";
	}

	@Override
	public List<String> key() {
		return List.of("encounter_id", "doc_id");
	}

	@Override
	public boolean refersToEncounter() {
		return true;
	}

	@Override
	public void check(RowCheck row) {
		String encounter = row.text("encounter_id", true, 64);
		String document = row.text("doc_id", true, 64);
		String type = row.choice("doc_type", true, DOCUMENT_TYPES);
		LocalDateTime event = row.time("event_time", false);
		LocalDateTime written = row.time("written_time", true);
		String author = row.text("author_id", false, 32);
		String title = row.choice("author_title", false, AUTHOR_TITLES);
		if (row.accepted()) {
			row.put(encounter).put(document).put(type).put(event).put(written).put(author).put(title);
		}
	}

	@Override
	public String table() {
		return "record_document";
	}

	@Override
	public List<String> columns() {
		return List.of("doc_type", "event_time", "written_time", "author_id", "author_title");
	}
}
