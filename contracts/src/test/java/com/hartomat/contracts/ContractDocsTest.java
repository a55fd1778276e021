package com.hartomat.contracts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.contracts.codec.Json;
import com.hartomat.contracts.codec.TopicContract;
import com.hartomat.contracts.codec.Topics;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

/** docs/topics.md is what users read first: it must name every topic and every field of its schema. */
class ContractDocsTest {

    @Test
    void topicsPageDocumentsEveryTopicAndEveryTopLevelField() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "topics.md"));
        for (TopicContract<?> contract : Topics.all()) {
            assertTrue(page.contains("## `" + contract.topic() + "`"), "section for " + contract.topic());
            JsonNode schema;
            try (InputStream in = getClass().getResourceAsStream("/schemas/" + contract.topic() + ".schema.json")) {
                schema = Json.mapper().readTree(in);
            }
            Iterator<String> fields = schema.path("properties").fieldNames();
            while (fields.hasNext()) {
                String field = fields.next();
                assertTrue(page.contains("| `" + field + "` |"), contract.topic() + " field " + field + " documented");
            }
        }
    }
}
