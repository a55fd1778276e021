package com.hartomat.deploy.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.json.JSONTokener;

/**
 * Validates custom resources (Strimzi, CloudNativePG, Gateway API, KEDA) against the JSON Schemas of their
 * CustomResourceDefinitions, copied into this module's test resources ({@code k8s-schemas/<group>/<kind>_<version>.json},
 * with their licence note). The schemas forbid unknown fields, so a misspelt field fails with its JSON pointer.
 */
public final class CustomResourceValidator {

    private static final Pattern EXTRANEOUS_KEY = Pattern.compile("extraneous key \\[(.+)\\] is not permitted");

    /** Loaded once per test run: the Kafka and Cluster schemas are large. */
    private static final Map<String, Schema> SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();

    public boolean handles(Located object) {
        return resource(object) != null;
    }

    public List<Violation> validate(Located object) {
        Schema schema = SCHEMAS.computeIfAbsent(resource(object), CustomResourceValidator::load);
        List<Violation> violations = new ArrayList<>();
        try {
            schema.validate(new JSONObject(object.object().toString()));
        } catch (ValidationException e) {
            collect(e, object.id(), violations);
        }
        return violations;
    }

    private static void collect(ValidationException e, String id, List<Violation> violations) {
        if (e.getCausingExceptions().isEmpty()) {
            String pointer = e.getPointerToViolation().replaceFirst("^#", "");
            // an unknown field is reported at its parent: name the field itself
            Matcher extraneous = EXTRANEOUS_KEY.matcher(e.getErrorMessage());
            if ("additionalProperties".equals(e.getKeyword()) && extraneous.find()) {
                pointer = pointer + "/" + extraneous.group(1);
            }
            violations.add(new Violation(id, pointer, e.getErrorMessage()));
        } else {
            e.getCausingExceptions().forEach(cause -> collect(cause, id, violations));
        }
    }

    /** The schema resource of an object's group, kind and version, or null when there is none. */
    private static String resource(Located object) {
        String[] groupVersion = object.apiVersion().split("/");
        if (groupVersion.length != 2) {
            return null;
        }
        String path = "k8s-schemas/" + groupVersion[0] + "/" + object.kind().toLowerCase() + "_" + groupVersion[1] + ".json";
        return CustomResourceValidator.class.getClassLoader().getResource(path) != null ? path : null;
    }

    private static Schema load(String resource) {
        try (InputStream in = CustomResourceValidator.class.getClassLoader().getResourceAsStream(resource)) {
            JSONObject json = new JSONObject(new JSONTokener(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            return SchemaLoader.builder().schemaJson(json).draftV7Support().build().load().build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
