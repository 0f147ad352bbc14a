package org.careqms.audits;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.ExifIFD0Directory;

/**
 * Small JPEG thumbnails of evidence photos for the report PDF, made on the server with {@code javax.imageio}:
 * at most {@link #MAX_WIDTH} × {@link #MAX_HEIGHT} pixels whatever the photo's size. A large photo is
 * read subsampled (a 12-megapixel phone photo never sits in memory at full size), and an image whose
 * header claims more than {@link #MAX_PIXELS} pixels is not decoded at all. A phone photo stored sideways with
 * an EXIF orientation (read with metadata-extractor) is turned upright. WebP has no reader in the JDK: such a
 * photo gets no thumbnail (the report says so).
 */
final class PhotoThumbnails {

	static final int MAX_WIDTH = 240;
	static final int MAX_HEIGHT = 180;
	static final long MAX_PIXELS = 100_000_000L;

	private PhotoThumbnails() {
	}

	/** A data URI of the thumbnail, or empty when the photo cannot be decoded here. */
	static Optional<String> dataUri(byte[] content) {
		return thumbnail(content).map(jpeg -> "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg));
	}

	/** The thumbnail as JPEG bytes, or empty when the photo cannot be decoded here. */
	static Optional<byte[]> thumbnail(byte[] content) {
		if (content == null || content.length == 0) {
			return Optional.empty();
		}
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (in == null || !readers.hasNext()) {
				return Optional.empty();
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
					return Optional.empty();
				}
				ImageReadParam param = reader.getDefaultReadParam();
				// read roughly twice the target size, then scale smoothly
				int step = Math.max(1, Math.min(width / (MAX_WIDTH * 2), height / (MAX_HEIGHT * 2)));
				param.setSourceSubsampling(step, step, 0, 0);
				BufferedImage image = reader.read(0, param);
				int orientation = orientation(content);
				boolean sideways = orientation >= 5 && orientation <= 8;
				// scale into the box as it will stand once turned upright
				BufferedImage scaled = sideways ? scale(image, MAX_HEIGHT, MAX_WIDTH) : scale(image, MAX_WIDTH, MAX_HEIGHT);
				return Optional.of(jpeg(upright(scaled, orientation)));
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			// a photo the JDK cannot decode (a damaged file, a JPEG in CMYK) gets no thumbnail, not a failed report
			return Optional.empty();
		}
	}

	/** The EXIF orientation (1 to 8; 1 when there is none or it cannot be read). */
	static int orientation(byte[] content) {
		try {
			var directory = ImageMetadataReader.readMetadata(new ByteArrayInputStream(content))
				.getFirstDirectoryOfType(ExifIFD0Directory.class);
			if (directory != null && directory.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
				int orientation = directory.getInt(ExifIFD0Directory.TAG_ORIENTATION);
				return orientation >= 1 && orientation <= 8 ? orientation : 1;
			}
		}
		catch (Exception ex) {
			// no readable EXIF: as stored
		}
		return 1;
	}

	/** Turns an image as its EXIF orientation says (2–8: mirrored and/or rotated). */
	static BufferedImage upright(BufferedImage image, int orientation) {
		if (orientation <= 1 || orientation > 8) {
			return image;
		}
		int w = image.getWidth();
		int h = image.getHeight();
		// (x, y) of the stored image to where it stands upright; AffineTransform(m00, m10, m01, m11, m02, m12)
		AffineTransform turn = switch (orientation) {
			case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
			case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
			case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
			case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
			case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
			case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
			default -> new AffineTransform(0, -1, 1, 0, 0, w);
		};
		boolean sideways = orientation >= 5;
		BufferedImage turned = new BufferedImage(sideways ? h : w, sideways ? w : h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = turned.createGraphics();
		try {
			g.drawImage(image, turn, null);
		}
		finally {
			g.dispose();
		}
		return turned;
	}

	static BufferedImage scale(BufferedImage image, int maxWidth, int maxHeight) {
		double factor = Math.min(1.0, Math.min((double) maxWidth / image.getWidth(), (double) maxHeight / image.getHeight()));
		int width = Math.max(1, (int) Math.round(image.getWidth() * factor));
		int height = Math.max(1, (int) Math.round(image.getHeight() * factor));
		BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = scaled.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			// transparent PNG areas become white, not black
			g.setColor(java.awt.Color.WHITE);
			g.fillRect(0, 0, width, height);
			g.drawImage(image, 0, 0, width, height, null);
		}
		finally {
			g.dispose();
		}
		return scaled;
	}

	private static byte[] jpeg(BufferedImage image) throws IOException {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		var out = new ByteArrayOutputStream();
		try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
			writer.setOutput(stream);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(0.8f);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}
}
