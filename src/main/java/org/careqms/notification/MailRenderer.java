package org.careqms.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

/**
 * Writes e-mails from the Thymeleaf templates in {@code templates/mail/} (an HTML and a plain-text
 * part each) in the recipient's language, with absolute links built on {@code careqms.base-url}.
 * Has its own template engine so that the pages' engine keeps Spring Boot's configuration.
 */
@Component
class MailRenderer {

	/** What an e-mail says. */
	record Rendered(String subject, String text, String html) {
	}

	/** A notification as an e-mail shows it. */
	public record Item(String kind, String text, String url, String time) {
	}

	/** Notifications of one kind in a digest. */
	public record Group(String label, List<Item> items) {
	}

	static final int SUBJECT_LENGTH = 200;

	private final SpringTemplateEngine engine = new SpringTemplateEngine();
	private final MessageSource messages;
	private final String baseUrl;
	private final ZoneId zone;

	MailRenderer(MessageSource messages, @Value("${careqms.base-url:http://localhost:8080}") String baseUrl,
			MailSettings settings) {
		this.messages = messages;
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.zone = settings.timeZone();
		engine.setTemplateEngineMessageSource(messages);
		engine.addTemplateResolver(resolver("*.html", TemplateMode.HTML, 1));
		engine.addTemplateResolver(resolver("*.txt", TemplateMode.TEXT, 2));
	}

	private static ClassLoaderTemplateResolver resolver(String pattern, TemplateMode mode, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/mail/");
		resolver.setResolvablePatterns(java.util.Set.of(pattern));
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		resolver.setCheckExistence(true);
		resolver.setOrder(order);
		return resolver;
	}

	/** The absolute address of a path inside the application. */
	String url(String path) {
		if (path == null || !path.startsWith("/")) {
			return baseUrl + "/inbox";
		}
		return baseUrl + path;
	}

	String text(String key, List<String> arguments, Locale locale) {
		try {
			return messages.getMessage(key, arguments.toArray(), locale);
		}
		catch (NoSuchMessageException ex) {
			return key;
		}
	}

	Item item(String kind, String messageKey, List<String> arguments, String link, Instant createdAt, Locale locale) {
		return new Item(kind, text(messageKey, arguments, locale), url(link), time(createdAt));
	}

	Rendered notification(String recipientName, Item item, Locale locale) {
		Map<String, Object> model = base(recipientName);
		model.put("item", item);
		String subject = messages.getMessage("notification.mail.subject", new Object[] { item.text() }, locale);
		return render("notification", subject, model, locale);
	}

	Rendered digest(String recipientName, LocalDate day, List<Item> items, Locale locale) {
		Map<String, List<Item>> byKind = new LinkedHashMap<>();
		for (Item item : items) {
			byKind.computeIfAbsent(item.kind(), k -> new java.util.ArrayList<>()).add(item);
		}
		List<Group> groups = byKind.entrySet().stream()
			.map(e -> new Group(messages.getMessage("notification.kind." + e.getKey(), null,
					messages.getMessage("notification.kind.OTHER", null, locale), locale), e.getValue()))
			.toList();
		Map<String, Object> model = base(recipientName);
		model.put("groups", groups);
		model.put("count", items.size());
		model.put("day", day.toString());
		String subject = messages.getMessage("notification.mail.digest.subject",
				new Object[] { items.size(), day.toString() }, locale);
		return render("digest", subject, model, locale);
	}

	Rendered test(String recipientName, String sentBy, Locale locale) {
		Map<String, Object> model = base(recipientName);
		model.put("sentBy", sentBy);
		model.put("outboxUrl", url("/admin/mail"));
		return render("test", messages.getMessage("notification.mail.test.subject", null, locale), model, locale);
	}

	String time(Instant instant) {
		return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(instant.atZone(zone));
	}

	private Map<String, Object> base(String recipientName) {
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("name", recipientName);
		model.put("inboxUrl", url("/inbox"));
		model.put("accountUrl", url("/account"));
		return model;
	}

	private Rendered render(String template, String subject, Map<String, Object> model, Locale locale) {
		model.put("subject", subject);
		Context context = new Context(locale, model);
		String oneLine = subject.replaceAll("\\s+", " ").strip();
		return new Rendered(oneLine.length() > SUBJECT_LENGTH ? oneLine.substring(0, SUBJECT_LENGTH - 1) + "…" : oneLine,
				engine.process(template + ".txt", context), engine.process(template + ".html", context));
	}
}
