package com.hartomat.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.contracts.codec.Json;
import com.hartomat.contracts.codec.TopicContract;
import com.hartomat.contracts.codec.Topics;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicCatalogueTest {

    @Test
    void catalogueAndContractsNameTheSameTopicsEachWithSchemaAndDeadLetterTopic() throws Exception {
        JsonNode catalogue;
        try (InputStream in = getClass().getResourceAsStream("/hartomat/topics.json")) {
            catalogue = Json.mapper().readTree(in);
        }
        Set<String> catalogued = new HashSet<>();
        for (JsonNode topic : catalogue.path("topics")) {
            String name = topic.path("name").asText();
            catalogued.add(name);
            assertEquals(name + ".dlq", topic.path("dead_letter_topic").asText());
            assertTrue(topic.path("partitions").asInt() >= 1);
            assertNotNull(getClass().getResource("/" + topic.path("schema").asText()), name);
        }
        Set<String> contracted = new HashSet<>();
        for (TopicContract<?> contract : Topics.all()) {
            contracted.add(contract.topic());
        }
        assertEquals(contracted, catalogued);
    }
}
