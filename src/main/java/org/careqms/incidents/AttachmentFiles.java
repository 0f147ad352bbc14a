package org.careqms.incidents;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.openxml4j.opc.OPCPackage;

/**
 * What an uploaded file really is, decided by its first bytes (never by its name or the browser's
 * content type), and the same file without the metadata that could identify who took or wrote it.
 * Images are cleaned losslessly, segment by segment: re-encoding would lose quality, and no image
 * library on the JVM rewrites JPEG, PNG and WebP alike.
 */
final class AttachmentFiles {

	/** The kinds of file an adverse-event report accepts. */
	enum Kind {
		JPEG("image/jpeg", "jpg", true), PNG("image/png", "png", true), WEBP("image/webp", "webp", true),
		HEIC("image/heic", "heic", false), PDF("application/pdf", "pdf", false),
		DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", false),
		XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", false);

		final String mediaType;
		final String extension;
		/** Browsers show these inline; everything else is only ever downloaded. */
		final boolean inline;

		Kind(String mediaType, String extension, boolean inline) {
			this.mediaType = mediaType;
			this.extension = extension;
			this.inline = inline;
		}

		static Optional<Kind> ofMediaType(String mediaType) {
			return Arrays.stream(values()).filter(k -> k.mediaType.equals(mediaType)).findFirst();
		}
	}

	/** A file that is none of the accepted kinds, or cannot be read as the kind it claims. */
	static final class Refused extends Exception {

		final String reason;

		Refused(String reason) {
			super(reason, null, false, false);
			this.reason = reason;
		}
	}

