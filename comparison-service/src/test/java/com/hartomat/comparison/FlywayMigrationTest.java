package com.hartomat.comparison;

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
        List<String> versions = SchemaInspection.appliedMigrations(dataSource, "comparison");
        assertTrue(versions.contains("0.1"), "outbox migration applied: " + versions);
        assertTrue(versions.contains("1"), "service migration applied: " + versions);
        assertTrue(versions.contains("2"), "comparisons, verdicts and noise floors: " + versions);
        assertEquals(List.of("comparison"), SchemaInspection.schemasWithTable(dataSource, "comparisons"));
        assertEquals(List.of("comparison"), SchemaInspection.schemasWithTable(dataSource, "noise_floors"));
        assertEquals(List.of("comparison"), SchemaInspection.schemasWithTable(dataSource, "outbox"),
                "the outbox exists in this service's schema and nowhere it can see");
    }
}
