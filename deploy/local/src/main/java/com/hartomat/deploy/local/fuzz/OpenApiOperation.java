package com.hartomat.deploy.local.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One operation of a service's OpenAPI document, as much of it as the fuzzer needs. */
record OpenApiOperation(String method, String path, List<String> pathParameters, List<String> queryParameters,
        boolean jsonBody, boolean multipart, Map<String, String> bodyFieldTypes) {

    static final List<String> MUTATING = List.of("post", "put", "patch", "delete");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    String name() {
        return method + " " + path;
    }

    List<String> bodyFields() {
        return List.copyOf(bodyFieldTypes.keySet());
    }

    boolean mutating() {
        return MUTATING.contains(method.toLowerCase(Locale.ROOT));
    }

    /** The path with each {parameter} replaced by the (already encoded) value chosen for it. */
    String concretePath(Function<String, String> valueFor) {
        Matcher m = TEMPLATE.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(valueFor.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every operation of an OpenAPI 3 document (JSON form), in document order. */
    static List<OpenApiOperation> all(JsonNode document) {
        List<OpenApiOperation> operations = new ArrayList<>();
        JsonNode schemas = document.path("components").path("schemas");
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = paths.next();
            JsonNode item = entry.getValue();
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                JsonNode op = item.get(method);
                if (op == null) {
                    continue;
                }
                List<String> pathParams = new ArrayList<>();
                List<String> queryParams = new ArrayList<>();
                for (JsonNode list : List.of(item.path("parameters"), op.path("parameters"))) {
                    for (JsonNode p : list) {
                        String name = p.path("name").asText();
                        String in = p.path("in").asText();
                        if (in.equals("path") && !pathParams.contains(name)) {
                            pathParams.add(name);
                        } else if (in.equals("query") && !queryParams.contains(name)) {
                            queryParams.add(name);
                        }
                    }
                }
                Matcher m = TEMPLATE.matcher(entry.getKey());
                while (m.find()) {
                    if (!pathParams.contains(m.group(1))) {
                        pathParams.add(m.group(1));
                    }
                }
                JsonNode content = op.path("requestBody").path("content");
                boolean multipart = content.has("multipart/form-data");
                boolean json = content.has("application/json") || (!multipart && method.equals("post"));
                Map<String, String> fields = new LinkedHashMap<>();
                JsonNode schema = resolve(content.path("application/json").path("schema"), schemas);
                for (Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields(); props.hasNext(); ) {
                    Map.Entry<String, JsonNode> prop = props.next();
                    JsonNode type = resolve(prop.getValue(), schemas).path("type");
                    fields.put(prop.getKey(), type.isTextual() ? type.asText() : "object");
                }
                operations.add(new OpenApiOperation(method.toUpperCase(Locale.ROOT), entry.getKey(), pathParams, queryParams,
                        json, multipart, fields));
            }
        }
        return operations;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        for (int i = 0; i < 8 && schema.has("$ref"); i++) {
            String ref = schema.get("$ref").asText();
            schema = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        if (schema.has("allOf") && schema.get("allOf").size() > 0) {
            return resolve(schema.get("allOf").get(0), schemas);
        }
        return schema;
    }
}
