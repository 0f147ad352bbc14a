package org.careqms.clinicaldata;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Reads one FHIR R4 Bundle in JSON from a stream with HAPI's parser: strict UTF-8 (an optional BOM
 * is skipped), unknown elements and invalid values tolerated (the mapping's checks report values
 * that matter), resource ids kept as written rather than replaced by the entries' full URLs.
 */
final class FhirBundles {

	/** Longest parser message quoted in a refusal. */
	private static final int QUOTED = 300;

	private FhirBundles() {
	}

	/**
	 * @throws UnreadableFileException not UTF-8, not JSON, not FHIR, or a resource other than a Bundle
	 */
	static Bundle read(InputStream input) throws IOException {
		var in = new BufferedInputStream(input, 1 << 16);
		CsvSource.skipBom(in);
		var decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		IParser parser = FhirContext.forR4Cached()
			.newJsonParser()
			.setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false))
			.setOverrideResourceIdWithBundleEntryFullUrl(false);
		IBaseResource resource;
		try {
			resource = parser.parseResource(new InputStreamReader(in, decoder));
		}
		catch (DataFormatException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof CharacterCodingException) {
					throw new UnreadableFileException("encoding");
				}
			}
			String message = String.valueOf(ex.getMessage()).replaceAll("\\s+", " ").strip();
			throw new UnreadableFileException("fhir-malformed",
					message.length() > QUOTED ? message.substring(0, QUOTED) + "…" : message);
		}
		if (!(resource instanceof Bundle bundle)) {
			throw new UnreadableFileException("fhir-not-bundle", resource.fhirType());
		}
		return bundle;
	}
}
