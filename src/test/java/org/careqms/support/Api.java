package org.careqms.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for API tests: the request goes through Tomcat and every filter. */
public final class Api {

	/** The password of every demo user. */
	public static final String DEMO_PASSWORD = "Demo@CareQMS2026";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private final int port;

	public Api(int port) {
		this.port = port;
	}

	/** The answer: status, content type and body (parsed when JSON). */
	public record Answer(int status, String contentType, String body) {

		public JsonNode json() {
			return JSON.readTree(body);
		}
	}

	public Answer get(String path, String authorization) {
		return send("GET", path, null, authorization, null);
	}

	public Answer post(String path, String json, String authorization) {
		return send("POST", path, json, authorization, null);
	}

	public Answer put(String path, String json, String authorization) {
		return send("PUT", path, json, authorization, null);
	}

	public Answer send(String method, String path, String json, String authorization, String language) {
		return send(method, path, json, authorization, language, null);
	}

	/** With an {@code Idempotency-Key} header. */
	public Answer send(String method, String path, String json, String authorization, String language,
			String idempotencyKey) {
		var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json");
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		if (language != null) {
			builder.header("Accept-Language", language);
		}
		if (idempotencyKey != null) {
			builder.header("Idempotency-Key", idempotencyKey);
		}
		if (json != null) {
			builder.header("Content-Type", "application/json");
			builder.method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
		}
		else {
			builder.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			HttpResponse<String> response = client.send(builder.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("HTTP call failed: " + method + " " + path, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Posts a body of the given media type (a FHIR Bundle as {@code application/fhir+json}, say). */
	public Answer post(String path, byte[] body, String contentType, String authorization, String language) {
		var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofMinutes(5))
			.header("Accept", "application/json")
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		return send(builder, authorization, language, path);
	}

	/** Uploads several files, each as a multipart part {@code file}, in the order given. */
	public Answer uploadAll(String path, Map<String, byte[]> files, String authorization, String language) {
		String boundary = "careqms-" + UUID.randomUUID();
		var body = new ByteArrayOutputStream();
		files.forEach((name, content) -> {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
					+ "\"\r\nContent-Type: application/fhir+json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.writeBytes(content);
			body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		});
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return post(path, body.toByteArray(), "multipart/form-data; boundary=" + boundary, authorization, language);
	}

	private Answer send(HttpRequest.Builder builder, String authorization, String language, String path) {
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		if (language != null) {
			builder.header("Accept-Language", language);
		}
		try {
			HttpResponse<String> response = client.send(builder.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("HTTP call failed: " + path, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Uploads a file as the multipart part {@code file}, the way the import endpoints expect it. */
	public Answer upload(String path, String fileName, byte[] content, String authorization, String language) {
		return upload(path, fileName, HttpRequest.BodyPublishers.ofByteArray(content), authorization, language);
	}

	/** Uploads a file from disk, streamed (large files never sit in memory). */
	public Answer upload(String path, Path file, String authorization, String language) {
		try {
			return upload(path, file.getFileName().toString(), HttpRequest.BodyPublishers.ofFile(file), authorization,
					language);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Answer upload(String path, String fileName, HttpRequest.BodyPublisher content, String authorization,
			String language) {
		String boundary = "careqms-" + UUID.randomUUID();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofMinutes(5))
			.header("Accept", "application/json")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head), content,
					HttpRequest.BodyPublishers.ofByteArray(tail)));
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		if (language != null) {
			builder.header("Accept-Language", language);
		}
		try {
			HttpResponse<String> response = client.send(builder.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("HTTP upload failed: " + path, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static String basic(String username, String password) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** HTTP Basic for a demo user. */
	public static String demo(String username) {
		return basic(username, DEMO_PASSWORD);
	}

	public static String bearer(String token) {
		return "Bearer " + token;
	}
}
