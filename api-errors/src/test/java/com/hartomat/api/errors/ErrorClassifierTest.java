package com.hartomat.api.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

    final ErrorClassifier classifier = new ErrorClassifier(() -> "id-1");
    final ObjectMapper mapper = new ObjectMapper();

    record Item(int count, String name) {
    }

    @Test
    void aRefusalKeepsItsStatusCodeMessagePathAndErrors() {
        ErrorClassifier.Outcome o = classifier.classify(new ApiException(422, "invalid_edge", "edge 2 is broken", "/edges/2",
                List.of(new FieldError("invalid_edge", "edge 2 is broken", "/edges/2"))));
        assertEquals(422, o.status());
        assertEquals("invalid_edge", o.body().code());
        assertEquals("/edges/2", o.body().path());
        assertEquals("edge 2 is broken", o.body().detail());
        assertEquals(1, o.body().errors().size());
        assertNull(o.logged());
    }

    @Test
    void aRefusalWrappedByAReactivePipelineKeepsItsStatus() {
        ErrorClassifier.Outcome o = classifier.classify(new CompletionException(new RuntimeException(
                ApiException.noSuch("order_line", "x"))));
        assertEquals(404, o.status());
        assertEquals("order_line_not_found", o.body().code());
    }

    @Test
    void anIllegalArgumentOfTheServiceIsAFaultWithoutItsText() {
        ErrorClassifier.Outcome o = classifier.classify(new IllegalArgumentException("secret internal detail"));
        assertEquals(500, o.status());
        assertEquals("internal_error", o.body().code());
        assertFalse(o.body().message().contains("secret"));
        assertEquals("id-1", o.body().errorId());
        assertTrue(o.body().message().contains("id-1"));
        assertNotNull(o.logged());
    }

    @Test
    void anIllegalArgumentOfTheHttpDecoderIsTheClients() {
        IllegalArgumentException decoding = new IllegalArgumentException("invalid escape sequence `%ZZ`");
        decoding.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("io.netty.handler.codec.http.QueryStringDecoder", "decodeComponent", null, 1) });
        ErrorClassifier.Outcome o = classifier.classify(decoding);
        assertEquals(400, o.status());
        assertEquals("malformed_request", o.body().code());
    }

    @Test
    void aMultipartBodyCutOffIsTheClientsButAnIoFailureOfTheServiceIsNot() {
        java.io.IOException cut = new java.io.IOException("Connection terminated parsing multipart request");
        cut.setStackTrace(new StackTraceElement[] {new StackTraceElement(
                "org.jboss.resteasy.reactive.server.core.multipart.MultiPartParserDefinition$MultiPartUploadHandler",
                "parseBlocking", null, 250)});
        assertEquals(400, classifier.classify(cut).status());
        java.io.IOException disk = new java.io.IOException("No space left on device");
        disk.setStackTrace(new StackTraceElement[] {new StackTraceElement("com.hartomat.dispatch.context.StepStorage",
                "store", null, 1)});
        assertEquals(500, classifier.classify(new java.io.UncheckedIOException(disk)).status());
    }

    @Test
    void brokenJsonSyntaxIsMalformedJson() {
        Exception e = assertThrowsAny(() -> mapper.readTree("{\"name\": "));
        ErrorClassifier.Outcome o = classifier.classify(e);
        assertEquals(400, o.status());
        assertEquals("malformed_json", o.body().code());
    }

    @Test
    void nestingBeyondJacksonsLimitIsMalformedJson() {
        int depth = StreamReadConstraints.DEFAULT_MAX_DEPTH + 10;
        Exception e = assertThrowsAny(() -> mapper.readTree("[".repeat(depth) + "]".repeat(depth)));
        assertEquals("malformed_json", classifier.classify(e).body().code());
        assertEquals(400, classifier.classify(e).status());
    }

    @Test
    void aValueOfTheWrongTypeIsMalformedBodyWithItsPath() {
        Exception e = assertThrowsAny(() -> mapper.readValue("{\"count\": \"lots\"}", Item.class));
        ErrorClassifier.Outcome o = classifier.classify(new WebApplicationException(e, 400));
        assertEquals(400, o.status());
        assertEquals("malformed_body", o.body().code());
        assertEquals("/count", o.body().path());
    }

    @Test
    void aTypeJacksonCannotHandleIsTheServicesBug() {
        ErrorClassifier.Outcome o = classifier.classify(InvalidDefinitionException.from(
                (com.fasterxml.jackson.core.JsonParser) null, "no serializer", (com.fasterxml.jackson.databind.JavaType) null));
        assertEquals(500, o.status());
    }

    @Test
    void uniqueAndForeignKeyViolationsAreConflicts() {
        ErrorClassifier.Outcome unique = classifier.classify(new CompletionException(new ConstraintViolationException(
                "insert failed", new SQLException("duplicate key", "23505"), "k")));
        assertEquals(409, unique.status());
        assertEquals("conflict", unique.body().code());
        ErrorClassifier.Outcome referenced = classifier.classify(new SQLException("fk", "23503"));
        assertEquals(409, referenced.status());
        assertEquals("referenced", referenced.body().code());
    }

    static PgException pg(String message, String sqlState, String detail) {
        return new PgException(message, "ERROR", sqlState, detail);
    }

    @Test
    void aTakenSingleColumnValueIsAConflictAtItsFieldWithoutTheDatabasesWording() {
        ErrorClassifier.Outcome o = classifier.classify(new CompletionException(pg(
                "duplicate key value violates unique constraint \"products_pim_id_key\"", "23505",
                "Key (pim_id)=(PIM-42) already exists.")));
        assertEquals(409, o.status());
        assertEquals("conflict", o.body().code());
        assertEquals("/pim_id", o.body().path());
        assertEquals("pim_id 'PIM-42' is already taken", o.body().message());
        assertNull(o.logged());
    }

    @Test
    void aTakenMultiColumnKeyIsAConflictOfTheWholeRequest() {
        ErrorClassifier.Outcome o = classifier.classify(pg("duplicate key value violates unique constraint "
                + "\"workflow_versions_workflow_id_version_key\"", "23505",
                "Key (workflow_id, version)=(0f8c7a52-9d0e-4a59-8a55-6f1f8a1d2b3c, 2) already exists."));
        assertEquals(409, o.status());
        assertEquals("conflict", o.body().code());
        assertEquals("", o.body().path());
        assertNoDatabaseWording(o.body().message());
    }

    @Test
    void aWriteNamingAMissingRecordIsAnUnknownReferenceAtItsField() {
        String id = "3f2b8c1e-0d4a-4c7b-9e51-2a6d8f0b1c9e";
        ErrorClassifier.Outcome o = classifier.classify(new RuntimeException(pg("insert or update on table "
                + "\"products\" violates foreign key constraint \"products_cad_file_id_fkey\"", "23503",
                "Key (cad_file_id)=(" + id + ") is not present in table \"cad_files\".")));
        assertEquals(422, o.status());
        assertEquals("unknown_reference", o.body().code());
        assertEquals("/cad_file_id", o.body().path());
        assertEquals("cad_file_id '" + id + "' names no CAD file", o.body().message());
        ErrorClassifier.Outcome line = classifier.classify(pg("insert or update on table \"order_lines\" violates "
                + "foreign key constraint \"order_lines_product_id_fkey\"", "23503",
                "Key (product_id)=(" + id + ") is not present in table \"products\"."));
        assertEquals("/product_id", line.body().path());
        assertEquals("product_id '" + id + "' names no product", line.body().message());
    }

    @Test
    void aMultiColumnForeignKeyNamesTheMissingRecordAtTheTop() {
        ErrorClassifier.Outcome o = classifier.classify(pg("insert or update on table \"node_runs\" violates "
                + "foreign key constraint \"x\"", "23503", "Key (run_id, sequence)=(a, 1) is not present in table "
                + "\"workflow_run_categories\"."));
        assertEquals(422, o.status());
        assertEquals("unknown_reference", o.body().code());
        assertEquals("", o.body().path());
        assertEquals("the request names a workflow run category that does not exist", o.body().message());
    }

    @Test
    void aDeleteOfARecordStillInUseIsReferencedInTheApisTerms() {
        ErrorClassifier.Outcome o = classifier.classify(pg("update or delete on table \"products\" violates foreign "
                + "key constraint \"order_lines_product_id_fkey\" on table \"order_lines\"", "23503",
                "Key (id)=(3f2b8c1e-0d4a-4c7b-9e51-2a6d8f0b1c9e) is still referenced from table \"order_lines\"."));
        assertEquals(409, o.status());
        assertEquals("referenced", o.body().code());
        assertEquals("", o.body().path());
        assertEquals("the product is still used by order lines", o.body().message());
    }

    @Test
    void aLongClientValueIsEchoedCutAndAJdbcDetailIsReadToo() {
        String pim = "P".repeat(3000);
        ErrorClassifier.Outcome o = classifier.classify(new ConstraintViolationException("insert failed",
                new SQLException("ERROR: duplicate key value violates unique constraint \"products_pim_id_key\"\n"
                        + "  Detail: Key (pim_id)=(" + pim + ") already exists.", "23505"), "products_pim_id_key"));
        assertEquals(409, o.status());
        assertEquals("/pim_id", o.body().path());
        assertEquals("pim_id '" + "P".repeat(64) + "…' is already taken", o.body().message());
    }

    @Test
    void aViolationWithoutDetailGetsAGenericMessageAtTheTop() {
        for (String state : List.of("23505", "23503")) {
            ErrorClassifier.Outcome o = classifier.classify(pg("violates constraint \"secret_fkey\"", state, null));
            assertEquals(409, o.status(), state);
            assertEquals("", o.body().path(), state);
            assertNoDatabaseWording(o.body().message());
        }
    }

    @Test
    void tableNamesReadAsPeopleSayThem() {
        assertEquals("order lines", ErrorClassifier.readable("order_lines"));
        assertEquals("CAD file", ErrorClassifier.singular("dispatch.cad_files"));
        assertEquals("category", ErrorClassifier.singular("categories"));
        assertEquals("status", ErrorClassifier.singular("statuses"));
        assertEquals("address", ErrorClassifier.singular("addresses"));
    }

    private static void assertNoDatabaseWording(String message) {
        for (String word : List.of("Key (", "table", "constraint", "violates", "secret", "\"")) {
            assertFalse(message.contains(word), message);
        }
    }

    @Test
    void aValueTheColumnCannotHoldIsTheClients() {
        ErrorClassifier.Outcome o = classifier.classify(new SQLException("value too long", "22001"));
        assertEquals(422, o.status());
        assertEquals("invalid_value", o.body().code());
        // a row of the service's own that breaks a not-null constraint is its bug, not the client's
        assertEquals(500, classifier.classify(new SQLException("null value in column", "23502")).status());
    }

    @Test
    void aWrongStatementIsAFaultAndALostConnectionIsUnavailable() {
        ErrorClassifier.Outcome wrong = classifier.classify(new SQLException("relation does not exist: secret_table", "42P01"));
        assertEquals(500, wrong.status());
        assertFalse(wrong.body().message().contains("secret_table"));
        ErrorClassifier.Outcome lost = classifier.classify(new RuntimeException(new ConnectException("refused 10.0.0.7")));
        assertEquals(503, lost.status());
        assertEquals("database_unavailable", lost.body().code());
        assertFalse(lost.body().message().contains("10.0.0.7"));
        ErrorClassifier.Outcome own = classifier.classify(new Unavailable("registry_unavailable", "the registry is down", null));
        assertEquals(503, own.status());
        assertEquals("registry_unavailable", own.body().code());
    }

    @Test
    void jaxRsRefusalsKeepTheirStatusWithACodeNamedAfterIt() {
        assertEquals("not_found", classifier.classify(new NotFoundException()).body().code());
        ErrorClassifier.Outcome method = classifier.classify(new NotAllowedException("GET"));
        assertEquals(405, method.status());
        assertEquals("method_not_allowed", method.body().code());
        ErrorClassifier.Outcome type = classifier.classify(new NotSupportedException());
        assertEquals(415, type.status());
        assertEquals("unsupported_media_type", type.body().code());
    }

    @Test
    void aServerErrorRaisedAsWebApplicationExceptionCarriesNoText() {
        ErrorClassifier.Outcome o = classifier.classify(new WebApplicationException("db password is hunter2", 502));
        assertEquals(500, o.status());
        assertFalse(o.body().message().contains("hunter2"));
    }

    record Body(String name, java.util.Map<String, Object> params, List<String> tags) {
    }

    @Test
    void malformedBodyMessagesSayWhatIsExpectedWithoutJavaNames() {
        Exception count = assertThrowsAny(() -> mapper.readValue("{\"count\": \"lots\"}", Item.class));
        assertEquals("count must be a whole number", classifier.classify(count).body().message());
        Exception top = assertThrowsAny(() -> mapper.readValue("[1]", Item.class));
        ErrorClassifier.Outcome whole = classifier.classify(top);
        assertEquals("malformed_body", whole.body().code());
        assertEquals("", whole.body().path());
        assertEquals("the body must be a JSON object", whole.body().message());
        Exception params = assertThrowsAny(() -> mapper.readValue("{\"params\": \"x\"}", Body.class));
        assertEquals("params must be a JSON object", classifier.classify(params).body().message());
        assertEquals("/params", classifier.classify(params).body().path());
        Exception tags = assertThrowsAny(() -> mapper.readValue("{\"tags\": {}}", Body.class));
        assertEquals("tags must be a JSON array", classifier.classify(tags).body().message());
        for (Exception e : List.of(count, top, params, tags)) {
            String message = classifier.classify(e).body().message();
            assertFalse(message.contains("com.") || message.contains("java.") || message.contains("`"), message);
        }
    }

    @Test
    void aNumberOrBooleanForAStringIsMalformedBodyOnceCoercionIsOff() {
        ObjectMapper strict = new ObjectMapper();
        strict.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Textual)
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
                        com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
        Exception e = assertThrowsAny(() -> strict.readValue("{\"name\": 123}", Body.class));
        ErrorClassifier.Outcome o = classifier.classify(e);
        assertEquals("malformed_body", o.body().code());
        assertEquals("/name", o.body().path());
        assertEquals("name must be a string", o.body().message());
    }

    @Test
    void parserLimitsAreNamedWithoutJacksonsJavaNames() {
        int depth = StreamReadConstraints.DEFAULT_MAX_DEPTH + 10;
        Exception e = assertThrowsAny(() -> mapper.readTree("[".repeat(depth) + "]".repeat(depth)));
        assertFalse(classifier.classify(e).body().message().contains("`"));
        assertEquals("Document nesting depth (1001) exceeds the maximum allowed",
                ErrorClassifier.humane("Document nesting depth (1001) exceeds the maximum allowed (1000, from "
                        + "`StreamReadConstraints.getMaxNestingDepth()`)"));
    }

    @Test
    void anUnclosedObjectIsReportedWithItsLineAndColumnNotTheParsersSourceDescription() throws Exception {
        Exception e = assertThrowsAny(() -> mapper.readTree("{"));
        String message = classifier.classify(e).body().message();
        assertFalse(message.contains("[Source"), message);
        assertFalse(message.contains("`"), message);
        assertTrue(message.contains("line 1, column 1"), message);
    }

    @Test
    void jaxRsRefusalsSpeakWithoutAnnotationsOrTypes() {
        ErrorClassifier.Outcome type = classifier.classify(new NotSupportedException(
                "The content-type header value did not match the value in @Consumes"));
        assertFalse(type.body().message().contains("@Consumes"), type.body().message());
        assertTrue(type.body().message().contains("application/json"), type.body().message());
        ErrorClassifier.Outcome accept = classifier.classify(new jakarta.ws.rs.NotAcceptableException(
                "The accept header value did not match the value in @Produces"));
        assertEquals(406, accept.status());
        assertEquals("not_acceptable", accept.body().code());
        assertFalse(accept.body().message().contains("@Produces"), accept.body().message());
    }

    @Test
    void aBareBadRequestOfTheRestLayerIsAnUndecodableRequest() {
        ErrorClassifier.Outcome o = classifier.classify(new jakarta.ws.rs.BadRequestException());
        assertEquals(400, o.status());
        assertEquals("malformed_request", o.body().code());
        assertFalse(o.body().message().contains("HTTP 400"));
    }

    private static Exception assertThrowsAny(ThrowingRunnable run) {
        try {
            run.run();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
