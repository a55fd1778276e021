package com.hartomat.dispatch.security;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static com.hartomat.deploy.local.auth.AuthenticatedRequests.givenToken;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hartomat.deploy.local.auth.TestTokens;
import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Graphs;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rollout audit trail names the token's subject: a forged {@code X-Actor} header or body {@code actor} changes
 * nothing. A forced change ({@code force: true}) needs admin, checked before anything is written.
 */
@QuarkusTest
class RolloutAuditTest {

    @Inject
    AgroalDataSource db;

    Fixtures fx;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(db);
    }

    @Test
    void theAuditActorIsTheTokenSubjectWhateverTheHeaderAndBodyClaim() {
        String wf = fx.workflow(Graphs.still("shadow"), true);
        String ot = fx.outputType(wf, null, null);
        String path = "/api/rollout/output-types/" + ot;

        givenToken(TestTokens.token("carol", "operator")).contentType(ContentType.JSON).header("X-Actor", "mallory")
                .body(Map.of("mode", "shadow", "reason", "try it", "actor", "mallory")).put(path)
                .then().statusCode(200).body("audit.actor", equalTo("carol")).body("setting.updated_by", equalTo("carol"));

        JsonPath history = given().get(path + "/history").then().statusCode(200).extract().jsonPath();
        assertEquals(1, history.getList("$").size());
        assertEquals("carol", history.getString("[0].actor"));
        assertEquals(0L, count("SELECT count(*) FROM dispatch.rollout_audit WHERE actor = 'mallory'"));
    }

    @Test
    void aForcedRolloutNeedsAdminAndARefusedOneWritesNoAudit() {
        String wf = fx.workflow(Graphs.still("shadow"), true);
        String ot = fx.outputType(wf, null, null);
        String path = "/api/rollout/output-types/" + ot;
        Map<String, Object> forced = Map.of("mode", "graph", "force", true, "reason", "customer deadline");

        givenToken(TestTokens.token("carol", "operator")).contentType(ContentType.JSON).body(forced).put(path)
                .then().statusCode(403).body("code", equalTo("forbidden")).body("path", equalTo("/force"));
        given().get(path + "/history").then().statusCode(200).body("size()", equalTo(0));

        givenToken(TestTokens.token("dave", "admin")).contentType(ContentType.JSON).header("X-Actor", "mallory")
                .body(forced).put(path).then().statusCode(200)
                .body("audit.forced", equalTo(true)).body("audit.actor", equalTo("dave"));
    }

    @Test
    void anUnforcedChangeIsAnOperatorsAndNotAnAuthors() {
        String wf = fx.workflow(Graphs.still("shadow"), true);
        String ot = fx.outputType(wf, null, null);
        String path = "/api/rollout/output-types/" + ot;
        givenToken(TestTokens.token("erin", "author")).contentType(ContentType.JSON)
                .body(Map.of("mode", "legacy_only", "reason", "rollback")).put(path).then().statusCode(403);
        givenToken(TestTokens.token("carol", "operator")).contentType(ContentType.JSON)
                .body(Map.of("mode", "legacy_only", "reason", "rollback")).put(path).then().statusCode(200)
                .body("audit.actor", equalTo("carol"));
    }

    private long count(String sql) {
        return ((Number) fx.scalar(sql)).longValue();
    }
}
