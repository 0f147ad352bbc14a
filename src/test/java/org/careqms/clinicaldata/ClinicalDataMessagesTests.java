package org.careqms.clinicaldata;

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
 * Row problems, warnings and refusals are message keys rendered later, in the reader's language:
 * every key the module's code names exists in its bundle, and so does every refusal's key.
 */
class ClinicalDataMessagesTests {

	static final Path SOURCES = Path.of("src/main/java/org/careqms/clinicaldata");
	static final Pattern KEY = Pattern.compile("\"(clinicaldata\\.[\\w-]+\\.[\\w.-]*[\\w-])\"");
	static final Pattern REFUSAL = Pattern.compile("new UnreadableFileException\\(\"([\\w-]+)\"");

	static Properties bundle(String name) throws IOException {
		var properties = new Properties();
		try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/messages", name),
				StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

	@Test
	void everyKeyTheModuleUsesIsInItsBundle() throws IOException {
		Set<String> keys = bundle("clinicaldata.properties").stringPropertyNames();
		Set<String> missing = new TreeSet<>();
		int found = 0;
		try (Stream<Path> files = Files.list(SOURCES)) {
			for (Path source : files.filter(p -> p.toString().endsWith(".java")).toList()) {
				String java = Files.readString(source);
				Matcher key = KEY.matcher(java);
				while (key.find()) {
					found++;
					if (!keys.contains(key.group(1))) {
						missing.add(source.getFileName() + ": " + key.group(1));
					}
				}
				Matcher refusal = REFUSAL.matcher(java);
				while (refusal.find()) {
					found++;
					if (!keys.contains("clinicaldata.unreadable." + refusal.group(1))) {
						missing.add(source.getFileName() + ": clinicaldata.unreadable." + refusal.group(1));
					}
				}
			}
		}
		assertThat(found).isGreaterThan(20);
		assertThat(missing).isEmpty();
		assertThat(keys).contains("clinicaldata.status.SUCCEEDED", "clinicaldata.status.FAILED");
	}
}
