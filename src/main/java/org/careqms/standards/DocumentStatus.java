package org.careqms.standards;

/** A document version is drafted, then published (the one in force), then superseded by the next. */
public enum DocumentStatus {
	DRAFT, PUBLISHED, SUPERSEDED
}
