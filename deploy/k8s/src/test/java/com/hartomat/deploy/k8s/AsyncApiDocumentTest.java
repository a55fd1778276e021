package com.hartomat.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/asyncapi.yaml: generated from the contracts and the services' configuration, complete, and committed as rendered. */
class AsyncApiDocumentTest {

    private final ObjectNode doc = AsyncApiDocument.render(Repository.root());

    @Test
    void theCommittedDocumentIsWhatTheGeneratorRenders() throws Exception {
        Path committed = Repository.root().resolve(AsyncApiDocument.FILE);
        assertTrue(Files.isRegularFile(committed), committed + " is missing: run deploy/k8s/generate.sh");
        assertEquals(GenerateManifests.asyncApi(Repository.root()), Files.readString(committed),
                AsyncApiDocument.FILE + " drifted from its sources: run deploy/k8s/generate.sh and commit the result");
    }

    @Test
    void everyTopicIsAChannelWhosePayloadIsItsContractSchemaVerbatim() {
        assertEquals("3.0.0", doc.path("asyncapi").asText());
        List<JsonNode> topics = AsyncApiDocument.topics();
        assertFalse(topics.isEmpty());
        for (JsonNode topic : topics) {
            String name = topic.path("name").asText();
            JsonNode channel = doc.path("channels").path(AsyncApiDocument.key(name));
            assertEquals(name, channel.path("address").asText(), "channel of " + name);
            assertEquals(topic.path("partitions").asInt(), channel.path("bindings").path("kafka").path("partitions").asInt());
            JsonNode message = resolve(channel.path("messages").elements().next());
            assertEquals(AsyncApiDocument.SCHEMA_FORMAT, message.path("payload").path("schemaFormat").asText());
            assertEquals(AsyncApiDocument.schema(topic.path("schema").asText()), message.path("payload").path("schema"),
                    name + "'s payload is its contract schema");
            String dlq = topic.path("dead_letter_topic").asText();
            assertEquals(dlq, doc.path("channels").path(AsyncApiDocument.key(dlq)).path("address").asText());
        }
    }

    @Test
    void everyProducerAndConsumerOfTheServicesIsAnOperation() {
        for (String service : Suite.SERVICES) {
            ServiceConfig config = ServiceConfig.read(Repository.root(), service);
            for (String topic : config.produces()) {
                JsonNode op = doc.path("operations").path(service + "-sends-" + AsyncApiDocument.key(topic));
                assertEquals("send", op.path("action").asText(), service + " sends " + topic);
            }
            for (ServiceConfig.Consumption c : config.consumptions()) {
                JsonNode op = doc.path("operations").path(service + "-receives-" + AsyncApiDocument.key(c.topic()));
                assertEquals("receive", op.path("action").asText(), service + " receives " + c.topic());
            }
        }
        JsonNode events = doc.path("operations").path("dispatch-service-receives-render-events-v1");
        assertEquals("dispatch-service", events.path("bindings").path("kafka").path("groupId").path("enum").path(0).asText());
    }

    @Test
    void everyReferenceResolves() {
        List<String> broken = new ArrayList<>();
        collectRefs(doc, broken);
        assertEquals(List.of(), broken);
    }

    private void collectRefs(JsonNode node, List<String> broken) {
        if (node.isObject()) {
            if (node.has("$ref") && node.get("$ref").asText().startsWith("#/") && resolve(node).isMissingNode()) {
                broken.add(node.get("$ref").asText());
            }
            // a payload schema's own $refs point into that schema, not into the document
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals("payload")) {
                    collectRefs(field.getValue(), broken);
                }
            }
        } else if (node.isArray()) {
            node.forEach(item -> collectRefs(item, broken));
        }
    }

    private JsonNode resolve(JsonNode ref) {
        String pointer = ref.path("$ref").asText().substring(1);
        return doc.at(pointer);
    }
}
