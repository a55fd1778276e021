package com.hartomat.registry;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * A registry change continues the trace of the request that made it: the record on registry.changes.v1 carries the
 * request's trace id in its {@code traceparent} header (written into the outbox row in the change's transaction).
 */
@QuarkusTest
class ChangeTraceTest {

    @Test
    void theChangeRecordCarriesTheTraceOfTheRequest() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String id = given().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Traced " + UUID.randomUUID() + "\",\"definition\":{\"base_color\":\"#808080\"}}")
                .post("/api/materials").then().statusCode(201).extract().path("id");

        List<ConsumerRecord<String, byte[]>> records = ChangeEvents.recordsForKey(id, 1);
        assertEquals(1, records.size(), "the material's change record");
        Header traceparent = records.get(0).headers().lastHeader("traceparent");
        assertNotNull(traceparent, "the change record carries a traceparent header");
        String value = new String(traceparent.value(), StandardCharsets.UTF_8);
        assertTrue(value.startsWith("00-" + traceId + "-"), value);
    }
}
