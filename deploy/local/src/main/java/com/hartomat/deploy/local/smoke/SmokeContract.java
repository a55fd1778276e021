package com.hartomat.deploy.local.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/**
 * The canonical smoke contract, provisioned idempotently over the public API: what an earlier smoke created is found
 * by its stable name and reused (brought back to the contract if it drifted), only the order and its line are new
 * for every smoke.
 */
final class SmokeContract {

    static final Path SAMPLE_STEP = Path.of("/usr/share/doc/gmsh-doc/doc/gmsh/demos/api/as1-tu-203.stp.gz");
    static final String SAMPLE_PART = "nut";
    static final String MATERIAL = "HartOMat smoke steel";
    static final String CATEGORY = "hartomat-smoke";
    static final String PIM_ID = "HARTOMAT-SMOKE";

    /** One row the smoke touched: what it is, its name and id, and whether it was created, updated or reused. */
    record Row(String entity, String name, String id, String action) {
    }

    /** What one smoke renders with. */
    record Provisioned(String materialId, String templateId, String workflowId, String outputTypeId, String productId,
            String cadFileId, String orderId, String orderLineId, List<Row> rows) {
    }

    private final SmokeHttp registry;
    private final SmokeHttp dispatch;
    private final List<Row> rows = new ArrayList<>();

    SmokeContract(SmokeHttp registry, SmokeHttp dispatch) {
        this.registry = registry;
        this.dispatch = dispatch;
    }

    Provisioned provision(SmokeKind kind, SmokeMode mode, RenderSize size) {
        rows.clear();
        String materialId = material();
        String templateId = template();
        String workflowId = workflow(kind);
        String outputTypeId = outputType(kind, workflowId, size);
        String[] product = product();
        String orderNumber = "SMOKE-" + kind.label().toUpperCase() + "-" + mode.label().toUpperCase() + "-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()) + "-"
                + UUID.randomUUID().toString().substring(0, 4);
        String orderId = dispatch.post("/api/orders", Map.of("order_number", orderNumber, "created_by", SmokeHttp.ACTOR,
                "status", "submitted")).expect(201).path("id").asText();
        rows.add(new Row("order", orderNumber, orderId, "created"));
        String lineId = dispatch.post("/api/order-lines", Map.of("order_id", orderId, "product_id", product[0],
                "output_type_id", outputTypeId)).expect(201).path("id").asText();
        rows.add(new Row("order line", kind.outputTypeName(), lineId, "created"));
        return new Provisioned(materialId, templateId, workflowId, outputTypeId, product[0], product[1], orderId, lineId,
                List.copyOf(rows));
    }

    private String material() {
        JsonNode found = byField(registry.get("/api/materials").expect(200), "name", MATERIAL);
        if (found != null) {
            return reused("material", MATERIAL, found);
        }
        Map<String, Object> definition = Map.of("base_color", "#b03030", "metallic", 0.8, "roughness", 0.35);
        return created("material", MATERIAL, registry.post("/api/materials", Map.of("name", MATERIAL,
                "definition", definition)).expect(201));
    }

    private String template() {
        JsonNode found = byField(registry.get("/api/render-templates?category_key=" + CATEGORY).expect(200),
                "category_key", CATEGORY);
        if (found != null) {
            return reused("render template", CATEGORY, found);
        }
        return created("render template", CATEGORY, registry.post("/api/render-templates",
                Map.of("category_key", CATEGORY, "name", "HartOMat smoke")).expect(201));
    }

    private String workflow(SmokeKind kind) {
        JsonNode blueprint = byField(registry.get("/api/workflows/blueprints").expect(200), "name", kind.blueprint());
        if (blueprint == null) {
            throw new SmokeFailure("the registry serves no blueprint '" + kind.blueprint() + "'");
        }
        // canonical as the registry saves it, so that an unchanged contract compares equal to the saved config
        JsonNode config = registry.post("/api/workflows/validate", Map.of("config", kind.workflowConfig(blueprint.path("config"))))
                .expect(200).path("config");
        JsonNode found = byField(registry.get("/api/workflows").expect(200), "name", kind.workflowName());
        if (found == null) {
            return created("workflow", kind.workflowName(), registry.post("/api/workflows", Map.of("name",
                    kind.workflowName(), "config", config, "is_active", true)).expect(201));
        }
        if (found.path("config").equals(config) && found.path("is_active").asBoolean(false)) {
            return reused("workflow", kind.workflowName() + " v" + found.path("version").asText(), found);
        }
        JsonNode updated = registry.put("/api/workflows/" + found.path("id").asText(),
                Map.of("config", config, "is_active", true)).expect(200);
        return updated("workflow", kind.workflowName() + " v" + updated.path("version").asText(), updated);
    }

