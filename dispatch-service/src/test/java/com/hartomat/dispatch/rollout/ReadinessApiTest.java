package com.hartomat.dispatch.rollout;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.hartomat.contracts.messages.Verdict;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Graphs;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/rollout/output-types/{id}/readiness} against the real PostgreSQL, with verdicts arriving on the real
 * {@code comparison.verdicts.v1} topic.
 */
@QuarkusTest
class ReadinessApiTest {

    @Inject
    AgroalDataSource db;

    Fixtures fx;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(db);
    }

    @Test
    void verdictsLeadFromShadowToGraphAndAFailResetsThePasses() {
        String wf = fx.workflow(Graphs.still("shadow"), true);
        String ot = fx.outputType(wf, null, null);
        String path = "/api/rollout/output-types/" + ot + "/readiness";

        given().get(path).then().statusCode(200).body("output_type_id", equalTo(ot))
                .body("rollout_mode", equalTo("shadow")).body("rollout_mode_source", equalTo("derived_from_config"))
                .body("recommendation", equalTo("run_shadow")).body("latest_verdicts", hasSize(0))
                .body("consecutive_passes", equalTo(0)).body("required_passes", equalTo(3))
                .body("window", equalTo("PT24H")).body("min_samples", equalTo(20))
                .body("graph.runs", equalTo(0)).body("graph.failure_rate", nullValue())
                .body("legacy.runs", equalTo(0)).body("auto_hold_enabled", equalTo(true));

        fx.verdict(ot, wf, Verdict.PASS);
        given().get(path).then().statusCode(200).body("recommendation", equalTo("keep_shadow"))
                .body("consecutive_passes", equalTo(1))
                .body("reasons", hasItem("1 of 3 consecutive passing verdicts needed to switch to graph."))
                .body("latest_verdicts[0].verdict", equalTo("pass"))
                .body("latest_verdicts[0].mean_pixel_delta", equalTo(0.0f));

        fx.verdict(ot, wf, Verdict.PASS);
        fx.verdict(ot, wf, Verdict.PASS);
        given().get(path).then().statusCode(200).body("recommendation", equalTo("switch_to_graph"))
                .body("consecutive_passes", equalTo(3)).body("latest_verdicts", hasSize(3));

        fx.verdict(ot, wf, Verdict.FAIL);
        given().get(path).then().statusCode(200).body("recommendation", equalTo("keep_legacy"))
                .body("consecutive_passes", equalTo(0)).body("latest_verdicts[0].verdict", equalTo("fail"));
    }

    @Test
    void inGraphItShowsTheErrorRates() {
        String wf = fx.workflow(Graphs.still("graph"), true);
        String ot = fx.outputType(wf, null, null);
        fx.scalar("INSERT INTO workflow_runs (id, execution_mode, status, output_type_id, completed_at) "
                + "VALUES (gen_random_uuid(), 'graph', 'failed', ?, now()) RETURNING id", ot);
        fx.scalar("INSERT INTO workflow_runs (id, execution_mode, status, output_type_id, completed_at) "
                + "VALUES (gen_random_uuid(), 'graph', 'completed', ?, now()) RETURNING id", ot);

        given().get("/api/rollout/output-types/" + ot + "/readiness").then().statusCode(200)
                .body("rollout_mode", equalTo("graph")).body("recommendation", equalTo("keep_graph"))
                .body("graph.runs", equalTo(2)).body("graph.failed", equalTo(1)).body("graph.failure_rate", equalTo(0.5f));
    }

    @Test
    void anUnknownOutputTypeIsNotFound() {
        given().get("/api/rollout/output-types/" + Fixtures.id() + "/readiness").then().statusCode(404)
                .body("code", equalTo("output_type_not_found"));
    }
}
