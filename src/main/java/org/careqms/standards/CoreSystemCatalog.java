package org.careqms.standards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The 18 core medical quality and safety systems (医疗质量安全核心制度要点, 国卫医发〔2018〕8号) with
 * their check points and the 2025 monitoring indicators, from catalog/core-systems.yaml (copied from
 * the team's shared catalog). Each check point keeps how sure the catalog is of it and its sources:
 * pages show it, so nobody mistakes domain knowledge for regulation text.
 */
@Component
public class CoreSystemCatalog {

	/** How well a fact is backed by the retrieved sources. */
	public enum EvidenceStatus {
		CONFIRMED, PARTIAL, UNCONFIRMED
	}

	/** A check point of a core system ({@code CS02-K4}). */
	public record Check(String id, String systemId, String zh, String en, EvidenceStatus status, List<String> sources,
			String note) {

		public String name(Locale locale) {
			return english(locale) ? en : zh;
		}
	}

	/** A 2025 monitoring indicator of the core systems ({@code CS2025-05}). */
	public record MonitoringIndicator(String id, String zh, String en, String unit, String direction) {

		public String name(Locale locale) {
			return english(locale) ? en : zh;
		}
	}

	/** One core system with its checks and monitoring indicators. */
	public record CoreSystem(String id, String zh, String en, List<Check> checks,
			List<MonitoringIndicator> indicators) {

		public String name(Locale locale) {
			return english(locale) ? en : zh;
		}
	}

	private final List<CoreSystem> systems;
	private final Map<String, Check> checks;
	private final Map<String, String> sources;
	private final String documentZh;
	private final String documentEn;
	private final String documentNumber;

	CoreSystemCatalog() {
		Map<String, Object> root = load();
		Map<String, Object> meta = map(map(root.get("meta")).get("document"));
		this.documentZh = (String) meta.get("zh");
		this.documentEn = (String) meta.get("en");
		this.documentNumber = (String) meta.get("number");
		Map<String, String> src = new LinkedHashMap<>();
		map(root.get("sources")).forEach((k, v) -> src.put(k, String.valueOf(v)));
		this.sources = Map.copyOf(src);
		Map<String, MonitoringIndicator> indicators = new LinkedHashMap<>();
		for (Object o : list(root.get("monitoring_indicators_2025"))) {
			Map<String, Object> m = map(o);
			indicators.put((String) m.get("id"), new MonitoringIndicator((String) m.get("id"), (String) m.get("zh"),
					(String) m.get("en"), String.valueOf(m.get("unit")), (String) m.get("direction")));
		}
		List<CoreSystem> loaded = new ArrayList<>();
		Map<String, Check> byId = new LinkedHashMap<>();
		for (Object o : list(root.get("systems"))) {
			Map<String, Object> s = map(o);
			String systemId = (String) s.get("id");
			List<Check> systemChecks = new ArrayList<>();
			for (Object c : list(s.get("checks"))) {
				Map<String, Object> m = map(c);
				List<String> checkSources = list(m.get("sources")).stream().map(String::valueOf).toList();
				Check check = new Check((String) m.get("id"), systemId, (String) m.get("zh"), (String) m.get("en"),
						EvidenceStatus.valueOf(String.valueOf(m.get("status")).toUpperCase(Locale.ROOT)), checkSources,
						(String) m.get("note"));
				systemChecks.add(check);
				byId.put(check.id(), check);
			}
			List<MonitoringIndicator> systemIndicators = list(s.get("monitoring_indicators")).stream()
				.map(id -> indicators.get(String.valueOf(id)))
				.filter(java.util.Objects::nonNull)
				.toList();
			loaded.add(new CoreSystem(systemId, (String) s.get("zh"), (String) s.get("en"), List.copyOf(systemChecks),
					systemIndicators));
		}
		if (loaded.size() != 18) {
			throw new IllegalStateException("core-systems.yaml should list the 18 core systems, has " + loaded.size());
		}
		this.systems = List.copyOf(loaded);
		this.checks = java.util.Collections.unmodifiableMap(byId);
	}

	public List<CoreSystem> systems() {
		return systems;
	}

	public Optional<CoreSystem> system(String id) {
		return systems.stream().filter(s -> s.id().equals(id)).findFirst();
	}

	public Optional<Check> check(String id) {
		return Optional.ofNullable(id == null ? null : checks.get(id));
	}

	/** The check's name in the locale's language, or an empty text for an unknown id. */
	public String checkName(String id, Locale locale) {
		return check(id).map(c -> c.name(locale)).orElse("");
	}

	public List<Check> checks() {
		return List.copyOf(checks.values());
	}

	/** Where a source code (S01… or KNOW) points. */
	public Map<String, String> sources() {
		return sources;
	}

	public String documentName(Locale locale) {
		return english(locale) ? documentEn : documentZh;
	}

	public String documentNumber() {
		return documentNumber;
	}

	static boolean english(Locale locale) {
		return locale != null && "en".equals(locale.getLanguage());
	}

	private static Map<String, Object> load() {
		try (InputStream in = new ClassPathResource("catalog/core-systems.yaml").getInputStream()) {
			return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
		}
		catch (IOException e) {
			throw new UncheckedIOException("catalog/core-systems.yaml cannot be read", e);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object o) {
		return o == null ? Map.of() : (Map<String, Object>) o;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object o) {
		return o == null ? List.of() : (List<Object>) o;
	}
}
