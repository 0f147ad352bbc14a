package org.careqms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * Every visible text comes from the message bundles, complete in zh-CN and en: fails on a key missing
 * from a locale, on literal text in a template, and on a key used in a template or in code that no
 * bundle defines.
 */
class MessageBundleTests {

	static final Path MESSAGES = Path.of("src/main/resources/messages");
	static final Path TEMPLATES = Path.of("src/main/resources/templates");
	static final Path SOURCES = Path.of("src/main/java");

	static final Set<String> ALL_KEYS = new HashSet<>();

	@BeforeAll
	static void loadKeys() throws IOException {
		for (Path bundle : bundles()) {
			ALL_KEYS.addAll(load(bundle).stringPropertyNames());
		}
	}

	static List<Path> bundles() throws IOException {
		try (Stream<Path> files = Files.list(MESSAGES)) {
			return files.filter(p -> p.toString().endsWith(".properties") && !p.getFileName().toString().contains("_"))
				.sorted()
				.toList();
		}
	}

	static Properties load(Path file) throws IOException {
		var properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

	static List<Path> templates() throws IOException {
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			return files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
		}
	}

	@Test
	void chineseAndEnglishBundlesHaveTheSameKeysAndNoEmptyTexts() throws IOException {
		assertThat(bundles()).isNotEmpty();
		for (Path chinese : bundles()) {
			Path english = chinese.resolveSibling(chinese.getFileName().toString().replace(".properties", "_en.properties"));
			assertThat(english).as("English bundle beside " + chinese).exists();
			Properties zh = load(chinese);
			Properties en = load(english);
			assertThat(new TreeSet<>(en.stringPropertyNames())).as(english.toString())
				.isEqualTo(new TreeSet<>(zh.stringPropertyNames()));
			zh.forEach((key, value) -> assertThat(value.toString()).as(chinese + " " + key).isNotBlank());
			en.forEach((key, value) -> assertThat(value.toString()).as(english + " " + key).isNotBlank());
		}
	}

	static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
	static final Pattern SCRIPT_OR_STYLE = Pattern.compile("<(script|style)\\b.*?</\\1>", Pattern.DOTALL);
	static final Pattern TEXT_NODE = Pattern.compile(">([^<>]*)<");
	static final Pattern LITERAL_ATTRIBUTE = Pattern
		.compile("(?<![:\\w-])(placeholder|title|alt|aria-label|label)=\"([^\"]*)\"");
	static final Pattern LETTER = Pattern.compile("\\p{L}");

	@Test
	void templatesContainNoLiteralText() throws IOException {
		List<String> literals = new ArrayList<>();
		for (Path template : templates()) {
			String html = SCRIPT_OR_STYLE.matcher(COMMENT.matcher(Files.readString(template)).replaceAll(""))
				.replaceAll("");
			Matcher text = TEXT_NODE.matcher(html);
			while (text.find()) {
				String content = text.group(1).trim();
				if (LETTER.matcher(content).find()) {
					literals.add(template + ": text '" + content + "'");
				}
			}
			Matcher attribute = LITERAL_ATTRIBUTE.matcher(html);
			while (attribute.find()) {
				if (LETTER.matcher(attribute.group(2)).find()) {
					literals.add(template + ": " + attribute.group(1) + "='" + attribute.group(2) + "'");
				}
			}
		}
		assertThat(literals).isEmpty();
	}

	static final Pattern STATIC_KEY = Pattern.compile("#\\{([A-Za-z][\\w.-]*)");
	static final Pattern ENUM_LABEL = Pattern.compile("'([A-Z][A-Za-z]+)\\.'\\s*\\+");

	@Test
	void everyKeyATemplateUsesExists() throws IOException {
		Set<String> missing = new TreeSet<>();
		Set<String> enums = new TreeSet<>();
		for (Path template : templates()) {
			String html = Files.readString(template);
			Matcher key = STATIC_KEY.matcher(html);
			while (key.find()) {
				if (!ALL_KEYS.contains(key.group(1))) {
					missing.add(template.getFileName() + ": " + key.group(1));
				}
			}
			Matcher label = ENUM_LABEL.matcher(html);
			while (label.find()) {
				enums.add(label.group(1));
			}
		}
		assertThat(missing).isEmpty();
		assertThat(enums).isNotEmpty();
		var scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isIndependent();
			}
		};
		scanner.addIncludeFilter(new AssignableTypeFilter(Enum.class));
		Set<String> found = new TreeSet<>();
		for (var definition : scanner.findCandidateComponents("org.careqms")) {
			try {
				Class<?> type = Class.forName(definition.getBeanClassName());
				if (type.isEnum() && enums.contains(type.getSimpleName())) {
					found.add(type.getSimpleName());
					for (Object constant : type.getEnumConstants()) {
						String labelKey = type.getSimpleName() + "." + ((Enum<?>) constant).name();
						if (!ALL_KEYS.contains(labelKey)) {
							missing.add(labelKey);
						}
					}
				}
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
		}
		assertThat(found).as("enums labelled in templates").isEqualTo(enums);
		assertThat(missing).isEmpty();
	}

	static final List<Pattern> CODE_KEYS = List.of(
			Pattern.compile("addFlashAttribute\\(\"(?:success|failure)\",\\s*\"([\\w.-]+)\""),
			Pattern.compile("rejectValue\\([^,]+,\\s*\"([\\w.-]+)\""),
			Pattern.compile("\\.reject\\(\"([\\w.-]+)\""),
			Pattern.compile("InvalidInputException\\([^;]*?\"(error\\.[\\w.-]+)\""),
			Pattern.compile("problem\\([^;]*?\"(problem\\.[\\w.-]+)\""));
	static final Pattern RULE = Pattern.compile("new RuleViolationException\\((?:\"\\w+\",\\s*)?\"([\\w.-]+)\"");

	@Test
	void everyKeyTheCodeUsesExists() throws IOException {
		Set<String> missing = new TreeSet<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path source : files.filter(p -> p.toString().endsWith(".java")).toList()) {
				String java = Files.readString(source);
				for (Pattern pattern : CODE_KEYS) {
					Matcher key = pattern.matcher(java);
					while (key.find()) {
						if (!ALL_KEYS.contains(key.group(1))) {
							missing.add(source.getFileName() + ": " + key.group(1));
						}
					}
				}
				Matcher rule = RULE.matcher(java);
				while (rule.find()) {
					if (!ALL_KEYS.contains("error." + rule.group(1))) {
						missing.add(source.getFileName() + ": error." + rule.group(1));
					}
				}
			}
		}
		assertThat(missing).isEmpty();
	}
}
