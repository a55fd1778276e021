package com.hartomat.contracts.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A topic, the JSON Schema of its messages and the record they map to. {@link #encode} and
 * {@link #decode} validate against the schema on both sides, so an invalid message never leaves a
 * producer and is recognised by every consumer.
 */
public final class TopicContract<T> {

    /** Draft 7 as the schemas declare it, {@code format} asserted (a {@code date-time} must be one), JSON pointers. */
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            registry -> registry.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true)
                    .pathType(PathType.JSON_POINTER)
                    .build()));

    private static final Set<String> COMBINATORS = Set.of("oneOf", "anyOf", "allOf");

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
     * Parses strictly (one JSON document, no duplicate keys) with Jackson; the validator works on the same tree, which
     * is then mapped to the record without printing and re-reading it.
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
        List<Error> errors = schema.validate(tree);
        if (errors.isEmpty()) {
            return;
        }
        // the most specific violation wins: a nullable object reports its failed "oneOf" at its own level and the
        // real problem one level deeper
        String path = errors.stream().map(TopicContract::pointer).max(Comparator.comparingInt(String::length))
                .orElse("");
        List<Error> there = errors.stream().filter(e -> pointer(e).equals(path)).toList();
        // a failed "oneOf" (a nullable object) only says that no branch matched: the branches' own errors say why
        List<Error> specific = there.stream().filter(e -> !COMBINATORS.contains(e.getKeyword())).toList();
        List<String> reasons = (specific.isEmpty() ? there : specific).stream()
                .map(TopicContract::reason)
                .distinct()
                .limit(5)
                .toList();
        throw new ContractViolation(topic, String.join("; ", reasons), path);
    }

    /** The validator's message, with the offending value when it is a short scalar the message does not name. */
    private static String reason(Error error) {
        JsonNode value = error.getInstanceNode();
        if (value == null || value.isContainerNode() || "type".equals(error.getKeyword())) {
            return error.getMessage();
        }
        String shown = value.toString();
        return error.getMessage() + " (found " + (shown.length() > 80 ? shown.substring(0, 77) + "..." : shown) + ")";
    }

    private static String pointer(Error error) {
        return error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    }

    private static Schema loadSchema(String resource) {
        try (InputStream in = TopicContract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema " + resource);
            }
            return SCHEMAS.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
