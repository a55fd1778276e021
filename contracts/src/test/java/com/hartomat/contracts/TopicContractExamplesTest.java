package com.hartomat.contracts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.contracts.codec.ContractViolation;
import com.hartomat.contracts.codec.Json;
import com.hartomat.contracts.codec.TopicContract;
import com.hartomat.contracts.codec.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Valid and invalid example documents for every topic schema (src/test/resources/examples). */
class TopicContractExamplesTest {

    @TestFactory
    Stream<DynamicTest> validExamplesDecodeAndReEncodeToTheSameDocument() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TopicContract<?> contract : Topics.all()) {
            JsonNode examples = examples(contract);
            int i = 0;
            for (JsonNode document : examples.path("valid")) {
                int index = i++;
                tests.add(DynamicTest.dynamicTest(contract.topic() + " valid #" + index, () -> {
                    byte[] bytes = Json.mapper().writeValueAsBytes(document);
                    Object decoded = contract.decode(bytes);
                    byte[] reEncoded = encode(contract, decoded);
                    assertEquals(withoutNulls(document), withoutNulls(Json.mapper().readTree(reEncoded)),
                            "round trip keeps every field (an absent optional field comes back as null)");
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> invalidExamplesAreRejectedWithTheOffendingPath() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TopicContract<?> contract : Topics.all()) {
            for (JsonNode invalid : examples(contract).path("invalid")) {
                String why = invalid.path("why").asText();
                tests.add(DynamicTest.dynamicTest(contract.topic() + " rejects: " + why, () -> {
                    byte[] bytes = Json.mapper().writeValueAsBytes(invalid.path("document"));
                    ContractViolation violation = assertThrows(ContractViolation.class, () -> contract.decode(bytes));
                    assertEquals(contract.topic(), violation.topic());
                    assertEquals(invalid.path("path").asText(), violation.path(), violation.getMessage());
                    assertFalse(violation.reason().isBlank());
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void malformedJsonIsAViolationAtTheDocumentRoot() {
        ContractViolation violation = assertThrows(ContractViolation.class,
                () -> Topics.RENDER_JOBS.decode("{\"job_id\": ".getBytes(StandardCharsets.UTF_8)));
        assertEquals("", violation.path());
        assertEquals(true, violation.reason().startsWith("malformed JSON"), violation.reason());
    }

    @Test
    void aDuplicateKeyIsMalformedNotSilentlyLastWins() {
        String valid = examples(Topics.REGISTRY_CHANGES).path("valid").get(0).toString();
        String duplicated = "{\"change\": \"delete\", " + valid.substring(1);
        ContractViolation violation = assertThrows(ContractViolation.class,
                () -> Topics.REGISTRY_CHANGES.decode(duplicated.getBytes(StandardCharsets.UTF_8)));
        assertEquals(true, violation.reason().startsWith("malformed JSON"), violation.reason());
        assertEquals(true, violation.reason().contains("change"), violation.reason());
    }

    @Test
    void trailingContentAfterTheDocumentIsMalformed() {
        String valid = examples(Topics.REGISTRY_CHANGES).path("valid").get(0).toString();
        ContractViolation violation = assertThrows(ContractViolation.class,
                () -> Topics.REGISTRY_CHANGES.decode((valid + " {}").getBytes(StandardCharsets.UTF_8)));
        assertEquals(true, violation.reason().startsWith("malformed JSON"), violation.reason());
    }

    @Test
    void aViolationNamesTheOffendingValueAndTheMostSpecificProblem() {
        ObjectNode event =
                (ObjectNode) examples(Topics.RENDER_EVENTS).path("valid").get(0).deepCopy();
        event.put("event_type", "alive");
        event.remove("worker_id");
        ContractViolation violation = assertThrows(ContractViolation.class,
                () -> Topics.RENDER_EVENTS.decode(event.toString().getBytes(StandardCharsets.UTF_8)));
        // the deeper of the two problems wins, and the reason says what was found there
        assertEquals("/event_type", violation.path());
        assertTrue(violation.reason().contains("enumeration") && violation.reason().contains("(found \"alive\")"),
                violation.reason());
    }

    @Test
    void aNullableObjectReportsWhatIsWrongInsideItNotThatNoBranchMatched() {
        JsonNode invalid = null;
        for (JsonNode candidate : examples(Topics.COMPARISON_REQUESTS).path("invalid")) {
            if (candidate.path("path").asText().equals("/authoritative")) {
                invalid = candidate.path("document");
            }
        }
        String document = invalid.toString();
        ContractViolation violation = assertThrows(ContractViolation.class,
                () -> Topics.COMPARISON_REQUESTS.decode(document.getBytes(StandardCharsets.UTF_8)));
        assertTrue(violation.reason().contains("required property 'sha256' not found"), violation.reason());
        assertFalse(violation.reason().contains("one and only one schema"), violation.reason());
    }

    @Test
    void aJsonArrayIsNotAMessage() {
        ContractViolation violation = assertThrows(ContractViolation.class,
                () -> Topics.RUNS_STATUS.decode("[]".getBytes(StandardCharsets.UTF_8)));
        assertEquals("expected a JSON object", violation.reason());
    }

    @Test
    void everyTopicHasExamples() {
        for (TopicContract<?> contract : Topics.all()) {
            JsonNode examples = examples(contract);
            assertFalse(examples.path("valid").isEmpty(), contract.topic());
            assertFalse(examples.path("invalid").isEmpty(), contract.topic());
            assertDoesNotThrow(contract::deadLetterTopic);
        }
    }

    private static JsonNode withoutNulls(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            List<String> nulls = new ArrayList<>();
            object.fields().forEachRemaining(e -> {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                } else {
                    strip(e.getValue());
                }
            });
            object.remove(nulls);
        } else if (node.isArray()) {
            node.forEach(TopicContractExamplesTest::strip);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> byte[] encode(TopicContract<T> contract, Object message) {
        return contract.encode((T) message);
    }

    private static JsonNode examples(TopicContract<?> contract) {
        try (InputStream in = TopicContractExamplesTest.class.getResourceAsStream("/examples/" + contract.topic() + ".json")) {
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("no examples for " + contract.topic(), e);
        }
    }
}
