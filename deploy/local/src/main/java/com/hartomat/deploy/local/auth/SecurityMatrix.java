package com.hartomat.deploy.local.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The security matrix of one running service: every operation of its own OpenAPI document ({@code /q/openapi}) is
 * called without a token, with an expired token, with a token for another audience, with a token signed by an unknown
 * key (all must answer 401), and with a token of each role, which must answer 403 below the operation's rule and pass
 * security (any status but 401 and 403) at or above it. The rules are a table kept in each service's test: an operation
 * without a rule is a failure, so an endpoint added later without one fails the build; so is a rule for an operation
 * that no longer exists. Roles are hierarchical: admin ⊇ operator ⊇ author ⊇ viewer.
 */
public final class SecurityMatrix {

    public static final List<String> ROLES = List.of("viewer", "author", "operator", "admin");
    /**
     * The rule of an operation anyone may call without a token (the console's sign-in settings, read before anyone has
     * one): it must answer without a token and with every role.
     */
    public static final String PUBLIC = "public";
    private static final String SOME_ID = "00000000-0000-4000-8000-00000000a11d";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    /** {@code base}: the service's root URL, e.g. {@code http://localhost:8081}. */
    public SecurityMatrix(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** One operation of the OpenAPI document: method, path template and the request body's media type if any. */
    public record Operation(String method, String path, String bodyType) {

        public String key() {
            return method + " " + path;
        }
    }

    /** The operations of the service's OpenAPI document, read without a token. */
    public List<Operation> operations() {
        JsonNode doc;
        try {
            doc = JSON.readTree(call("GET", "/q/openapi?format=json", null, null).body);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document is not JSON", e);
        }
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                String verb = method.getKey().toUpperCase(Locale.ROOT);
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(verb)) {
                    continue;
                }
                Iterator<String> types = method.getValue().path("requestBody").path("content").fieldNames();
                operations.add(new Operation(verb, path.getKey(), types.hasNext() ? types.next() : null));
            }
        }
        return operations;
    }

    /**
     * Drives the whole matrix; {@code rules} maps {@code "METHOD /path/{template}"} to the least role allowed. The
     * answer is every deviation, one line each (empty when the service follows its rules).
     */
    public List<String> verify(Map<String, String> rules) {
        List<String> failures = new ArrayList<>();
        List<Operation> operations = operations();
        if (operations.isEmpty()) {
            failures.add("the OpenAPI document lists no operations");
        }
        Set<String> seen = new TreeSet<>();
        Map<String, String> badTokens = new LinkedHashMap<>();
        badTokens.put("no token", null);
        badTokens.put("an expired token", TestTokens.expired("admin"));
        badTokens.put("a token for another audience", TestTokens.forAudience("some-other-application", "admin"));
        badTokens.put("a token signed by an unknown key", TestTokens.foreignSigned("admin"));
        for (Operation op : operations) {
            seen.add(op.key());
            String rule = rules.get(op.key());
            if (PUBLIC.equals(rule)) {
                verifyPublic(op, failures);
                continue;
            }
            if (rule == null || !ROLES.contains(rule)) {
                failures.add(op.key() + ": no rule in the table (or not a role: " + rule + ")");
                continue;
            }
            for (Map.Entry<String, String> bad : badTokens.entrySet()) {
                Answer answer = answer(op, bad.getValue());
                if (answer.status() != 401) {
                    failures.add(op.key() + " with " + bad.getKey() + ": " + answer.status() + ", expected 401");
                } else {
                    refusalProblem(answer, "unauthorized").ifPresent(p -> failures.add(op.key() + " with "
                            + bad.getKey() + ": " + p));
                }
            }
            for (String role : ROLES) {
                Answer answer = answer(op, TestTokens.forRole(role));
                int status = answer.status();
                boolean allowed = ROLES.indexOf(role) >= ROLES.indexOf(rule);
                boolean passed = status != 401 && status != 403;
                if (allowed != passed) {
                    failures.add(op.key() + " as " + role + ": " + status + ", expected "
                            + (allowed ? "to pass security (rule: " + rule + ")" : "403 (rule: " + rule + ")"));
                } else if (status == 403) {
                    refusalProblem(answer, "forbidden").ifPresent(p -> failures.add(op.key() + " as " + role + ": " + p));
                }
            }
        }
        for (String ruled : rules.keySet()) {
            if (!seen.contains(ruled)) {
                failures.add(ruled + ": a rule for an operation the OpenAPI document does not list");
            }
        }
        return failures;
    }

    private void verifyPublic(Operation op, List<String> failures) {
        int anonymous = answer(op, null).status();
        if (anonymous == 401 || anonymous == 403) {
            failures.add(op.key() + " without a token: " + anonymous + ", expected an answer (rule: public)");
        }
        for (String role : ROLES) {
            int status = answer(op, TestTokens.forRole(role)).status();
            if (status == 401 || status == 403) {
                failures.add(op.key() + " as " + role + ": " + status + ", expected an answer (rule: public)");
            }
        }
    }

    /** The management endpoints that stay open: any answer but 401 / 403 without a token. */
    public List<String> verifyManagementOpen() {
        List<String> failures = new ArrayList<>();
        for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi")) {
            int status = call("GET", path, null, null).status;
            if (status == 401 || status == 403 || status == 404) {
                failures.add("GET " + path + " without a token: " + status);
            }
        }
        return failures;
    }

    private Answer answer(Operation op, String token) {
        String path = op.path().replaceAll("\\{[^}]+}", SOME_ID);
        return call(op.method(), path, op.bodyType(), token);
    }

    /** What is wrong with a 401 / 403 answer: it must be JSON with its code, and a 401 must carry the challenge. */
    private static java.util.Optional<String> refusalProblem(Answer answer, String code) {
        if (answer.status() == 401 && !answer.challenge().startsWith("Bearer")) {
            return java.util.Optional.of("401 without the WWW-Authenticate: Bearer challenge");
        }
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        if (!body.contains("\"code\":\"" + code + "\"") || !body.contains("\"message\"")) {
            return java.util.Optional.of(answer.status() + " without the JSON body {code: " + code + ", message}: " + body);
        }
        return java.util.Optional.empty();
    }

    private record Answer(int status, byte[] body, String challenge) {
    }

    private Answer call(String method, String path, String bodyType, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        byte[] body = new byte[0];
        if (bodyType != null && bodyType.startsWith("multipart/")) {
            request.header("Content-Type", "multipart/form-data; boundary=matrix");
            body = "--matrix--\r\n".getBytes(StandardCharsets.US_ASCII);
        } else if (bodyType != null) {
            request.header("Content-Type", bodyType.contains("json") ? "application/json" : bodyType);
            body = bodyType.contains("json") ? "{}".getBytes(StandardCharsets.US_ASCII) : body;
        }
        request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            // a stream (server-sent events) that passed security never ends: read what is there, then hang up
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            boolean stream = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
            try (InputStream in = response.body()) {
                return new Answer(response.statusCode(), stream ? new byte[0] : in.readAllBytes(),
                        response.headers().firstValue("WWW-Authenticate").orElse(""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }
}
