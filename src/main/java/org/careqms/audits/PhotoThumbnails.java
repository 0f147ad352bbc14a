package org.careqms.audits;

import java.awt.Graphics2D;
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

/**
 * Small JPEG thumbnails of evidence photos for the report PDF, made on the server with {@code javax.imageio}:
 * at most {@link #MAX_WIDTH} × {@link #MAX_HEIGHT} pixels whatever the photo's size. A large photo is
 * read subsampled (a 12-megapixel phone photo never sits in memory at full size), and an image whose
 * header claims more than {@link #MAX_PIXELS} pixels is not decoded at all. WebP has no reader in the JDK:
 * such a photo gets no thumbnail (the report says so).
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
				return Optional.of(jpeg(scale(image)));
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

	static BufferedImage scale(BufferedImage image) {
		double factor = Math.min(1.0, Math.min((double) MAX_WIDTH / image.getWidth(), (double) MAX_HEIGHT / image.getHeight()));
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
