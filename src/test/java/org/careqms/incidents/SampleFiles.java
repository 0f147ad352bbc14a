package org.careqms.incidents;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Files as phones and office software make them, with the metadata that must not survive an anonymous report. */
final class SampleFiles {

	static final String DEVICE = "SecretPhone X1";
	static final String GPS_COMMENT = "GPS 31.2304N 121.4737E";
	static final String AUTHOR = "Zhang San 张三";

	private SampleFiles() {
	}

	static byte[] image(String format) {
		var image = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
		var g = image.createGraphics();
		g.setColor(Color.ORANGE);
		g.fillRect(0, 0, 16, 12);
		g.dispose();
		var out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, format, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/** A JPEG with an EXIF block naming the camera (orientation 6: taken upright on a phone) and a GPS comment. */
	static byte[] phoneJpeg() {
		byte[] plain = image("jpg");
		byte[] make = (DEVICE + "\0").getBytes(StandardCharsets.US_ASCII);
		var tiff = ByteBuffer.allocate(38 + make.length);
		tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
		tiff.putShort((short) 2);
		tiff.putShort((short) 0x010F).putShort((short) 2).putInt(make.length).putInt(38);
		tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0);
		tiff.putInt(0);
		tiff.put(make);
		byte[] exif = tiff.array();
		var out = new ByteArrayOutputStream();
		out.write(plain, 0, 2);
		segment(out, 0xE1, concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), exif));
		segment(out, 0xFE, GPS_COMMENT.getBytes(StandardCharsets.US_ASCII));
		out.write(plain, 2, plain.length - 2);
		return out.toByteArray();
	}

	/** A PNG with a text chunk naming its author. */
	static byte[] authoredPng() {
		byte[] plain = image("png");
		int iend = plain.length - 12;
		var out = new ByteArrayOutputStream();
		out.write(plain, 0, iend);
		byte[] data = ("Author\0" + AUTHOR).getBytes(StandardCharsets.ISO_8859_1);
		byte[] type = "tEXt".getBytes(StandardCharsets.US_ASCII);
		out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		out.writeBytes(type);
		out.writeBytes(data);
		var crc = new CRC32();
		crc.update(type);
		crc.update(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
		out.write(plain, iend, 12);
		return out.toByteArray();
	}

	/** A Word document whose properties name its author. */
	static byte[] authoredDocx() {
		try (var document = new XWPFDocument(); var out = new ByteArrayOutputStream()) {
			document.createParagraph().createRun().setText("交班记录");
			document.getProperties().getCoreProperties().setCreator(AUTHOR);
			document.getProperties().getExtendedProperties().getUnderlyingProperties().setCompany("Ward 3 of " + AUTHOR);
			document.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] pdf() {
		return ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
				+ "3 0 obj<</Author(" + "Zhang San" + ")>>endobj\ntrailer<</Root 1 0 R/Info 3 0 R>>\n%%EOF\n")
			.getBytes(StandardCharsets.ISO_8859_1);
	}

	static boolean contains(byte[] haystack, String needle) {
		return new String(haystack, StandardCharsets.ISO_8859_1)
			.contains(new String(needle.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
	}

	private static void segment(ByteArrayOutputStream out, int marker, byte[] data) {
		out.write(0xFF);
		out.write(marker);
		out.write((data.length + 2) >> 8);
		out.write((data.length + 2) & 0xFF);
		out.writeBytes(data);
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] all = new byte[a.length + b.length];
		System.arraycopy(a, 0, all, 0, a.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}
}
