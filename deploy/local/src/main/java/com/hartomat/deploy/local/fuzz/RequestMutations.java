package com.hartomat.deploy.local.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The malformed requests sent to one operation, derived from its OpenAPI description and a seeded {@link Random}:
 * broken and truncated JSON, bodies that are not objects, every known field with a value of the wrong type, huge and
 * non-finite numbers, deep nesting, invalid UTF-8, duplicate and unknown members, wrong content types, random byte
 * mutations of a plausible body, and path tricks ({@code ..}, encoded slashes, NUL, overlong, broken escapes) in every
 * path parameter.
 */
final class RequestMutations {

    static final List<String> PATH_TRICKS = List.of("..", "%2e%2e", "a%2Fb", "%2F..%2F..%2Fetc%2Fpasswd", "..%2F..%2F",
            "x%00y", "%ZZ", "%", "99999999999999999999999", "-1", "0", "'%20OR%201=1%20--", "%C3%28", "%E2%80%AE",
            "x".repeat(3000), "con", "~root", "a;b=c", "%252e%252e", "00000000-0000-0000-0000-000000000000%2F..");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Random random;

    RequestMutations(Random random) {
        this.random = random;
    }

    /** At least {@code count} cases for one operation. */
    List<FuzzCase> cases(OpenApiOperation op, int count) {
        List<FuzzCase> cases = new ArrayList<>();
        String path = op.concretePath(p -> UUID.randomUUID().toString());
        for (String param : op.pathParameters()) {
            for (String trick : PATH_TRICKS) {
                String tricked = op.concretePath(p -> p.equals(param) ? trick : UUID.randomUUID().toString());
                cases.add(json(op, "path " + param + "=" + shorten(trick), tricked, plausible(op)));
            }
        }
        if (op.multipart()) {
            cases.addAll(multipart(op, path));
        }
        List<byte[]> fixed = new ArrayList<>();
        fixed.add(new byte[0]);
        fixed.add(utf8("{"));
        fixed.add(utf8("{\"a\":"));
        fixed.add(utf8("[1,2,3]"));
        fixed.add(utf8("\"text\""));
        fixed.add(utf8("42"));
        fixed.add(utf8("null"));
        fixed.add(utf8("true"));
        fixed.add(utf8("{'single':'quotes'}"));
        fixed.add(utf8("{\"a\":1,}"));
        fixed.add(utf8("[".repeat(20_000) + "]".repeat(20_000)));
        fixed.add(utf8("{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000)));
        fixed.add(new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        fixed.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, '{', 0, '}'});
        fixed.add(utf8("{\"name\":\"\\u0000\\ud800\"}"));
        fixed.add(utf8("{\"x\":1e999999}"));
        fixed.add(utf8("{\"x\":NaN,\"y\":-Infinity}"));
        fixed.add(utf8("{\"x\":" + "9".repeat(2_000) + "}"));
        fixed.add(utf8("{\"x\":\"" + "y".repeat(200_000) + "\"}"));
        for (byte[] body : fixed) {
            cases.add(new FuzzCase(op.name(), "body " + preview(body), op.method(), path, "application/json", body));
        }
        String plausible = plausible(op);
        cases.add(new FuzzCase(op.name(), "text/plain body", op.method(), path, "text/plain", utf8(plausible)));
        cases.add(new FuzzCase(op.name(), "xml body", op.method(), path, "application/xml", utf8("<a>1</a>")));
        cases.add(new FuzzCase(op.name(), "form body", op.method(), path, "application/x-www-form-urlencoded",
                utf8("a=1&b=%ZZ")));
        cases.add(new FuzzCase(op.name(), "bogus content type", op.method(), path, "application/json; charset=klingon",
                utf8(plausible)));
        cases.add(new FuzzCase(op.name(), "no content type", op.method(), path, null, utf8(plausible)));
        cases.add(json(op, "duplicate members", path, duplicated(plausible)));
        cases.add(json(op, "unknown member", path, withMember(plausible, "zz_unknown_" + random.nextInt(1000), NODES.numberNode(1))));
        cases.add(json(op, "query tricks", path + "?page=2147483647&page_size=-1&force=maybe&%ZZ=1", plausible));
        for (String field : op.bodyFields()) {
            for (JsonNode wrong : wrongValues()) {
                cases.add(json(op, "field " + field + "=" + shorten(wrong.toString()), path, withMember(plausible, field, wrong)));
            }
        }
        while (cases.size() < count) {
            cases.add(new FuzzCase(op.name(), "mutated bytes", op.method(), path, "application/json", mutate(utf8(plausible))));
        }
        return cases;
    }

    private List<FuzzCase> multipart(OpenApiOperation op, String path) {
        List<FuzzCase> cases = new ArrayList<>();
        String boundary = "fuzz" + random.nextInt(1_000_000);
        String type = "multipart/form-data; boundary=" + boundary;
        byte[] garbage = new byte[512];
        random.nextBytes(garbage);
        for (String name : List.of("../../etc/passwd.step", "..%2F..%2Fx.step", "a\u0000b.step", "x".repeat(3000) + ".step",
                ".step", "CON.stp", "résumé.step", "")) {
            cases.add(new FuzzCase(op.name(), "multipart filename " + shorten(name), op.method(), path, type,
                    part(boundary, "file", name, utf8("ISO-10303-21;\nEND-ISO-10303-21;\n"))));
        }
        cases.add(new FuzzCase(op.name(), "multipart garbage file", op.method(), path, type, part(boundary, "file", "g.step", garbage)));
        cases.add(new FuzzCase(op.name(), "multipart gzip file", op.method(), path, type, part(boundary, "file", "g.step",
                new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0})));
        cases.add(new FuzzCase(op.name(), "multipart wrong part", op.method(), path, type, part(boundary, "other", "x.step",
                utf8("ISO-10303-21;"))));
        cases.add(new FuzzCase(op.name(), "multipart unterminated", op.method(), path, type,
                utf8("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.step\"\r\n\r\nISO")));
        cases.add(new FuzzCase(op.name(), "multipart no boundary", op.method(), path, "multipart/form-data",
                part(boundary, "file", "x.step", utf8("ISO-10303-21;"))));
        return cases;
    }