	private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1",
			"msf1");

	private AttachmentFiles() {
	}

	static Kind detect(byte[] content) throws Refused {
		if (startsWith(content, 0, 0xFF, 0xD8, 0xFF)) {
			return Kind.JPEG;
		}
		if (startsWith(content, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
			return Kind.PNG;
		}
		if (startsWith(content, 0, 'R', 'I', 'F', 'F') && startsWith(content, 8, 'W', 'E', 'B', 'P')) {
			return Kind.WEBP;
		}
		if (content.length >= 12 && startsWith(content, 4, 'f', 't', 'y', 'p')
				&& HEIF_BRANDS.contains(new String(content, 8, 4, StandardCharsets.ISO_8859_1))) {
			return Kind.HEIC;
		}
		if (startsWith(content, 0, '%', 'P', 'D', 'F', '-')) {
			return Kind.PDF;
		}
		if (startsWith(content, 0, 'P', 'K', 3, 4)) {
			return office(content);
		}
		throw new Refused("type");
	}

	/** A ZIP is accepted only as a Word document or Excel workbook without macros. */
	private static Kind office(byte[] content) throws Refused {
		Set<String> names = new HashSet<>();
		try (var zip = new ZipInputStream(new ByteArrayInputStream(content))) {
			ZipEntry entry;
			while ((entry = zip.getNextEntry()) != null) {
				if (names.size() > 10_000) {
					throw new Refused("type");
				}
				names.add(entry.getName());
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new Refused("unreadable");
		}
		if (!names.contains("[Content_Types].xml")
				|| names.stream().anyMatch(n -> n.toLowerCase(java.util.Locale.ROOT).endsWith("vbaproject.bin"))) {
			throw new Refused("type");
		}
		if (names.contains("word/document.xml")) {
			return Kind.DOCX;
		}
		if (names.contains("xl/workbook.xml")) {
			return Kind.XLSX;
		}
		throw new Refused("type");
	}

	/**
	 * The file without what could identify its author or device: EXIF (GPS, camera, serial, time),
	 * XMP, IPTC and comments of images (a JPEG keeps only its orientation, so the photo stands the
	 * right way up); author, company and editing history of Word and Excel files; the document
	 * information and XMP of PDFs. HEIC cannot be cleaned here and is refused where it matters.
	 */
	static byte[] withoutMetadata(Kind kind, byte[] content) throws Refused {
		try {
			return switch (kind) {
				case JPEG -> jpeg(content);
				case PNG -> png(content);
				case WEBP -> webp(content);
				case DOCX, XLSX -> office(content, kind);
				case PDF -> pdf(content);
				case HEIC -> throw new Refused("heic-anonymous");
			};
		}
		catch (IOException | RuntimeException ex) {
			throw new Refused("unreadable");
		}
	}

	// JPEG: keep the image data and what decoding needs (JFIF, ICC colour profile, Adobe colour
	// transform); drop APP1 (EXIF/XMP), APP13 (IPTC), other application segments and comments.
	private static byte[] jpeg(byte[] in) throws Refused {
		var out = new ByteArrayOutputStream(in.length);
		out.write(0xFF);
		out.write(0xD8);
		int orientation = 1;
		boolean orientationWritten = false;
		int pos = 2;
		while (true) {
			if (pos + 4 > in.length || (in[pos] & 0xFF) != 0xFF) {
				throw new Refused("unreadable");
			}
			int marker = in[pos + 1] & 0xFF;
			if (marker == 0xFF) { // fill byte
				pos++;
				continue;
			}
			if (marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
				out.write(in, pos, 2);
				pos += 2;
				continue;
			}
			int length = ((in[pos + 2] & 0xFF) << 8) | (in[pos + 3] & 0xFF);
			if (length < 2 || pos + 2 + length > in.length) {
				throw new Refused("unreadable");
			}
			boolean app = marker >= 0xE0 && marker <= 0xEF;
			if (marker == 0xE1 && startsWith(in, pos + 4, 'E', 'x', 'i', 'f', 0, 0)) {
				orientation = orientation(in, pos + 10, pos + 2 + length);
			}
			boolean keep = !app && marker != 0xFE || marker == 0xE0 && startsWith(in, pos + 4, 'J', 'F', 'I', 'F', 0)
					|| marker == 0xE2 && startsWith(in, pos + 4, 'I', 'C', 'C', '_', 'P', 'R', 'O', 'F', 'I', 'L', 'E', 0)
					|| marker == 0xEE && startsWith(in, pos + 4, 'A', 'd', 'o', 'b', 'e');
			if (!app && !orientationWritten) {
				// the first non-application segment: the place for a minimal EXIF with the orientation
				if (orientation != 1) {
					out.writeBytes(orientationSegment(orientation));
				}
				orientationWritten = true;
			}
			if (keep) {
				out.write(in, pos, 2 + length);
			}
			pos += 2 + length;
			if (marker == 0xDA) { // start of scan: the compressed image follows, copied as it is
				out.write(in, pos, in.length - pos);
				return out.toByteArray();
			}
		}
	}

	/** Reads tag 0x0112 (orientation) of IFD0 of an EXIF TIFF structure; 1 when absent or odd. */
	private static int orientation(byte[] in, int tiff, int end) {
		try {
			ByteOrder order = in[tiff] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
			var buffer = ByteBuffer.wrap(in, 0, end).order(order);
			int ifd = tiff + buffer.getInt(tiff + 4);
			int entries = buffer.getShort(ifd) & 0xFFFF;
			for (int i = 0; i < entries && i < 500; i++) {
				int entry = ifd + 2 + i * 12;
				if ((buffer.getShort(entry) & 0xFFFF) == 0x0112) {
					int value = buffer.getShort(entry + 8) & 0xFFFF;
					return value >= 1 && value <= 8 ? value : 1;
				}
			}
		}
		catch (IndexOutOfBoundsException ex) {
			// a damaged EXIF block: the photo keeps its default orientation
		}
		return 1;
	}

	private static byte[] orientationSegment(int orientation) {
		var segment = ByteBuffer.allocate(36).order(ByteOrder.BIG_ENDIAN);
		segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) 34);
		segment.put("Exif".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0);
		segment.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8); // TIFF header, IFD0 at 8
		segment.putShort((short) 1); // one entry
		segment.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
		segment.putInt(0); // no next IFD
		return segment.array();
	}

	/** PNG chunks kept: the image and how to render it; text, EXIF and time chunks are dropped. */
	private static final Set<String> PNG_KEEP = Set.of("IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM",
			"sRGB", "iCCP", "sBIT", "bKGD", "pHYs", "hIST", "sPLT", "acTL", "fcTL", "fdAT", "cICP", "mDCV", "cLLI");

	private static byte[] png(byte[] in) throws Refused {
		var out = new ByteArrayOutputStream(in.length);
		out.write(in, 0, 8);
		int pos = 8;
		while (pos + 12 <= in.length) {
			int length = ByteBuffer.wrap(in, pos, 4).getInt();
			if (length < 0 || pos + 12L + length > in.length) {
				throw new Refused("unreadable");
			}
			String type = new String(in, pos + 4, 4, StandardCharsets.ISO_8859_1);
			if (PNG_KEEP.contains(type)) {
				out.write(in, pos, 12 + length);
			}
			pos += 12 + length;
			if (type.equals("IEND")) {
				return out.toByteArray();
			}
		}
		throw new Refused("unreadable");
	}

	/** WebP: the EXIF and XMP chunks go, and the extended header no longer announces them. */
	private static byte[] webp(byte[] in) throws Refused {
		var body = new ByteArrayOutputStream(in.length);
		int pos = 12;
		int end = Math.min(in.length, 8 + (int) Math.min(Integer.MAX_VALUE - 8L,
				ByteBuffer.wrap(in, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL));
		while (pos + 8 <= end) {
			String fourCc = new String(in, pos, 4, StandardCharsets.ISO_8859_1);
			long size = ByteBuffer.wrap(in, pos + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
			long padded = size + (size & 1);
			if (pos + 8 + size > in.length) {
				throw new Refused("unreadable");
			}
			if (!fourCc.equals("EXIF") && !fourCc.equals("XMP ")) {
				int start = body.size();
				body.write(in, pos, (int) Math.min(8 + padded, in.length - pos));
				if (fourCc.equals("VP8X")) {
					byte[] written = body.toByteArray();
					written[start + 8] &= (byte) ~0x0C; // clear the EXIF and XMP flags
					body.reset();
					body.write(written, 0, written.length);
				}
			}
			pos += 8 + (int) padded;
		}
		byte[] chunks = body.toByteArray();
		var out = ByteBuffer.allocate(12 + chunks.length).order(ByteOrder.LITTLE_ENDIAN);
		out.put(in, 0, 4).putInt(4 + chunks.length).put(in, 8, 4).put(chunks);
		return out.array();
	}

	private static byte[] office(byte[] in, Kind kind) throws IOException {
		try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(in))) {
			var properties = new POIXMLProperties(pkg);
			var core = properties.getCoreProperties();
			core.setCreator("");
			core.setLastModifiedByUser("");
			core.setDescription("");
			core.setKeywords("");
			var extended = properties.getExtendedProperties().getUnderlyingProperties();
			if (extended.isSetCompany()) {
				extended.unsetCompany();
			}
			if (extended.isSetManager()) {
				extended.unsetManager();
			}
			if (extended.isSetTemplate()) {
				extended.unsetTemplate();
			}
			var custom = properties.getCustomProperties().getUnderlyingProperties();
			while (custom.sizeOfPropertyArray() > 0) {
				custom.removeProperty(0);
			}
			properties.commit();
			var out = new ByteArrayOutputStream(in.length);
			pkg.save(out);
			return out.toByteArray();
		}
		catch (org.apache.poi.openxml4j.exceptions.OpenXML4JException | org.apache.xmlbeans.XmlException ex) {
			throw new IOException(ex);
		}
	}

	private static byte[] pdf(byte[] in) throws IOException {
		try (PDDocument document = Loader.loadPDF(in)) {
			document.setDocumentInformation(new PDDocumentInformation());
			document.getDocumentCatalog().setMetadata(null);
			var out = new ByteArrayOutputStream(in.length);
			document.save(out);
			return out.toByteArray();
		}
	}

	private static boolean startsWith(byte[] content, int offset, int... expected) {
		if (content.length < offset + expected.length) {
			return false;
		}
		for (int i = 0; i < expected.length; i++) {
			if ((content[offset + i] & 0xFF) != (expected[i] & 0xFF)) {
				return false;
			}
		}
		return true;
	}
}
