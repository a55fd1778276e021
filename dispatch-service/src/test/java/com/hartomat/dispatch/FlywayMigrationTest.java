package com.hartomat.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.deploy.local.SchemaInspection;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FlywayMigrationTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void migrationsAppliedToThisServicesOwnSchemaOnly() throws Exception {
        List<String> versions = SchemaInspection.appliedMigrations(dataSource, "dispatch");
        assertTrue(versions.contains("0.1"), "outbox migration applied: " + versions);
        assertTrue(versions.contains("1"), "service migration applied: " + versions);
        assertEquals(List.of("dispatch"), SchemaInspection.schemasWithTable(dataSource, "outbox"),
                "the outbox exists in this service's schema and nowhere it can see");
    }
}