    private static byte[] part(String boundary, String name, String filename, byte[] content) {
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        System.arraycopy(tail, 0, all, head.length + content.length, tail.length);
        return all;
    }

    private FuzzCase json(OpenApiOperation op, String kind, String path, String body) {
        return new FuzzCase(op.name(), kind, op.method(), path, "application/json", utf8(body));
    }

    /** A body of the operation's schema with a plausible value of each field's type (or {} when unknown). */
    private String plausible(OpenApiOperation op) {
        ObjectNode body = NODES.objectNode();
        for (Map.Entry<String, String> field : op.bodyFieldTypes().entrySet()) {
            body.set(field.getKey(), switch (field.getValue()) {
                case "integer" -> NODES.numberNode(random.nextInt(10));
                case "number" -> NODES.numberNode(random.nextDouble());
                case "boolean" -> NODES.booleanNode(random.nextBoolean());
                case "array" -> NODES.arrayNode();
                case "object" -> NODES.objectNode();
                default -> NODES.textNode(random.nextBoolean() ? UUID.randomUUID().toString() : "fuzz-" + random.nextInt(1000));
            });
        }
        return body.toString();
    }

    private List<JsonNode> wrongValues() {
        ArrayNode nested = NODES.arrayNode();
        ArrayNode cursor = nested;
        for (int i = 0; i < 200; i++) {
            cursor = cursor.addArray();
        }
        return List.of(NODES.numberNode(new java.math.BigInteger("9".repeat(40))), NODES.numberNode(-1),
                NODES.numberNode(1e308), NODES.textNode("x".repeat(5_000)), NODES.booleanNode(true), NODES.nullNode(),
                NODES.objectNode().put("a", 1), NODES.arrayNode().add("a").add(2), NODES.textNode("../../etc/passwd"),
                NODES.textNode("not-a-uuid"), nested);
    }

    private static String duplicated(String body) {
        if (body.length() > 2 && body.startsWith("{\"")) {
            int colon = body.indexOf(':');
            return "{" + body.substring(1, colon) + ":1," + body.substring(1);
        }
        return "{\"a\":1,\"a\":2}";
    }

    private static String withMember(String body, String field, JsonNode value) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(body);
            node.set(field, value);
            return node.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] mutate(byte[] body) {
        List<Byte> bytes = new ArrayList<>();
        for (byte b : body) {
            bytes.add(b);
        }
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = bytes.isEmpty() ? 0 : random.nextInt(bytes.size());
            switch (random.nextInt(4)) {
                case 0 -> bytes.add(at, (byte) random.nextInt(256));
                case 1 -> {
                    if (!bytes.isEmpty()) {
                        bytes.remove(at);
                    }
                }
                case 2 -> {
                    if (!bytes.isEmpty()) {
                        bytes.set(at, (byte) random.nextInt(256));
                    }
                }
                default -> bytes.add(at, "{}[]\":,\\".getBytes(StandardCharsets.US_ASCII)[random.nextInt(8)]);
            }
        }
        byte[] out = new byte[bytes.size()];
        Iterator<Byte> it = bytes.iterator();
        for (int i = 0; i < out.length; i++) {
            out[i] = it.next();
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String preview(byte[] body) {
        return shorten(new String(body, 0, Math.min(body.length, 40), StandardCharsets.ISO_8859_1));
    }

    static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…(" + s.length() + ")" : s;
    }
}
