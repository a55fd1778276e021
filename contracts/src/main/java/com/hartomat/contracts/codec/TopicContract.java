package com.hartomat.contracts.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONException;
import org.json.JSONObject;
import org.json.JSONTokener;

/**
 * A topic, the JSON Schema of its messages and the record they map to. {@link #encode} and
 * {@link #decode} validate against the schema on both sides, so an invalid message never leaves a
 * producer and is recognised by every consumer.
 */
public final class TopicContract<T> {

    private final String topic;
    private final Class<T> type;
    private final Schema schema;

    TopicContract(String topic, Class<T> type) {
        this.topic = topic;
        this.type = type;
        this.schema = loadSchema("schemas/" + topic + ".schema.json");
    }

    public String topic() {
        return topic;
    }

    public String deadLetterTopic() {
        return topic + ".dlq";
    }

    public Class<T> type() {
        return type;
    }

    /** Serialises and validates; throws {@link ContractViolation} when the message breaks the schema. */
    public byte[] encode(T message) {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(message);
        } catch (IOException e) {
            throw new ContractViolation(topic, "cannot serialise " + type.getSimpleName() + ": " + e.getMessage(), "");
        }
        validate(bytes);
        return bytes;
    }

    /** Validates and maps; throws {@link ContractViolation} for malformed JSON or a schema violation. */
    public T decode(byte[] bytes) {
        validate(bytes);
        try {
            return Json.mapper().readValue(bytes, type);
        } catch (IOException e) {
            throw new ContractViolation(topic, "does not map to " + type.getSimpleName() + ": " + e.getMessage(), "");
        }
    }

    /** Checks raw bytes against the schema without mapping them. */
    public void validate(byte[] bytes) {
        if (bytes == null) {
            throw new ContractViolation(topic, "message has no value", "");
        }
        Object document;
        try {
            document = new JSONTokener(new String(bytes, StandardCharsets.UTF_8)).nextValue();
        } catch (JSONException e) {
            throw new ContractViolation(topic, "malformed JSON: " + e.getMessage(), "");
        }
        if (!(document instanceof JSONObject)) {
            throw new ContractViolation(topic, "expected a JSON object", "");
        }
        try {
            schema.validate(document);
        } catch (ValidationException e) {
            List<ValidationException> leaves = new ArrayList<>();
            collectLeaves(e, leaves);
            // the most specific violation wins: a nullable object reports "expected null" at its own
            // level and the real problem one level deeper
            ValidationException deepest = leaves.stream()
                    .max(Comparator.comparingInt(v -> pointer(v.getPointerToViolation()).length()))
                    .orElse(e);
            String path = pointer(deepest.getPointerToViolation());
            List<String> reasons = leaves.stream()
                    .filter(v -> pointer(v.getPointerToViolation()).equals(path))
                    .map(ValidationException::getMessage)
                    .limit(5)
                    .toList();
            throw new ContractViolation(topic, String.join("; ", reasons), path);
        }
    }

    private static void collectLeaves(ValidationException e, List<ValidationException> leaves) {
        if (e.getCausingExceptions().isEmpty()) {
            leaves.add(e);
            return;
        }
        for (ValidationException cause : e.getCausingExceptions()) {
            collectLeaves(cause, leaves);
        }
    }

    private static String pointer(String everitPointer) {
        if (everitPointer == null || everitPointer.equals("#")) {
            return "";
        }
        return everitPointer.startsWith("#") ? everitPointer.substring(1) : everitPointer;
    }

    private static Schema loadSchema(String resource) {
        try (InputStream in = TopicContract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema " + resource);
            }
            JSONObject raw = new JSONObject(new JSONTokener(in));
            return SchemaLoader.builder().schemaJson(raw).draftV7Support().build().load().build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
