package com.hartomat.deploy.local.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Sends malformed requests to every mutating operation a running service lists in its {@code /q/openapi} document (so
 * an endpoint added later is covered without touching the test), plus each path with a method it does not serve, path
 * tricks in the path parameters of read operations, paths nobody serves, and list endpoints with out-of-range paging, and
 * checks every answer: never a 5xx, and every refusal a JSON body with a
 * stable {@code code}, a {@code message} and a {@code path}. Deterministic for a seed: the same seed sends the same
 * requests in the same order, so a failure reproduces.
 */
public final class ApiFuzzer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*");
    /** A percent sign not followed by two hex digits. */

    private final String service;
    private final String host;
    private final int port;
    private final Map<String, String> commonHeaders;

    /**
     * @param commonHeaders headers every request carries (the one place to add credentials, e.g. an
     *                      {@code Authorization} header)
     */
    public ApiFuzzer(String service, String host, int port, Map<String, String> commonHeaders) {
        this.service = service;
        this.host = host;
        this.port = port;
        this.commonHeaders = Map.copyOf(commonHeaders);
    }

    /** Fuzzes the service with at least {@code minimumRequests} requests in all. */
    public FuzzOutcome run(long seed, int minimumRequests) throws IOException {
        Random random = new Random(seed);
        List<OpenApiOperation> operations = OpenApiOperation.all(openApi());
        List<OpenApiOperation> mutating = operations.stream().filter(OpenApiOperation::mutating).toList();
        List<FuzzCase> cases = new ArrayList<>();
        RequestMutations mutations = new RequestMutations(random);
        int perOperation = mutating.isEmpty() ? 0 : Math.max(40, (minimumRequests + mutating.size() - 1) / mutating.size());
        for (OpenApiOperation op : mutating) {
            cases.addAll(mutations.cases(op, perOperation));
        }
        cases.addAll(wrongMethods(operations));
        cases.addAll(paging(operations));
        cases.addAll(readPaths(operations));
        cases.addAll(unknownPaths());
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> violations = new ArrayList<>();
        for (FuzzCase c : cases) {
            counts.merge(c.operation(), 1, Integer::sum);
            String problem = check(c);
            String shown = c.method() + " " + RequestMutations.shorten(c.pathAndQuery()) + " [" + c.kind() + "]";
            if (problem != null) {
                violations.add(shown + ": " + problem);
            }
        }
        return new FuzzOutcome(service, seed, cases.size(), mutating.size(), counts, violations);
    }

    private JsonNode openApi() throws IOException {
        RawHttp.Response r = send("GET", "/q/openapi?format=json", null, new byte[0]);
        if (r.status() != 200) {
            throw new IOException(service + " serves no OpenAPI document: HTTP " + r.status());
        }
        return JSON.readTree(r.body());
    }

    /** The one place a request is put together: the common headers, then the case's content type. */
    private RawHttp.Response send(String method, String target, String contentType, byte[] body) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(commonHeaders);
        headers.put("Accept", "application/json");
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return RawHttp.exchange(host, port, method, target, headers, body);
    }

    /** Why the answer to a case breaks the rules, or null. */
    private String check(FuzzCase c) {
        RawHttp.Response r;
        try {
            r = send(c.method(), c.pathAndQuery(), c.contentType(), c.body());
        } catch (IOException e) {
            return "no answer: " + e.getMessage();
        }
        String text = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
        if (r.status() >= 500) {
            return "HTTP " + r.status() + " " + RequestMutations.shorten(text);
        }
        if (r.status() < 400) {
            return null;
        }
        if (!r.header("content-type").toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return "HTTP " + r.status() + " refused without a JSON body (" + r.header("content-type") + "): "
                    + RequestMutations.shorten(text);
        }
        try {
            JsonNode error = JSON.readTree(r.body());
            if (!error.path("code").isTextual() || !CODE.matcher(error.path("code").asText()).matches()
                    || !error.path("message").isTextual() || !error.path("path").isTextual()) {
                return "HTTP " + r.status() + " refusal without code/message/path: " + RequestMutations.shorten(text);
            }
        } catch (IOException e) {
            return "HTTP " + r.status() + " body is not JSON: " + RequestMutations.shorten(text);
        }
        return null;
    }

    private static List<FuzzCase> wrongMethods(List<OpenApiOperation> operations) {
        Map<String, List<String>> served = new LinkedHashMap<>();
        for (OpenApiOperation op : operations) {
            served.computeIfAbsent(op.path(), p -> new ArrayList<>()).add(op.method());
        }
        List<FuzzCase> cases = new ArrayList<>();
        for (OpenApiOperation op : operations) {
            List<String> methods = served.remove(op.path());
            if (methods == null) {
                continue;
            }
            String path = op.concretePath(p -> UUID.randomUUID().toString());
            for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
                if (!methods.contains(method)) {
                    cases.add(new FuzzCase(op.method() + " " + op.path(), "method " + method, method, path, "application/json",
                            "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
            }
        }
        return cases;
    }

    /** Path tricks in every path parameter of the read operations too (ids and file names are read there). */
    private static List<FuzzCase> readPaths(List<OpenApiOperation> operations) {
        List<FuzzCase> cases = new ArrayList<>();
        for (OpenApiOperation op : operations) {
            if (!op.method().equals("GET")) {
                continue;
            }
            for (String param : op.pathParameters()) {
                for (String trick : RequestMutations.PATH_TRICKS) {
                    cases.add(new FuzzCase(op.name(), "path " + param + "=" + RequestMutations.shorten(trick), "GET",
                            op.concretePath(p -> p.equals(param) ? trick : UUID.randomUUID().toString()), null, new byte[0]));
                }
            }
        }
        return cases;
    }

    /** Paths no operation serves, with traversal and encoding tricks: a JSON 404 (or 400), never a 5xx. */
    private static List<FuzzCase> unknownPaths() {
        List<FuzzCase> cases = new ArrayList<>();
        for (String path : List.of("/api/no-such-thing", "/api/%2e%2e/%2e%2e/etc/passwd", "/api/..%2F..%2Fetc%2Fpasswd",
                "/api//", "/api/x%00y", "/api/" + "z".repeat(3000), "/nope", "/api/%C3%28", "/api/;jsessionid=1",
                "/api/x?%ZZ", "/api/.%2e/q/health")) {
            for (String method : List.of("GET", "POST", "DELETE")) {
                cases.add(new FuzzCase("unknown paths", "unknown " + RequestMutations.shorten(path), method, path,
                        method.equals("POST") ? "application/json" : null,
                        method.equals("POST") ? "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8) : new byte[0]));
            }
        }
        return cases;
    }

    private static List<FuzzCase> paging(List<OpenApiOperation> operations) {
        List<FuzzCase> cases = new ArrayList<>();
        for (OpenApiOperation op : operations) {
            if (!op.method().equals("GET") || !op.queryParameters().contains("page")) {
                continue;
            }
            String path = op.concretePath(p -> UUID.randomUUID().toString());
            for (String query : List.of("page=2147483647", "page=2147483648", "page=-1", "page=abc", "page=1e9",
                    "page_size=2147483647", "page_size=0", "page=1000000&page_size=200",
                    "page=%ZZ", "page_size=%", "%E2%28=1")) {
                cases.add(new FuzzCase(op.name(), query, "GET", path + "?" + query, null, new byte[0]));
            }
        }
        return cases;
    }
}
