package com.hartomat.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FlywayMigrationTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void migrationsAppliedToThisServicesOwnSchemaOnly() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String> versions = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(
                    "SELECT version FROM dispatch.flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            }
            assertTrue(versions.contains("0.1"), "outbox migration applied: " + versions);
            assertTrue(versions.contains("1"), "service migration applied: " + versions);
            try (ResultSet rs = statement.executeQuery(
                    "SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox'")) {
                List<String> schemas = new ArrayList<>();
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
                assertEquals(List.of("dispatch"), schemas, "the outbox exists in this service's schema and nowhere it can see");
            }
        }
    }
}