    private String outputType(SmokeKind kind, String workflowId, RenderSize size) {
        Map<String, Object> settings = kind.renderSettings(size);
        JsonNode wanted = SmokeHttp.JSON.valueToTree(settings);
        JsonNode found = byField(registry.get("/api/output-types").expect(200), "name", kind.outputTypeName());
        if (found == null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", kind.outputTypeName());
            body.put("artifact_kind", kind.artifactKind());
            body.put("workflow_definition_id", workflowId);
            body.put("render_settings", settings);
            return created("output type", kind.outputTypeName(), registry.post("/api/output-types", body).expect(201));
        }
        if (workflowId.equals(found.path("workflow_definition_id").asText())
                && covers(found.path("render_settings"), wanted)) {
            return reused("output type", kind.outputTypeName(), found);
        }
        ObjectNode merged = found.path("render_settings").isObject() ? found.path("render_settings").deepCopy()
                : SmokeHttp.JSON.createObjectNode();
        merged.setAll((ObjectNode) wanted);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workflow_definition_id", workflowId);
        body.put("render_settings", merged);
        return updated("output type", kind.outputTypeName(), registry.put("/api/output-types/" + found.path("id").asText(),
                body).expect(200));
    }

    /** The product on the sample STEP, its nuts in the library material; returns its id and its CAD file's id. */
    private String[] product() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pim_id", PIM_ID);
        body.put("name", "HartOMat smoke product (gmsh sample assembly as1-tu-203)");
        body.put("category_key", CATEGORY);
        body.put("cad_part_materials", List.of(Map.of("part_name", SAMPLE_PART, "material", MATERIAL)));
        JsonNode found = findProduct();
        if (found != null && dispatch.get("/api/cad-files/" + found.path("cad_file_id").asText()).status() == 200) {
            String cadFileId = found.path("cad_file_id").asText();
            body.put("cad_file_id", cadFileId);
            boolean same = CATEGORY.equals(found.path("category_key").asText())
                    && found.path("cad_part_materials").equals(SmokeHttp.JSON.valueToTree(body.get("cad_part_materials")));
            String id = same ? reused("product", PIM_ID, found)
                    : updated("product", PIM_ID, dispatch.put("/api/products/" + found.path("id").asText(), body).expect(200));
            return new String[] {id, cadFileId};
        }
        String cadFileId = uploadSampleStep();
        body.put("cad_file_id", cadFileId);
        if (found != null) {
            return new String[] {updated("product", PIM_ID + " (its CAD file was gone)",
                    dispatch.put("/api/products/" + found.path("id").asText(), body).expect(200)), cadFileId};
        }
        return new String[] {created("product", PIM_ID, dispatch.post("/api/products", body).expect(201)), cadFileId};
    }

    private JsonNode findProduct() {
        for (int page = 1; ; page++) {
            JsonNode answer = dispatch.get("/api/products?page=" + page + "&page_size=200").expect(200);
            JsonNode found = byField(answer.path("items"), "pim_id", PIM_ID);
            if (found != null || answer.path("items").size() < 200) {
                return found;
            }
        }
    }

    /** The gmsh-doc sample assembly, decompressed (the upload takes .step/.stp only). */
    private String uploadSampleStep() {
        byte[] step;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SAMPLE_STEP))) {
            step = in.readAllBytes();
        } catch (IOException e) {
            throw new SmokeFailure("the sample STEP " + SAMPLE_STEP + " is needed (Debian package gmsh-doc; "
                    + "./hartomat up installs it as root)", e);
        }
        return created("CAD file", "as1-tu-203.stp", dispatch.upload("/api/cad-files", "as1-tu-203.stp", step).expect(201));
    }

    /** Every wanted setting is there with an equal value (numbers compared as numbers: 1 and 1.0 are equal). */
    static boolean covers(JsonNode saved, JsonNode wanted) {
        var names = wanted.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode have = saved.path(name);
            JsonNode want = wanted.path(name);
            boolean equal = want.isNumber() && have.isNumber() ? want.asDouble() == have.asDouble() : want.equals(have);
            if (!equal) {
                return false;
            }
        }
        return true;
    }

    /** The element of a JSON array (or of a page's {@code items}) whose field has this value; null if none. */
    static JsonNode byField(JsonNode list, String field, String value) {
        JsonNode items = list.isArray() ? list : list.path("items");
        for (JsonNode item : items) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        return null;
    }

    private String created(String entity, String name, JsonNode body) {
        return row(entity, name, body, "created");
    }

    private String updated(String entity, String name, JsonNode body) {
        return row(entity, name, body, "updated");
    }

    private String reused(String entity, String name, JsonNode body) {
        return row(entity, name, body, "reused");
    }

    private String row(String entity, String name, JsonNode body, String action) {
        String id = body.path("id").asText();
        rows.add(new Row(entity, name, id, action));
        return id;
    }
}
