package org.careqms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every script, stylesheet and image a template refers to is served (a wrong webjar path fails here). */
@CareQmsTest
class StaticAssetsTests {

	static final Pattern ASSET = Pattern.compile("th:(?:src|href)=\"@\\{(/(?:webjars|js|css|img)/[^}\"(]+)\\}\"");

	@LocalServerPort
	int port;

	@Test
	void everyReferencedAssetIsServed() throws IOException {
		Set<String> assets = new TreeSet<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
			for (Path template : files.filter(p -> p.toString().endsWith(".html")).toList()) {
				Matcher matcher = ASSET.matcher(Files.readString(template));
				while (matcher.find()) {
					assets.add(matcher.group(1));
				}
			}
		}
		assertThat(assets).contains("/webjars/echarts/echarts.min.js", "/js/app.js");
		var api = new Api(port);
		for (String asset : assets) {
			assertThat(api.get(asset, null).status()).as(asset).isEqualTo(200);
		}
	}
}
