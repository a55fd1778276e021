package com.hartomat.dispatch.dispatch;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RegistryChange;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Fixtures.Line;
import com.hartomat.dispatch.support.Graphs;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The output type's default material (real PostgreSQL and Kafka): every render job dispatch queues for an order line of
 * an output type naming one carries {@code inputs.default_material} = {@code {material, definition}}, the definition
 * the registry's material library holds, on the legacy route, the graph route and both sides of a shadow pair; an
 * output type naming none sends none (the worker's neutral default).
 */
@QuarkusTest
class DefaultMaterialJobsTest {

    @Inject
    AgroalDataSource db;

    Fixtures fx;
    String material;
    Map<String, Object> definition;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(db);
        material = "Primer Grey " + Fixtures.id().substring(0, 8);
        definition = Map.of("base_color", "#808080", "metallic", 0.0, "roughness", 0.7);
        String id = Fixtures.id();
        fx.publish(RegistryChange.MATERIAL, id, 1, Map.of("id", id, "name", material, "aliases", List.of(),
                "definition", definition));
    }

    @Test
    void theLegacyJobCarriesTheOutputTypesDefaultMaterialWithItsLibraryDefinition() {
        // named in another case than the library's: resolved as part materials are
        String ot = fx.outputType(null, "still_image", null, material.toLowerCase());
        Line line = fx.line(ot, null, List.of(), "draft"); // no part materials at all: the default alone needs the library

        given().post("/api/order-lines/" + line.orderLineId() + "/dispatch").then().statusCode(200)
                .body("execution_mode", equalTo("legacy"));

        RenderJob job = com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS, line.orderLineId(), 1).get(0);
        assertEquals(JobType.LEGACY_RENDER, job.jobType());
        assertEquals(Map.of("material", material.toLowerCase(), "definition", definition), job.inputs().get("default_material"));
    }

    @Test
    void theGraphsRenderJobCarriesIt() {
        String wf = fx.workflow(Graphs.still("graph"), true);
        Line line = fx.renderableLine(fx.outputType(wf, null, null, material));

        given().post("/api/order-lines/" + line.orderLineId() + "/dispatch").then().statusCode(200)
                .body("execution_mode", equalTo("graph"));

        RenderJob job = com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS, line.orderLineId(), 1).get(0);
        assertEquals(JobType.STILL, job.jobType());
        assertEquals(Map.of("material", material, "definition", definition), job.inputs().get("default_material"));
    }

    @Test
    void bothSidesOfAShadowPairCarryTheSameDefaultMaterial() {
        String wf = fx.workflow(Graphs.still("shadow"), true);
        Line line = fx.renderableLine(fx.outputType(wf, null, null, material));

        given().post("/api/order-lines/" + line.orderLineId() + "/dispatch").then().statusCode(200)
                .body("execution_mode", equalTo("shadow"));

        List<RenderJob> jobs = com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS, line.orderLineId(), 2);
        assertEquals(2, jobs.size());
        for (RenderJob job : jobs) {
            assertEquals(Map.of("material", material, "definition", definition), job.inputs().get("default_material"),
                    job.jobType().toString());
        }
    }

    @Test
    void anOutputTypeWithoutADefaultMaterialSendsNone() {
        String wf = fx.workflow(Graphs.still("graph"), true);
        Line line = fx.renderableLine(fx.outputType(wf, null, null, null));

        given().post("/api/order-lines/" + line.orderLineId() + "/dispatch").then().statusCode(200);

        RenderJob job = com.hartomat.dispatch.support.Topics.decoded(Topics.RENDER_JOBS, line.orderLineId(), 1).get(0);
        assertFalse(job.inputs().containsKey("default_material"), job.inputs().toString());
    }
}
