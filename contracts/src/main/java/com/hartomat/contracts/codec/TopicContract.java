package com.hartomat.contracts.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.json.JSONTokener;

/**
 * A topic, the JSON Schema of its messages and the record they map to. {@link #encode} and
 * {@link #decode} validate against the schema on both sides, so an invalid message never leaves a
 * producer and is recognised by every consumer.
 */
public final class TopicContract<T> {

    private static final ObjectReader STRICT = Json.mapper().reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
        JsonNode tree;
        try {
            tree = Json.mapper().valueToTree(message);
        } catch (IllegalArgumentException e) {
            throw new ContractViolation(topic, "cannot serialise " + type.getSimpleName() + ": " + e.getMessage(), "");
        }
        validate(tree);
        try {
            return Json.mapper().writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new ContractViolation(topic, "cannot serialise " + type.getSimpleName() + ": " + e.getMessage(), "");
        }
    }

    /** Validates and maps; throws {@link ContractViolation} for malformed JSON or a schema violation. */
    public T decode(byte[] bytes) {
        JsonNode tree = parse(bytes);
        validate(tree);
        try {
            return Json.mapper().treeToValue(tree, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new ContractViolation(topic, "does not map to " + type.getSimpleName() + ": " + e.getMessage(), "");
        }
    }

    /** Checks raw bytes against the schema without mapping them. */
    public void validate(byte[] bytes) {
        validate(parse(bytes));
    }

    /**
     * Parses strictly (one JSON document, no duplicate keys) with Jackson, which is several times cheaper than the
     * schema library's own tokenizer; the tree is then handed to the validator without printing and re-reading it.
     */
    private JsonNode parse(byte[] bytes) {
        if (bytes == null) {
            throw new ContractViolation(topic, "message has no value", "");
        }
        try {
            JsonNode tree = STRICT.readTree(bytes);
            if (tree == null || tree.isMissingNode()) {
                throw new ContractViolation(topic, "malformed JSON: no content", "");
            }
            return tree;
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
            throw new ContractViolation(topic, "malformed JSON: " + reason, "");
        }
    }

    private void validate(JsonNode tree) {
        if (!tree.isObject()) {
            throw new ContractViolation(topic, "expected a JSON object", "");
        }
        try {
            schema.validate(OrgJson.of(tree));
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
