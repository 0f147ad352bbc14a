package org.careqms.indicators.spc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every message key the SPC code can refuse a request with is in both SPC bundles (the engine
 * collects its problems before throwing, so the platform's key scan does not see them).
 */
class SpcMessagesTests {

	static final Path SOURCES = Path.of("src/main/java/org/careqms/indicators/spc");
	static final Pattern KEY = Pattern.compile("\"(error\\.spc\\.[\\w.-]+)\"");

	@Test
	void everyKeyTheEngineUsesIsInBothLanguages() throws IOException {
		Set<String> used = new TreeSet<>();
		try (Stream<Path> files = Files.list(SOURCES)) {
			for (Path source : files.filter(p -> p.toString().endsWith(".java")).toList()) {
				Matcher key = KEY.matcher(Files.readString(source));
				while (key.find()) {
					used.add(key.group(1));
				}
			}
		}
		assertThat(used).hasSizeGreaterThan(15);
		assertThat(load("spc.properties").stringPropertyNames()).containsAll(used);
		assertThat(load("spc_en.properties").stringPropertyNames()).containsAll(used);
	}

	private static Properties load(String name) throws IOException {
		var properties = new Properties();
		try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/messages", name),
				StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}
}
