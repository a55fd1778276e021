package com.hartomat.registry;

import static com.hartomat.registry.Bodies.get;
import static com.hartomat.registry.Bodies.json;
import static com.hartomat.registry.Bodies.post;
import static com.hartomat.registry.Bodies.put;
import static com.hartomat.registry.Bodies.unique;
import static com.hartomat.registry.Bodies.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hartomat.workflow.model.WorkflowConfigs;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A body read with GET can be sent back with PUT: its read-only members are accepted when they equal the stored values
 * (and ignored), refused with 422 {@code read_only_field} at their path when they differ, on every PUT-able resource.
 */
@QuarkusTest
class GetPutRoundTripTest {

    static final Set<String> CHANGED_BY_EVERY_UPDATE = Set.of("version", "latest_version", "updated_at");

    @Test
    void outputTypeReadWithGetIsAcceptedByPut() {
        String id = post("/api/output-types", json("{'name':'" + unique("round-trip") + "'}"), 201).get("id").asText();
        roundTrip("/api/output-types/" + id, "name");
    }

    @Test
    void renderTemplateReadWithGetIsAcceptedByPut() {
        String id = post("/api/render-templates", json("{'category_key':'" + unique("rt") + "','template_path':'t/a.blend'}"), 201)
                .get("id").asText();
        roundTrip("/api/render-templates/" + id, "name");
    }

    @Test
    void materialReadWithGetIsAcceptedByPut() {
        String id = post("/api/materials", json("{'name':'" + unique("Steel") + "','aliases':['" + unique("st") + "'],"
                + "'definition':{'metallic':1.0}}"), 201).get("id").asText();
        roundTrip("/api/materials/" + id, "name");
    }

    @Test
    void workflowReadWithGetIsAcceptedByPutAsItsNextVersion() {
        String id = post("/api/workflows", workflow(unique("wf"), WorkflowConfigs.blueprint("still")), 201).get("id").asText();
        JsonNode saved = roundTrip("/api/workflows/" + id, "name");
        assertEquals(2, saved.get("version").asInt());
        assertEquals(2, saved.get("latest_version").asInt());
        assertEquals(WorkflowConfigs.blueprint("still").get("nodes"), saved.at("/config/nodes"));
    }

    @Test
    void aDifferingReadOnlyMemberIsRefusedAtItsPathAndNothingChanges() {
        String id = post("/api/output-types", json("{'name':'" + unique("guarded") + "'}"), 201).get("id").asText();
        String path = "/api/output-types/" + id;
        JsonNode read = get(path, 200);

        ObjectNode otherId = read.deepCopy();
        otherId.put("id", "00000000-0000-0000-0000-000000000001");
        otherId.put("name", unique("renamed"));
        assertRefused(put(path, otherId, 422), "/id");

        ObjectNode otherCreation = read.deepCopy();
        otherCreation.put("created_at", "2001-01-01T00:00:00Z");
        assertRefused(put(path, otherCreation, 422), "/created_at");

        assertEquals(read, get(path, 200), "a refused update changed the output type");
    }

    @Test
    void aBodyReadBeforeSomeoneElsesUpdateIsRefusedAsStale() {
        String id = post("/api/materials", json("{'name':'" + unique("Copper") + "'}"), 201).get("id").asText();
        String path = "/api/materials/" + id;
        JsonNode before = get(path, 200);
        put(path, json("{'aliases':['" + unique("cu") + "']}"), 200);

        ObjectNode stale = before.deepCopy();
        stale.put("name", unique("Copper"));
        JsonNode refused = put(path, stale, 422);
        assertEquals("read_only_field", refused.get("code").asText());
        assertEquals(List.of("/version", "/updated_at"), paths(refused));
    }

    @Test
    void workflowMembersDerivedFromTheConfigFollowANewConfigButGuardTheStoredOne() {
        String id = post("/api/workflows", workflow(unique("derived"), WorkflowConfigs.blueprint("still")), 201).get("id").asText();
        String path = "/api/workflows/" + id;
        JsonNode read = get(path, 200);
        assertEquals("legacy", read.get("execution_mode").asText());

        // the editor changes the config's execution mode and sends the whole body back: the top-level copy is derived anew
        ObjectNode edited = read.deepCopy();
        ((ObjectNode) edited.get("config").get("ui")).put("execution_mode", "graph");
        JsonNode saved = put(path, edited, 200);
        assertEquals("graph", saved.get("execution_mode").asText());
        assertEquals(2, saved.get("version").asInt());

        // without a config the derived members describe the stored one and must match it
        ObjectNode noConfig = saved.deepCopy();
        noConfig.remove("config");
        noConfig.put("family", "cad_file");
        assertRefused(put(path, noConfig, 422), "/family");

        // an older version's body is stale
        ObjectNode old = read.deepCopy();
        old.remove("config");
        assertEquals("/version", put(path, old, 422).get("path").asText());
        assertEquals(2, get(path, 200).get("latest_version").asInt());
    }

    /** GET, change {@code member}, PUT the whole body back: 200, the change applied, everything else as read. */
    private static JsonNode roundTrip(String path, String member) {
        JsonNode read = get(path, 200);
        ObjectNode sent = read.deepCopy();
        String changed = unique("renamed");
        sent.put(member, changed);
        JsonNode saved = put(path, sent, 200);
        assertEquals(changed, saved.get(member).asText());
        assertEquals(read.get("version").asInt() + 1, saved.get("version").asInt());
        List<String> members = new ArrayList<>();
        read.fieldNames().forEachRemaining(members::add);
        for (String name : members) {
            if (!name.equals(member) && !CHANGED_BY_EVERY_UPDATE.contains(name)) {
                assertEquals(read.get(name), saved.get(name), name + " changed in a round trip of " + path);
            }
        }
        assertEquals(saved, get(path, 200));
        // what PUT answered can be sent back too
        assertEquals(saved.get("version").asInt() + 1, put(path, saved, 200).get("version").asInt());
        return saved;
    }

    private static void assertRefused(JsonNode body, String path) {
        assertEquals("read_only_field", body.get("code").asText(), body.toString());
        assertEquals(path, body.get("path").asText(), body.toString());
    }

    private static List<String> paths(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.get("errors").forEach(e -> out.add(e.get("path").asText()));
        return out;
    }
}
