package com.hartomat.dispatch.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.deploy.local.DatabaseCredentials;
import com.hartomat.deploy.local.LocalInfra;
import com.hartomat.dispatch.support.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Its own application boot. Before the service starts, a run is left behind as a crash leaves it: a graph node
 * {@code running} whose job's last heartbeat is an hour old. The periodic sweep is off (as in every test), so only the
 * start-up sweep can recover it.
 */
@QuarkusTest
@TestProfile(RecoverySweepStartupTest.LeftBehind.class)
class RecoverySweepStartupTest {

    static final UUID RUN = UUID.randomUUID();
    static final String JOB = "crash-" + UUID.randomUUID();

    public static class LeftBehind implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SeedLeftBehindRun.class));
        }
    }

    /** Migrates dispatch's schema as the service would and writes the run a crash left behind. */
    public static class SeedLeftBehindRun implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            String url = LocalInfra.shared().postgres().jdbcUrl() + "?currentSchema=dispatch";
            DatabaseCredentials login = LocalInfra.shared().postgres().credentials("dispatch");
            Flyway.configure().dataSource(url, login.user(), login.password()).schemas("dispatch")
                    .defaultSchema("dispatch").createSchemas(false).locations("classpath:db/migration", "classpath:db/outbox")
                    .load().migrate();
            Timestamp anHourAgo = Timestamp.from(Instant.now().minus(Duration.ofHours(1)));
            try (Connection c = DriverManager.getConnection(url, login.user(), login.password())) {
                execute(c, "INSERT INTO workflow_runs (id, execution_mode, status, started_at) "
                        + "VALUES (?, 'graph', 'running', ?)", RUN, anHourAgo);
                execute(c, "INSERT INTO workflow_node_results (id, run_id, position, node_name, step, status, job_id, "
                        + "attempt, started_at) VALUES (?, ?, 0, 'render', 'blender_still', 'running', ?, 1, ?)",
                        UUID.randomUUID(), RUN, JOB, anHourAgo);
                execute(c, "INSERT INTO render_jobs (job_id, job_type, role, run_id, node_id, status, attempt, "
                        + "started_at, last_heartbeat_at) VALUES (?, 'still', 'graph', ?, 'render', 'running', 1, ?, ?)",
                        JOB, RUN, anHourAgo, anHourAgo);
            } catch (SQLException e) {
                throw new IllegalStateException("could not seed the left-behind run", e);
            }
            return Map.of();
        }

        private static void execute(Connection c, String sql, Object... args) throws SQLException {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                s.executeUpdate();
            }
        }

        @Override
        public void stop() {
        }
    }

    @Inject
    AgroalDataSource db;

    @Inject
    RecoverySweep sweep;

    @Test
    void theStartUpSweepRecoversARunACrashLeftBehind() {
        assertNotNull(sweep.startupSweep(), "the start-up sweep ran");
        RecoverySweep.Result result = sweep.startupSweep().await().atMost(Duration.ofSeconds(60));
        assertTrue(result.recovered() >= 1, "recovered: " + result);

        Fixtures fx = new Fixtures(db);
        assertEquals("failed", fx.scalar("SELECT status FROM render_jobs WHERE job_id = ?", JOB));
        assertEquals("lost", fx.scalar("SELECT failure->>'code' FROM render_jobs WHERE job_id = ?", JOB));
        // a run whose plan is gone cannot queue the node again: it fails with lost, and the run with it
        assertEquals("failed", fx.scalar("SELECT status FROM workflow_node_results WHERE run_id = ?::uuid", RUN.toString()));
        assertEquals("lost", fx.scalar("SELECT error_code FROM workflow_node_results WHERE run_id = ?::uuid",
                RUN.toString()));
        assertEquals("failed", fx.scalar("SELECT status FROM workflow_runs WHERE id = ?::uuid", RUN.toString()));
    }
}
