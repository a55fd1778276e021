package com.hartomat.dispatch.dispatch;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RegistryChange;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Fixtures.Line;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shadow parity of materials (real PostgreSQL and Kafka): the legacy job on {@code render.jobs.v1} carries each part's
 * library definition, resolved from the registry's materials as the graph's material_map_resolve resolves them, so
 * legacy and graph render the same colours.
 */
@QuarkusTest
class LegacyJobMaterialsTest {

    @Inject
    AgroalDataSource db;

    @Test
    @SuppressWarnings("unchecked")
    void theLegacyJobCarriesTheLibraryDefinitionOfEachPart() {
        Fixtures fx = new Fixtures(db);
        String name = "Signal Red " + Fixtures.id().substring(0, 8);
        String materialId = Fixtures.id();
        Map<String, Object> definition = Map.of("base_color", "#cc2222", "roughness", 0.4);
        fx.publish(RegistryChange.MATERIAL, materialId, 1, Map.of("id", materialId, "name", name, "aliases", List.of(),
                "definition", definition));
        String ot = fx.outputType(null, "still_image", null); // no workflow: the legacy route
        Line line = fx.line(ot, null, List.of(Map.of("part_name", "Body", "material", name.toUpperCase()),
                Map.of("part_name", "Cap", "material", "Nowhere In The Library")), "draft");

        given().post("/api/order-lines/" + line.orderLineId() + "/dispatch").then().statusCode(200)
                .body("execution_mode", equalTo("legacy"));

        RenderJob job = com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS, line.orderLineId(), 1).get(0);
        assertEquals(JobType.LEGACY_RENDER, job.jobType());
        List<Map<String, Object>> materials = (List<Map<String, Object>>) job.inputs().get("material_assignments");
        assertEquals("Body", materials.get(0).get("part_name"));
        assertEquals(definition, materials.get(0).get("definition"));
        assertNull(materials.get(1).get("definition"));
    }
}
