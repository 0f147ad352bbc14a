package org.careqms.clinicaldata;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * A message key with its arguments, rendered in the reader's language when shown: import runs are
 * stored once and read in zh-CN and en. Arguments are strings so that numbers are not grouped.
 */
record Text(String key, List<String> arguments) {

	Text {
		arguments = List.copyOf(arguments);
	}

	static Text of(String key, String... arguments) {
		return new Text(key, List.of(arguments));
	}

	String render(MessageSource messages, Locale locale) {
		return messages.getMessage(key, arguments.toArray(), key, locale);
	}
}
