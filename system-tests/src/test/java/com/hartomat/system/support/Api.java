package com.hartomat.system.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * One service's public HTTP API: JSON in and out over the JDK client, every call answered or failed with its body, each
 * with the stack's bearer token.
 */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final SystemStack.Service service;
    private final String base;
    private final String token;

    /** {@code token}: the bearer token every call carries (null: none, for the open management endpoints). */
    Api(SystemStack.Service service, String base, String token) {
        this.service = service;
        this.token = token;
        this.base = base;
    }

    public String base() {
        return base;
    }

    /** A response: status, content type and body; {@link #json()} parses the body. */
    public record Response(String call, int status, String contentType, byte[] body) {

        public JsonNode json() {
            if (body.length == 0) {
                return MissingNode.getInstance();
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(call + " answered " + status + " with a body that is not JSON: " + text(), e);
            }
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The parsed body, after checking the status. */
        public JsonNode expect(int expected) {
            if (status != expected) {
                throw new AssertionError(call + " answered " + status + " (expected " + expected + "): " + excerpt(text(), 2000));
            }
            return json();
        }
    }

    public Response get(String path) {
        return send("GET", path, HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response post(String path, Object body) {
        return sendJson("POST", path, body);
    }

    public Response put(String path, Object body) {
        return sendJson("PUT", path, body);
    }

    public Response patch(String path, Object body) {
        return sendJson("PATCH", path, body);
    }

    /** A multipart/form-data upload with one file part named {@code file}. */
    public Response upload(String path, String fileName, byte[] content) {
        String boundary = "hartomat-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", path, HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    private Response sendJson(String method, String path, Object body) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return send(method, path, builder.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    private Response send(String method, String path, HttpRequest.Builder builder) {
        String call = method + " " + service.module + path;
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(builder.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(call, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(call + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(call + " interrupted", e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    public static String excerpt(String text, int max) {
        if (text == null) {
            return "null";
        }
        return text.length() <= max ? text : text.substring(0, max) + " …(" + (text.length() - max) + " more)";
    }
}
