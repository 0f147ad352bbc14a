package org.careqms.audits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.careqms.standards.ChecklistItem;
import org.careqms.standards.ChecklistTemplates;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** Evidence photos queued on a phone and uploaded again: stored once per phone id; thumbnails in the report. */
@CareQmsTest
class EvidencePhotoTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ChecklistTemplates templates;

	UserDetails as(String username) {
		return users.loadUserByUsername(username);
	}

	UUID id(String sql) {
		return jdbc.sql(sql).query(UUID.class).single();
	}

	UUID inspection() throws Exception {
		long version = templates.published(id("select id from hospital where code = 'H0001'")).stream()
			.filter(t -> t.code().equals("CL-CORE")).findFirst().orElseThrow().versionId();
		var result = mvc.perform(post("/audits/plans").param("title", "照片检查" + System.nanoTime())
			.param("auditType", "ROUTINE").param("templateVersionId", String.valueOf(version))
			.param("departmentIds", id("select id from department where code = '0301'").toString())
			.param("auditorIds", id("select id from app_user where username = 'qc.ortho'").toString())
			.param("schedule", "ONCE").param("plannedOn", LocalDate.now().toString())
			.with(user(as("quality"))).with(csrf()))
			.andExpect(status().is3xxRedirection()).andReturn();
		UUID plan = UUID.fromString(result.getResponse().getRedirectedUrl().replace("/audits/plans/", ""));
		return jdbc.sql("select id from inspection where plan_id = :plan").param("plan", plan).query(UUID.class).single();
	}

	long firstItem() {
		long version = templates.published(id("select id from hospital where code = 'H0001'")).stream()
			.filter(t -> t.code().equals("CL-CORE")).findFirst().orElseThrow().versionId();
		return templates.version(id("select id from hospital where code = 'H0001'"), version).orElseThrow().items()
			.findFirst().map(ChecklistItem::id).orElseThrow();
	}

	static byte[] jpeg(int width, int height) throws Exception {
		var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.ORANGE);
		g.fillRect(0, 0, width, height);
		g.setColor(Color.BLUE);
		g.fillOval(width / 4, height / 4, width / 2, height / 2);
		g.dispose();
		var out = new ByteArrayOutputStream();
		ImageIO.write(image, "jpeg", out);
		return out.toByteArray();
	}

	int photos(UUID inspection) {
		return jdbc.sql("select count(*) from inspection_photo where inspection_id = :id").param("id", inspection)
			.query(Integer.class).single();
	}

	String upload(UUID inspection, long item, byte[] content, String clientId) throws Exception {
		var request = multipart("/audits/inspections/" + inspection + "/photos")
			.file(new MockMultipartFile("photo", "ward.jpg", "image/jpeg", content))
			.param("itemId", String.valueOf(item));
		if (clientId != null) {
			request.param("clientId", clientId);
		}
		return mvc.perform(request.header("HX-Request", "true").with(user(as("qc.ortho"))).with(csrf()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	@Test
	void aPhotoUploadedAgainWithTheSameIdFromThePhoneIsStoredOnce() throws Exception {
		UUID inspection = inspection();
		long item = firstItem();
		byte[] photo = jpeg(64, 48);
		String first = upload(inspection, item, photo, "a1b2c3d4e5f60718293a4b5c6d7e8f90");
		assertThat(first).contains("evidence-thumb", "photo-queue");
		// the answer was lost and the phone sends it again: nothing new, the same card
		String again = upload(inspection, item, photo, "a1b2c3d4e5f60718293a4b5c6d7e8f90");
		assertThat(again).contains("evidence-thumb");
		assertThat(photos(inspection)).isEqualTo(1);
		int audited = jdbc.sql("select count(*) from audit_entry where entity_type = 'InspectionPhoto' and summary like :ref")
			.param("ref", "%").query(Integer.class).single();
		assertThat(audited).isPositive();
		// another photo of the phone, and a photo taken online (without id), are each stored
		upload(inspection, item, photo, "ffffeeee0000111122223333");
		upload(inspection, item, photo, null);
		upload(inspection, item, photo, null);
		assertThat(photos(inspection)).isEqualTo(4);
		// a malformed id is refused in place, nothing stored
		String refused = upload(inspection, item, photo, "../../etc");
		assertThat(refused).contains("照片标识无效");
		assertThat(photos(inspection)).isEqualTo(4);
		// the same id in another inspection is another photo
		UUID other = inspection();
		upload(other, item, photo, "a1b2c3d4e5f60718293a4b5c6d7e8f90");
		assertThat(photos(other)).isEqualTo(1);
	}

	@Test
	void theReportShowsScaledDownThumbnailsUnderTheirItem() throws Exception {
		UUID inspection = inspection();
		long item = firstItem();
		upload(inspection, item, jpeg(2000, 1500), null);
		upload(inspection, item, jpeg(300, 900), null);
		// a PNG the JDK cannot decode is counted, not drawn
		byte[] broken = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0 };
		mvc.perform(multipart("/audits/inspections/" + inspection + "/photos")
			.file(new MockMultipartFile("photo", "x.png", "image/png", broken)).param("itemId", String.valueOf(item))
			.with(user(as("qc.ortho"))).with(csrf())).andExpect(status().isOk());
		byte[] pdf = mvc.perform(get("/audits/inspections/" + inspection + "/report.pdf").with(user(as("quality")))
			.header("Accept-Language", "zh-CN")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsByteArray();
		List<int[]> sizes = new ArrayList<>();
		try (var document = Loader.loadPDF(pdf)) {
			for (var page : document.getPages()) {
				for (var name : page.getResources().getXObjectNames()) {
					if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
						sizes.add(new int[] { image.getWidth(), image.getHeight() });
					}
				}
			}
			assertThat(new PDFTextStripper().getText(document)).contains("另有 1 张照片无法在报");
		}
		assertThat(sizes).hasSize(2);
		assertThat(sizes).allSatisfy(size -> {
			assertThat(size[0]).isLessThanOrEqualTo(PhotoThumbnails.MAX_WIDTH);
			assertThat(size[1]).isLessThanOrEqualTo(PhotoThumbnails.MAX_HEIGHT);
		});
		assertThat(sizes).anySatisfy(size -> assertThat(size).containsExactly(240, 180));
		assertThat(sizes).anySatisfy(size -> assertThat(size).containsExactly(60, 180));
		// the PDF holds thumbnails, not the 2000 × 1500 original
		assertThat(pdf.length).isLessThan(400_000);
	}

	@Test
	void thumbnailsKeepTheirProportionsAndRefuseWhatIsNotAnImage() throws Exception {
		var thumbnail = ImageIO.read(new ByteArrayInputStream(PhotoThumbnails.thumbnail(jpeg(4000, 3000)).orElseThrow()));
		assertThat(thumbnail.getWidth()).isEqualTo(240);
		assertThat(thumbnail.getHeight()).isEqualTo(180);
		var small = ImageIO.read(new ByteArrayInputStream(PhotoThumbnails.thumbnail(jpeg(100, 50)).orElseThrow()));
		assertThat(small.getWidth()).as("a small photo is not blown up").isEqualTo(100);
		assertThat(PhotoThumbnails.thumbnail("<svg/>".getBytes())).isEmpty();
		assertThat(PhotoThumbnails.thumbnail(new byte[0])).isEmpty();
		assertThat(PhotoThumbnails.dataUri(jpeg(10, 10)).orElseThrow()).startsWith("data:image/jpeg;base64,");
	}

	@Test
	void aPhotoStoredSidewaysWithAnExifOrientationStandsUprightInItsThumbnail() throws Exception {
		// 200 × 100 as stored, left half red: EXIF 6 says "turn 90° clockwise to view"
		var image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, 200, 100);
		g.setColor(Color.RED);
		g.fillRect(0, 0, 100, 100);
		g.dispose();
		var out = new ByteArrayOutputStream();
		ImageIO.write(image, "jpeg", out);
		byte[] rotated = withOrientation(out.toByteArray(), 6);
		assertThat(PhotoThumbnails.orientation(rotated)).isEqualTo(6);
		var thumbnail = ImageIO.read(new ByteArrayInputStream(PhotoThumbnails.thumbnail(rotated).orElseThrow()));
		assertThat(thumbnail.getWidth()).isEqualTo(90);
		assertThat(thumbnail.getHeight()).isEqualTo(180);
		// turned clockwise, the stored left half is on top
		assertThat(new Color(thumbnail.getRGB(45, 20)).getRed()).isGreaterThan(200);
		assertThat(new Color(thumbnail.getRGB(45, 20)).getGreen()).isLessThan(60);
		assertThat(new Color(thumbnail.getRGB(45, 160)).getGreen()).isGreaterThan(200);
		// without EXIF it stays as stored
		assertThat(PhotoThumbnails.orientation(out.toByteArray())).isEqualTo(1);
	}

	/** The JPEG with an EXIF APP1 segment right after its start that holds only the orientation. */
	static byte[] withOrientation(byte[] jpeg, int orientation) {
		byte[] tiff = { 'M', 'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, first IFD at 8
				0, 1, // one entry
				0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // orientation, SHORT, 1 value
				0, 0, 0, 0 }; // no next IFD
		byte[] exif = new byte[6 + tiff.length];
		System.arraycopy(new byte[] { 'E', 'x', 'i', 'f', 0, 0 }, 0, exif, 0, 6);
		System.arraycopy(tiff, 0, exif, 6, tiff.length);
		int length = exif.length + 2;
		var out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2); // SOI
		out.write(0xFF);
		out.write(0xE1);
		out.write(length >> 8);
		out.write(length & 0xFF);
		out.write(exif, 0, exif.length);
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}
}
