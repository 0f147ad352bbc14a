package org.careqms.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

/** The type of a file is what its bytes say; cleaned files keep the picture and lose who made it. */
class AttachmentFilesTests {

	@Test
	void theTypeIsDecidedByTheContentNotTheName() throws Exception {
		assertThat(AttachmentFiles.detect(SampleFiles.image("jpg"))).isEqualTo(AttachmentFiles.Kind.JPEG);
		assertThat(AttachmentFiles.detect(SampleFiles.image("png"))).isEqualTo(AttachmentFiles.Kind.PNG);
		assertThat(AttachmentFiles.detect(SampleFiles.pdf())).isEqualTo(AttachmentFiles.Kind.PDF);
		assertThat(AttachmentFiles.detect(SampleFiles.authoredDocx())).isEqualTo(AttachmentFiles.Kind.DOCX);
		byte[] heic = new byte[32];
		System.arraycopy("\0\0\0\u0018ftypheic".getBytes(StandardCharsets.ISO_8859_1), 0, heic, 0, 12);
		assertThat(AttachmentFiles.detect(heic)).isEqualTo(AttachmentFiles.Kind.HEIC);
		for (String refused : new String[] { "<html><script>alert(1)</script></html>", "GIF89a......",
				"MZ\u0090\0 an executable", "#!/bin/sh\nrm -rf /", "" }) {
			assertThatThrownBy(() -> AttachmentFiles.detect(refused.getBytes(StandardCharsets.ISO_8859_1)))
				.isInstanceOf(AttachmentFiles.Refused.class);
		}
		// a ZIP that is not an Office document, and a macro-enabled one
		assertThatThrownBy(() -> AttachmentFiles.detect(zip("readme.txt"))).isInstanceOf(AttachmentFiles.Refused.class);
		assertThatThrownBy(() -> AttachmentFiles.detect(zip("[Content_Types].xml", "word/document.xml",
				"word/vbaProject.bin"))).isInstanceOf(AttachmentFiles.Refused.class);
	}

	@Test
	void aPhoneJpegLosesCameraGpsAndCommentsButKeepsItsOrientation() throws Exception {
		byte[] photo = SampleFiles.phoneJpeg();
		assertThat(SampleFiles.contains(photo, SampleFiles.DEVICE)).isTrue();
		byte[] cleaned = AttachmentFiles.withoutMetadata(AttachmentFiles.Kind.JPEG, photo);
		assertThat(SampleFiles.contains(cleaned, SampleFiles.DEVICE)).isFalse();
		assertThat(SampleFiles.contains(cleaned, SampleFiles.GPS_COMMENT)).isFalse();
		var image = ImageIO.read(new ByteArrayInputStream(cleaned));
		assertThat(image.getWidth()).isEqualTo(16);
		// the minimal EXIF written back holds orientation 6 and nothing else
		String text = new String(cleaned, StandardCharsets.ISO_8859_1);
		int exif = text.indexOf("Exif\0\0");
		assertThat(exif).isPositive();
		var tiff = ByteBuffer.wrap(cleaned, exif + 6, 26).order(ByteOrder.BIG_ENDIAN);
		assertThat(tiff.getShort(exif + 6 + 8)).isEqualTo((short) 1);
		assertThat(tiff.getShort(exif + 6 + 10)).isEqualTo((short) 0x0112);
		assertThat(tiff.getShort(exif + 6 + 18)).isEqualTo((short) 6);
	}

	@Test
	void aPngLosesItsTextChunks() throws Exception {
		byte[] png = SampleFiles.authoredPng();
		assertThat(SampleFiles.contains(png, "Zhang San")).isTrue();
		byte[] cleaned = AttachmentFiles.withoutMetadata(AttachmentFiles.Kind.PNG, png);
		assertThat(SampleFiles.contains(cleaned, "Zhang San")).isFalse();
		assertThat(ImageIO.read(new ByteArrayInputStream(cleaned)).getHeight()).isEqualTo(12);
	}

