package com.hartomat.dispatch.rollout;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static com.hartomat.deploy.local.auth.AuthenticatedRequests.givenToken;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hartomat.contracts.messages.Verdict;
import com.hartomat.deploy.local.auth.TestTokens;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Fixtures.Line;
import com.hartomat.dispatch.support.Graphs;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operators' rollout config API: verdict rule, force override, audit trail, immediate rollback. */
@QuarkusTest
class RolloutApiTest {

    @Inject
    AgroalDataSource db;

    Fixtures fx;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(db);
    }

    static io.restassured.response.ValidatableResponse put(String path, Map<String, Object> body) {
        // the audit names the token's subject; the X-Actor header is not trusted (RolloutAuditTest tries more forgeries)
        return givenToken(TestTokens.token("ops@hartomat", "admin")).contentType(ContentType.JSON)
                .header("X-Actor", "someone-else").body(body).put(path).then();
    }

    @Test
    void withoutOperatorSettingTheModeIsDerivedFromTheWorkflowConfig() {
        String wf = fx.workflow(Graphs.still("shadow"), true);
        String ot = fx.outputType(wf, null, null);

        given().get("/api/rollout/output-types/" + ot).then().statusCode(200)
                .body("mode", equalTo("shadow")).body("source", equalTo("derived_from_config"))
                .body("latest_shadow_verdict", nullValue());
        given().get("/api/rollout/workflow-definitions/" + wf).then().statusCode(200).body("mode", equalTo("shadow"));
    }

    @Test
    void switchingToGraphNeedsAPassingVerdictOrAnAuditedForce() {
        String wf = fx.workflow(Graphs.still("shadow"), true);
        String ot = fx.outputType(wf, null, null);
        String path = "/api/rollout/output-types/" + ot;

        put(path, Map.of("mode", "graph", "reason", "looks fine")).statusCode(409)
                .body("code", equalTo("shadow_verdict_required"));
        put(path, Map.of("mode", "graph", "force", true)).statusCode(422).body("code", equalTo("reason_required"))
                .body("path", equalTo("/reason"));
        given().get(path + "/history").then().statusCode(200).body("size()", equalTo(0));

        put(path, Map.of("mode", "graph", "force", true, "reason", "customer deadline")).statusCode(200)
                .body("setting.mode", equalTo("graph")).body("setting.source", equalTo("operator"))
                .body("audit.forced", equalTo(true));

        JsonPath history = given().get(path + "/history").then().statusCode(200).extract().jsonPath();
        assertEquals(1, history.getList("$").size());
        assertEquals("ops@hartomat", history.getString("[0].actor"));
        assertEquals(null, history.getString("[0].from_mode"));
        assertEquals("graph", history.getString("[0].to_mode"));
        assertEquals("customer deadline", history.getString("[0].reason"));
        assertEquals(true, history.getBoolean("[0].forced"));
    }

    @Test
    void aPassingShadowVerdictAllowsGraphWithoutForce() {
        String wf = fx.workflow(Graphs.still("shadow"), true);
        String ot = fx.outputType(wf, null, null);
        fx.verdict(ot, wf, Verdict.PASS);
        String path = "/api/rollout/output-types/" + ot;

        given().get(path).then().body("latest_shadow_verdict.verdict", equalTo("pass"));
        put(path, Map.of("mode", "graph", "reason", "shadow passed")).statusCode(200)
                .body("audit.forced", equalTo(false)).body("audit.latest_verdict", equalTo("pass"));
    }

    @Test
    void aWarnVerdictStillBlocksGraph() {
        String wf = fx.workflow(Graphs.still("shadow"), true);
        String ot = fx.outputType(wf, null, null);
        fx.verdict(ot, wf, Verdict.WARN);

        put("/api/rollout/output-types/" + ot, Map.of("mode", "graph", "reason", "try")).statusCode(409);
    }

    @Test
    void legacyOnlyIsAlwaysAcceptedAndTakesEffectForTheNextDispatch() {
        String wf = fx.workflow(Graphs.still("graph"), true);
        String ot = fx.outputType(wf, null, null);
        Line line = fx.renderableLine(ot);
        given().post("/api/order-lines/" + line.orderLineId() + "/dispatch").then().statusCode(200)
                .body("backend", equalTo("workflow_graph"));

        put("/api/rollout/output-types/" + ot, Map.of("mode", "legacy_only", "reason", "rollback")).statusCode(200)
                .body("audit.forced", equalTo(false)).body("audit.from_mode", nullValue());

        given().post("/api/order-lines/" + line.orderLineId() + "/dispatch").then().statusCode(200)
                .body("backend", equalTo("legacy")).body("rollout_gate_status", equalTo("rollout_legacy_only"))
                .body("workflow_rollout_mode", equalTo("legacy_only"));
        given().get("/api/rollout/output-types/" + ot + "/history").then().body("[0].to_mode", equalTo("legacy_only"))
                .body("[0].actor", equalTo("ops@hartomat"));
    }

    @Test
    void aWorkflowDefinitionSettingBoundsEveryOutputTypeUsingIt() {
        String wf = fx.workflow(Graphs.still("graph"), true);
        String ot = fx.outputType(wf, null, null);
        Line line = fx.bareLine(ot);

        put("/api/rollout/workflow-definitions/" + wf, Map.of("mode", "legacy_only", "reason", "rollback")).statusCode(200);

        given().post("/api/order-lines/" + line.orderLineId() + "/dispatch").then().statusCode(200)
                .body("rollout_gate_status", equalTo("rollout_legacy_only"));
        given().get("/api/rollout/workflow-definitions/" + wf + "/history").then().body("size()", equalTo(1));
    }

    @Test
    void badRequestsAreRefusedWithCodeMessageAndPath() {
        String ot = fx.outputType(null, null, null);
        put("/api/rollout/output-types/" + ot, Map.of("mode", "sideways")).statusCode(422)
                .body("code", equalTo("invalid_mode")).body("path", equalTo("/mode"));
        put("/api/rollout/output-types/" + ot, Map.of("reason", "no mode")).statusCode(422)
                .body("code", equalTo("missing_field"));
        given().contentType(ContentType.JSON).body("{not json").put("/api/rollout/output-types/" + ot).then()
                .statusCode(400).body("code", equalTo("malformed_json"));
        given().get("/api/rollout/output-types/" + Fixtures.id()).then().statusCode(404)
                .body("code", equalTo("output_type_not_found"));
    }
}
