package org.careqms.standards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.careqms.platform.CareQmsProperties;
import org.careqms.platform.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.util.unit.DataSize;

class DocumentFilesTests {

	@TempDir
	Path dataDir;

	DocumentFiles files(DataSize max) {
		var properties = new CareQmsProperties(dataDir, new CareQmsProperties.EmbeddedDb(0, true, java.util.Map.of()), null,
				new CareQmsProperties.Security(5, java.time.Duration.ofMinutes(15), java.time.Duration.ofSeconds(5)));
		return new DocumentFiles(properties, max);
	}

	static String problem(Runnable action) {
		try {
			action.run();
		}
		catch (InvalidInputException ex) {
			return ex.problems().get(0).messageKey();
		}
		return null;
	}

	@Test
	void storesUnderARandomNameWithItsHash() throws Exception {
		byte[] docx = { 'P', 'K', 3, 4, 20, 0, 6, 0 };
		UUID hospital = UUID.randomUUID();
		var stored = files(DataSize.ofMegabytes(1)).store(hospital,
				new MockMultipartFile("file", "..\\..\\制度.DOCX", "text/html", docx));
		assertThat(stored.fileName()).isEqualTo("制度.DOCX");
		assertThat(stored.contentType()).isEqualTo(DocumentFiles.KINDS.get("docx").contentType());
		assertThat(stored.sha256()).isEqualTo(
				java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(docx)));
		assertThat(stored.size()).isEqualTo(docx.length);
		Path path = files(DataSize.ofMegabytes(1)).path(hospital, stored.storageKey());
		assertThat(path).startsWith(dataDir.toAbsolutePath().normalize());
		assertThat(Files.readAllBytes(path)).isEqualTo(docx);
		assertThatThrownBy(() -> files(DataSize.ofMegabytes(1)).path(hospital, "../etc/passwd"))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void refusesEmptyOversizedUnknownAndDisguisedFiles() {
		DocumentFiles small = files(DataSize.ofBytes(16));
		UUID hospital = UUID.randomUUID();
		byte[] pdf = "%PDF-1.7 small".getBytes(StandardCharsets.US_ASCII);
		assertThat(problem(() -> small.store(hospital, new MockMultipartFile("file", "a.pdf", null, new byte[0]))))
			.isEqualTo("error.standards.file.empty");
		assertThat(problem(() -> small.store(hospital, new MockMultipartFile("file", "a.pdf", null,
				"%PDF-1.7 a bit more than sixteen bytes".getBytes(StandardCharsets.US_ASCII)))))
			.isEqualTo("error.standards.file.too-large");
		assertThat(problem(() -> small.store(hospital, new MockMultipartFile("file", "a.html", null, pdf))))
			.isEqualTo("error.standards.file.type");
		assertThat(problem(() -> small.store(hospital, new MockMultipartFile("file", "a.docx", null, pdf))))
			.isEqualTo("error.standards.file.content");
		assertThat(problem(() -> small.store(hospital, new MockMultipartFile("file", "noextension", null, pdf))))
			.isEqualTo("error.standards.file.type");
		assertThat(problem(() -> small.store(hospital, new MockMultipartFile("file", "a.pdf", null, pdf)))).isNull();
	}

	@Test
	void cleansUploadedNames() {
		assertThat(DocumentFiles.cleanName("C:\\Users\\x\\SOP.pdf")).isEqualTo("SOP.pdf");
		assertThat(DocumentFiles.cleanName("a/b/\"quoted\"\n.pdf")).isEqualTo("quoted.pdf");
		assertThat(DocumentFiles.cleanName(null)).isEqualTo("document");
		assertThat(DocumentFiles.extension("x.Tar.PDF")).isEqualTo("pdf");
	}
}