	@Test
	void aWebpLosesItsExifAndXmpChunksAndTheirFlags() throws Exception {
		byte[] vp8x = new byte[10];
		vp8x[0] = 0x0C; // EXIF and XMP announced
		byte[] webp = riff(chunk("VP8X", vp8x), chunk("VP8L", new byte[] { 0x2F, 0, 0, 0, 0 }),
				chunk("EXIF", ("MM\0*" + SampleFiles.DEVICE).getBytes(StandardCharsets.ISO_8859_1)),
				chunk("XMP ", "<x:xmpmeta>Zhang San</x:xmpmeta>".getBytes(StandardCharsets.ISO_8859_1)));
		assertThat(AttachmentFiles.detect(webp)).isEqualTo(AttachmentFiles.Kind.WEBP);
		byte[] cleaned = AttachmentFiles.withoutMetadata(AttachmentFiles.Kind.WEBP, webp);
		assertThat(SampleFiles.contains(cleaned, SampleFiles.DEVICE)).isFalse();
		assertThat(SampleFiles.contains(cleaned, "Zhang San")).isFalse();
		assertThat(cleaned[20] & 0x0C).isZero();
		assertThat(ByteBuffer.wrap(cleaned, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(cleaned.length - 8);
		assertThat(SampleFiles.contains(cleaned, "VP8L")).isTrue();
	}

	@Test
	void officeAndPdfFilesLoseTheirAuthor() throws Exception {
		byte[] docx = AttachmentFiles.withoutMetadata(AttachmentFiles.Kind.DOCX, SampleFiles.authoredDocx());
		try (var document = new XWPFDocument(new ByteArrayInputStream(docx))) {
			assertThat(document.getProperties().getCoreProperties().getCreator()).isNullOrEmpty();
			assertThat(document.getProperties().getExtendedProperties().getCompany()).isNullOrEmpty();
			assertThat(document.getParagraphs().get(0).getText()).isEqualTo("交班记录");
		}
		byte[] pdf = AttachmentFiles.withoutMetadata(AttachmentFiles.Kind.PDF, SampleFiles.pdf());
		assertThat(SampleFiles.contains(pdf, "Zhang San")).isFalse();
		assertThat(AttachmentFiles.detect(pdf)).isEqualTo(AttachmentFiles.Kind.PDF);
	}

	@Test
	void aFileNameKeepsItsBaseButTakesTheRealExtension() {
		assertThat(IncidentAttachments.safeName("C:\\fakepath\\跌倒现场.JPG", AttachmentFiles.Kind.PNG))
			.isEqualTo("跌倒现场.png");
		assertThat(IncidentAttachments.safeName("../../etc/\"x\".html", AttachmentFiles.Kind.PDF)).isEqualTo("_x_.pdf");
		assertThat(IncidentAttachments.safeName(null, AttachmentFiles.Kind.JPEG)).isEqualTo("attachment.jpg");
	}

	private static byte[] chunk(String fourCc, byte[] data) {
		var chunk = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
		chunk.put(fourCc.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
		return chunk.array();
	}

	private static byte[] riff(byte[]... chunks) {
		int size = 4;
		for (byte[] c : chunks) {
			size += c.length;
		}
		var riff = ByteBuffer.allocate(8 + size).order(ByteOrder.LITTLE_ENDIAN);
		riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(size).put("WEBP".getBytes(StandardCharsets.US_ASCII));
		for (byte[] c : chunks) {
			riff.put(c);
		}
		return riff.array();
	}

	private static byte[] zip(String... names) throws Exception {
		var out = new java.io.ByteArrayOutputStream();
		try (var zip = new java.util.zip.ZipOutputStream(out)) {
			for (String name : names) {
				zip.putNextEntry(new java.util.zip.ZipEntry(name));
				zip.write("x".getBytes(StandardCharsets.US_ASCII));
				zip.closeEntry();
			}
		}
		return out.toByteArray();
	}
}
