package com.hartomat.comparison.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.hartomat.comparison.compare.FrameReport;
import com.hartomat.comparison.compare.OutputReport;
import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.ComparisonVerdict;
import com.hartomat.contracts.outbox.OutboxWriter;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Comparisons and verdicts in this service's schema, over JDBC: the writer runs on a worker thread after the (blocking)
 * image comparison, and the verdict's outbox row is written in the same transaction as the rows it reports.
 */
@ApplicationScoped
public class ComparisonStore {

    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final String SELECT = "SELECT c.*, v.verdict, v.status AS verdict_status, v.ready, "
            + "v.workflow_rollout_ready, v.output_type_rollout_ready, v.reasons, v.pass_threshold, v.warn_threshold, "
            + "v.noise_floor, v.within_noise_floor, v.decided_at FROM comparisons c JOIN verdicts v ON v.comparison_id = c.id ";

    private final AgroalDataSource dataSource;

    public ComparisonStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether this attempt of the run was compared already (a redelivered request), or a later one was. */
    public boolean existsForRun(String workflowRunId, int attempt) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement(
                        "SELECT 1 FROM comparisons WHERE workflow_run_id = ? AND attempt >= ?")) {
            q.setString(1, workflowRunId);
            q.setInt(2, attempt);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw Sql.failure("looking up the comparison of run " + workflowRunId, e);
        }
    }

    /**
     * Stores the comparison, its verdict and the verdict's outbox message in one transaction; false (and nothing
     * written) when the run already has a comparison of this attempt.
     */
    public boolean save(StoredComparison s, ComparisonVerdict message) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean created = insertComparison(c, s);
                if (created) {
                    insertVerdict(c, s);
                    OutboxWriter.append(c, Topics.COMPARISON_VERDICTS, s.workflowRunId(), message);
                }
                c.commit();
                return created;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failure("storing the comparison of run " + s.workflowRunId(), e);
        }
    }

    private static boolean insertComparison(Connection c, StoredComparison s) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO comparisons (id, request_id, workflow_run_id, "
                + "attempt, order_line_id, output_type_id, workflow_def_id, execution_mode, artifact_kind, comparison_kind, status, "
                + "exact_match, dimensions_match, mean_pixel_delta, summary, failure_reason, diff_image_path, "
                + "authoritative_output, observer_output, frames, side_failures, requested_at, compared_at) VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb), "
                + "CAST(? AS jsonb), ?, ?) ON CONFLICT (workflow_run_id, attempt) DO NOTHING")) {
            int i = 1;
            insert.setObject(i++, s.id());
            insert.setString(i++, s.requestId());
            insert.setString(i++, s.workflowRunId());
            insert.setInt(i++, s.attempt());
            insert.setString(i++, s.orderLineId());
            insert.setString(i++, s.outputTypeId());
            insert.setString(i++, s.workflowDefId());
            insert.setString(i++, s.executionMode());
            insert.setString(i++, s.artifactKind());
            insert.setString(i++, s.comparisonKind());
            insert.setString(i++, s.status());
            insert.setObject(i++, s.exactMatch(), Types.BOOLEAN);
            insert.setObject(i++, s.dimensionsMatch(), Types.BOOLEAN);
            insert.setObject(i++, s.meanPixelDelta(), Types.DOUBLE);
            insert.setString(i++, s.summary());
            insert.setString(i++, s.failureReason());
            insert.setString(i++, s.diffImagePath());
            insert.setString(i++, json(s.authoritativeOutput()));
            insert.setString(i++, json(s.observerOutput()));
            insert.setString(i++, s.frames() == null ? null : json(s.frames()));
            insert.setString(i++, json(s.sideFailures()));
            insert.setTimestamp(i++, s.requestedAt() == null ? null : Timestamp.from(s.requestedAt()));
            insert.setTimestamp(i, Timestamp.from(s.comparedAt()));
            return insert.executeUpdate() == 1;
        }
    }

    private static void insertVerdict(Connection c, StoredComparison s) throws SQLException {
        StoredVerdict v = s.verdict();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO verdicts (comparison_id, workflow_run_id, attempt, verdict, "
                + "status, ready, workflow_rollout_ready, output_type_rollout_ready, reasons, pass_threshold, "
                + "warn_threshold, noise_floor, within_noise_floor, decided_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?)")) {
            int i = 1;
            insert.setObject(i++, s.id());
            insert.setString(i++, s.workflowRunId());
            insert.setInt(i++, s.attempt());
            insert.setString(i++, v.verdict());
            insert.setString(i++, v.status());
            insert.setBoolean(i++, v.ready());
            insert.setBoolean(i++, v.workflowRolloutReady());
            insert.setBoolean(i++, v.outputTypeRolloutReady());
            insert.setString(i++, json(v.reasons()));
            insert.setDouble(i++, v.passThreshold());
            insert.setDouble(i++, v.warnThreshold());
            insert.setObject(i++, v.noiseFloor(), Types.DOUBLE);
            insert.setBoolean(i++, v.withinNoiseFloor());
            insert.setTimestamp(i, Timestamp.from(v.decidedAt()));
            insert.executeUpdate();
        }
    }

    /** The run's latest comparison: that of its highest attempt (a retried run is compared again). */
    public Optional<StoredComparison> byRun(String workflowRunId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement(SELECT + "WHERE c.workflow_run_id = ? "
                        + "ORDER BY c.attempt DESC LIMIT 1")) {
            q.setString(1, workflowRunId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failure("reading the comparison of run " + workflowRunId, e);
        }
    }

    public Page<StoredComparison> list(ComparisonFilter filter, int page, int pageSize) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder("WHERE true");
        if (filter.outputTypeId() != null) {
            where.append(" AND c.output_type_id = ?");
            args.add(filter.outputTypeId());
        }
        if (filter.workflowDefId() != null) {
            where.append(" AND c.workflow_def_id = ?");
            args.add(filter.workflowDefId());
        }
        if (filter.verdict() != null) {
            where.append(" AND v.verdict = ?");
            args.add(filter.verdict());
        }
        String sql = SELECT.replace("SELECT c.*,", "SELECT c.*, count(*) OVER () AS total,") + where
                + " ORDER BY c.compared_at DESC, c.id LIMIT ? OFFSET ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            int i = 1;
            for (Object arg : args) {
                q.setObject(i++, arg);
            }
            q.setInt(i++, pageSize);
            q.setLong(i, (long) (page - 1) * pageSize);
            List<StoredComparison> items = new ArrayList<>();
            long total = 0;
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    total = rs.getLong("total");
                    items.add(read(rs));
                }
            }
            if (items.isEmpty() && page > 1) {
                total = count(c, where.toString(), args);
            }
            return new Page<>(items, total, page, pageSize);
        } catch (SQLException e) {
            throw Sql.failure("listing comparisons", e);
        }
    }

    private static long count(Connection c, String where, List<Object> args) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT count(*) FROM comparisons c JOIN verdicts v ON v.comparison_id = c.id " + where)) {
            for (int i = 0; i < args.size(); i++) {
                q.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static StoredComparison read(ResultSet rs) throws SQLException {
        StoredVerdict verdict = new StoredVerdict(rs.getString("verdict"), rs.getString("verdict_status"),
                rs.getBoolean("ready"), rs.getBoolean("workflow_rollout_ready"), rs.getBoolean("output_type_rollout_ready"),
                parse(rs.getString("reasons"), new TypeReference<List<String>>() { }), rs.getDouble("pass_threshold"),
                rs.getDouble("warn_threshold"), (Double) rs.getObject("noise_floor"), rs.getBoolean("within_noise_floor"),
                rs.getTimestamp("decided_at").toInstant());
        String frames = rs.getString("frames");
        Timestamp requested = rs.getTimestamp("requested_at");
        return new StoredComparison(rs.getObject("id", UUID.class), rs.getString("request_id"),
                rs.getString("workflow_run_id"), rs.getInt("attempt"), rs.getString("order_line_id"), rs.getString("output_type_id"),
                rs.getString("workflow_def_id"), rs.getString("execution_mode"), rs.getString("artifact_kind"),
                rs.getString("comparison_kind"), rs.getString("status"), (Boolean) rs.getObject("exact_match"),
                (Boolean) rs.getObject("dimensions_match"), (Double) rs.getObject("mean_pixel_delta"),
                rs.getString("summary"), rs.getString("failure_reason"), rs.getString("diff_image_path"),
                parse(rs.getString("authoritative_output"), new TypeReference<OutputReport>() { }),
                parse(rs.getString("observer_output"), new TypeReference<OutputReport>() { }),
                frames == null ? null : parse(frames, new TypeReference<FrameReport>() { }),
                parse(rs.getString("side_failures"), new TypeReference<Map<String, String>>() { }),
                requested == null ? null : requested.toInstant(), rs.getTimestamp("compared_at").toInstant(), verdict);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    static <T> T parse(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
