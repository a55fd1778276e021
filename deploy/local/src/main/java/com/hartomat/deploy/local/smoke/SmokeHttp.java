package com.hartomat.deploy.local.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

/** One service's HTTP API as the smoke uses it: JSON in and out, every refusal a {@link SmokeFailure} with its body. */
final class SmokeHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String ACTOR = "hartomat-smoke";

    private final String service;
    private final String base;
    private final String token;

    SmokeHttp(String service, String base, String token) {
        this.service = service;
        this.token = token;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** A status and its parsed body (missing when empty or not JSON). */
    record Answer(String call, int status, JsonNode body, String text) {

        JsonNode expect(int... statuses) {
            if (Arrays.stream(statuses).noneMatch(s -> s == status)) {
                throw new SmokeFailure(call + " answered " + status + ": " + oneLine(text, 300));
            }
            return body;
        }

        String code() {
            return body.path("code").asText("");
        }
    }

    Answer get(String path) {
        return send("GET", path, HttpRequest.newBuilder(uri(path)).GET());
    }

    Answer post(String path, Object body) {
        return sendJson("POST", path, body);
    }

    Answer put(String path, Object body) {
        return sendJson("PUT", path, body);
    }

    /** A multipart/form-data upload with one file part named {@code file}. */
    Answer upload(String path, String fileName, byte[] content) {
        String boundary = "hartomat-smoke-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", path, HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Answer sendJson(String method, String path, Object body) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new SmokeFailure("cannot write the body of " + method + " " + path + ": " + e.getMessage(), e);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return send(method, path, builder.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    private Answer send(String method, String path, HttpRequest.Builder builder) {
        String call = method + " " + service + path;
        try {
            HttpResponse<String> response = CLIENT.send(builder.header("Authorization", "Bearer " + token)
                            .timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body;
            try {
                body = response.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(response.body());
            } catch (IOException e) {
                body = MissingNode.getInstance();
            }
            return new Answer(call, response.statusCode(), body, response.body());
        } catch (IOException e) {
            throw new SmokeFailure(call + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()) + " (is the stack up? ./hartomat status)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmokeFailure(call + " was interrupted", e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    static String oneLine(String text, int max) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }
}
