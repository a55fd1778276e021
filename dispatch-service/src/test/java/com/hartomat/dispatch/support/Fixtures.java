package com.hartomat.dispatch.support;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hartomat.contracts.messages.RegistryChange;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Seeds what the reference's {@code _seed_order_line} / {@code _seed_renderable_order_line} seed: render contexts
 * through the service's own REST API, registry entities as change events on the real {@code registry.changes.v1}.
 */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource db;

    public Fixtures(DataSource db) {
        this.db = db;
    }

    public record Line(String orderLineId, String orderId, String productId, String cadFileId, String outputTypeId) {
    }

    public static String id() {
        return UUID.randomUUID().toString();
    }

    /** A product with a stored STEP file, parsed part "Body" and material Steel, an order and an order line. */
    public Line renderableLine(String outputTypeId) {
        String cad = uploadStep("product.step");
        given().contentType(ContentType.JSON).body(Map.of("parsed_objects", Map.of("objects", List.of("Body"))))
                .patch("/api/cad-files/" + cad).then().statusCode(200);
        return line(outputTypeId, cad, List.of(Map.of("part_name", "Body", "material", "Steel")), "draft");
    }

    /** A product without CAD file or materials (the reference's {@code _seed_order_line}). */
    public Line bareLine(String outputTypeId) {
        return line(outputTypeId, null, List.of(), "draft");
    }

    public Line line(String outputTypeId, String cadFileId, List<Map<String, Object>> materials, String orderStatus) {
        Map<String, Object> product = new HashMap<>();
        product.put("pim_id", "PIM-" + id().substring(0, 8));
        product.put("name", "Dispatch Product");
        product.put("category_key", "dispatch");
        product.put("cad_file_id", cadFileId);
        product.put("cad_part_materials", materials);
        String productId = given().contentType(ContentType.JSON).body(product).post("/api/products")
                .then().statusCode(201).extract().path("id");
        String orderId = given().contentType(ContentType.JSON)
                .body(Map.of("order_number", "WF-" + id().substring(0, 10), "created_by", "admin", "status", orderStatus))
                .post("/api/orders").then().statusCode(201).extract().path("id");
        Map<String, Object> line = new HashMap<>();
        line.put("order_id", orderId);
        line.put("product_id", productId);
        line.put("output_type_id", outputTypeId);
        String lineId = given().contentType(ContentType.JSON).body(line).post("/api/order-lines")
                .then().statusCode(201).extract().path("id");
        return new Line(lineId, orderId, productId, cadFileId, outputTypeId);
    }

    /** The smallest file the upload accepts as STEP: header with its schema, one entity, the closing line. */
    public static String minimalStep(String name) {
        return "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION(('test'),'2;1');\nFILE_NAME('" + name + "','',(''),(''),'','','');\n"
                + "FILE_SCHEMA(('AUTOMOTIVE_DESIGN'));\nENDSEC;\nDATA;\n#1=CARTESIAN_POINT('',(0.,0.,0.));\nENDSEC;\n"
                + "END-ISO-10303-21;\n";
    }

    public String uploadStep(String name) {
        byte[] step = (minimalStep(name) + id()).getBytes(StandardCharsets.UTF_8);
        return given().multiPart("file", name, step, "application/octet-stream").post("/api/cad-files")
                .then().statusCode(201).extract().path("id");
    }

    /** An output type in the registry; {@code workflowId} may be null. */
    public String outputType(String workflowId, String artifactKind, Map<String, Object> renderSettings) {
        return outputType(workflowId, artifactKind, renderSettings, null);
    }

    /** An output type naming a library material for parts without an assignment ({@code default_material}). */
    public String outputType(String workflowId, String artifactKind, Map<String, Object> renderSettings,
            String defaultMaterial) {
        String id = id();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("id", id);
        state.put("name", "Workflow Output " + id.substring(0, 8));
        state.put("workflow_family", "order_line");
        state.put("artifact_kind", artifactKind);
        state.put("workflow_definition_id", workflowId);
        state.put("render_settings", renderSettings == null ? Map.of() : renderSettings);
        state.put("invocation_overrides", Map.of());
        state.put("render_backend", "auto");
        state.put("default_material", defaultMaterial);
        publish(RegistryChange.OUTPUT_TYPE, id, 1, state);
        return id;
    }

    /** A workflow definition in the registry, stored with the config exactly as given (legacy or canonical). */
    public String workflow(JsonNode config, boolean active) {
        String id = id();
        publishWorkflow(id, 1, config, active);
        return id;
    }

    public void publishWorkflow(String id, long version, JsonNode config, boolean active) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("id", id);
        state.put("name", "Workflow " + id.substring(0, 8));
        state.put("version", version);
        state.put("is_active", active);
        state.put("config", JSON.convertValue(config, Map.class));
        publish(RegistryChange.WORKFLOW_DEFINITION, id, version, state);
    }

    public void publish(String type, String id, long version, Map<String, Object> state) {
        com.hartomat.dispatch.support.Topics.produce(com.hartomat.contracts.codec.Topics.REGISTRY_CHANGES, id,
                new RegistryChange(id(), type, id, state == null ? RegistryChange.DELETE : RegistryChange.UPSERT, version,
                        Instant.now(), state));
        awaitVersion(type, id, version);
    }

    public void awaitVersion(String type, String id, long version) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> version(type, id) >= version);
    }

    public long version(String type, String id) {
        Object v = scalar("SELECT entity_version FROM registry_entities WHERE entity_type = ? AND entity_id = ?", type, id);
        return v == null ? -1 : ((Number) v).longValue();
    }

    public Object scalar(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws java.sql.SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    /** Runs one changing statement; returns the rows it changed. */
    public int execute(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public List<Map<String, Object>> rows(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> out = new java.util.ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public long runCount(String orderLineId) {
        return ((Number) scalar("SELECT count(*) FROM workflow_runs WHERE order_line_id = ?::uuid", orderLineId)).longValue();
    }

    /** Sets the operator rollout mode (forced, with a reason) as an operator would. */
    public void rollout(String outputTypeId, String mode) {
        given().contentType(ContentType.JSON).header("X-Actor", "test-operator")
                .body(Map.of("mode", mode, "reason", "test setup", "force", true))
                .put("/api/rollout/output-types/" + outputTypeId).then().statusCode(200);
    }

    /** A comparison verdict for a shadow run of this output type / workflow, as the comparison service sends it. */
    public String verdict(String outputTypeId, String workflowId, com.hartomat.contracts.messages.Verdict verdict) {
        String run = id();
        com.hartomat.dispatch.support.Topics.produce(com.hartomat.contracts.codec.Topics.COMPARISON_VERDICTS, run,
                new com.hartomat.contracts.messages.ComparisonVerdict(id(), run, id(), outputTypeId, workflowId, verdict,
                        verdict == com.hartomat.contracts.messages.Verdict.PASS ? "ready_for_rollout" : "hold_legacy_authoritative",
                        "matched", verdict == com.hartomat.contracts.messages.Verdict.PASS, false, false,
                        new com.hartomat.contracts.messages.ComparisonMetrics(true, true, 0.0, 1),
                        List.of("test verdict"), null, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> scalar("SELECT verdict FROM shadow_verdicts WHERE workflow_run_id = ?", run) != null);
        return run;
    }

    public static JsonNode json(Object value) {
        return JSON.valueToTree(value);
    }
}
