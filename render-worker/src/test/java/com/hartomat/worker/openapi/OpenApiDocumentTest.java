package com.hartomat.worker.openapi;

import com.hartomat.deploy.local.openapi.OpenApiCompleteness;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The service's {@code /q/openapi} describes every request body and every successful response of every operation
 * (deploy/local's {@link OpenApiCompleteness}): clients such as the console are written against it.
 */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void everyOperationsBodiesHaveASchema() {
        OpenApiCompleteness.assertServedDocumentIsComplete();
    }
}
