package org.careqms.audits;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import org.careqms.organization.OrganizationDirectory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The inspection report as a PDF (Chinese or English): header, score and veto, every section and item
 * with its answer and note, findings, the sample, auditors and a signature line. Chinese text needs a
 * TrueType-outline CJK font embedded in the PDF: Droid Sans Fallback ships in the application's
 * resources (see NOTICE).
 */
@Component
class AuditReport {

	static final String FONT = "/fonts/DroidSansFallbackFull.ttf";
	static final String FONT_FAMILY = "CareQMS CJK";

	private final InspectionWork work;
	private final OrganizationDirectory organization;
	private final TemplateEngine templates;
	private volatile byte[] font;

	AuditReport(InspectionWork work, OrganizationDirectory organization, TemplateEngine templates) {
		this.work = work;
		this.organization = organization;
		this.templates = templates;
	}

	/** The report of an inspection the current user may see. */
	@Transactional(readOnly = true)
	public byte[] render(UUID inspectionId, Locale locale) {
		Inspection inspection = work.get(inspectionId);
		var checklist = work.checklist(inspection);
		var context = new Context(locale);
		context.setVariable("inspection", inspection);
		context.setVariable("checklist", checklist);
		context.setVariable("answers", work.answers(inspectionId));
		context.setVariable("findings", work.findings(inspectionId));
		context.setVariable("sample", work.sample(inspectionId));
		// thumbnails under their item, scaled down here one photo at a time (never the originals in the PDF)
		Map<Long, List<String>> thumbnails = new LinkedHashMap<>();
		Map<Long, Integer> withoutThumbnail = new LinkedHashMap<>();
		for (var photo : work.photoContents(inspectionId)) {
			long item = photo.getKey().itemId();
			PhotoThumbnails.dataUri(photo.getValue()).ifPresentOrElse(
					uri -> thumbnails.computeIfAbsent(item, i -> new java.util.ArrayList<>()).add(uri),
					() -> withoutThumbnail.merge(item, 1, Integer::sum));
		}
		context.setVariable("thumbnails", thumbnails);
		context.setVariable("withoutThumbnail", withoutThumbnail);
		context.setVariable("score", inspection.getStatus() == InspectionStatus.SUBMITTED ? null
				: work.provisionalScore(inspection));
		var departments = organization.departments(inspection.getHospitalId());
		Map<UUID, String> departmentNames = new LinkedHashMap<>();
		departments.forEach(d -> departmentNames.put(d.id(),
				d.code() + " " + ("en".equals(locale.getLanguage()) && d.nameEn() != null ? d.nameEn() : d.name())));
		context.setVariable("departmentNames", departmentNames);
		Map<UUID, String> users = new LinkedHashMap<>();
		organization.activeUsers(inspection.getHospitalId()).forEach(u -> users.put(u.id(), u.displayName()));
		List<String> auditors = inspection.auditorIds().stream().map(id -> users.getOrDefault(id, "—")).toList();
		context.setVariable("auditors", auditors);
		context.setVariable("zone", ZoneId.systemDefault());
		context.setVariable("fontFamily", FONT_FAMILY);
		String html = templates.process("audits/report-pdf", context);
		var out = new ByteArrayOutputStream();
		try {
			var builder = new PdfRendererBuilder();
			builder.useFastMode();
			builder.useFont(() -> new ByteArrayInputStream(font()), FONT_FAMILY);
			builder.withHtmlContent(html, null);
			builder.toStream(out);
			builder.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private byte[] font() {
		byte[] loaded = font;
		if (loaded == null) {
			try (InputStream in = AuditReport.class.getResourceAsStream(FONT)) {
				if (in == null) {
					throw new IllegalStateException("The report font " + FONT + " is not on the class path");
				}
				loaded = in.readAllBytes();
				font = loaded;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return loaded;
	}
}
