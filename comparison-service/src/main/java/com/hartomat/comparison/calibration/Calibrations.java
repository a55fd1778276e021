package com.hartomat.comparison.calibration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hartomat.comparison.gate.NoiseFloor;
import com.hartomat.comparison.store.NoiseFloors;
import com.hartomat.comparison.store.StoreUnavailable;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Calibrations and their measured pairs in this service's schema (JDBC, blocking). */
@ApplicationScoped
public class Calibrations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgroalDataSource dataSource;

    public Calibrations(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** How recording a pair left the calibration. */
    public enum Progress { UNKNOWN_CALIBRATION, RECORDED, COMPLETED, FAILED, ALREADY_FINISHED }

    public void create(UUID id, String outputTypeId, String orderLineId, int runs, String requestedBy) {
        update("creating calibration " + id, "INSERT INTO calibrations (id, output_type_id, order_line_id, runs, "
                + "requested_by, status) VALUES (?, ?, ?, ?, ?, 'requested')", id, outputTypeId, orderLineId, runs,
                requestedBy);
    }

    public void rendering(UUID id, List<String> jobIds) {
        update("marking calibration " + id + " rendering", "UPDATE calibrations SET status = 'rendering', "
                + "job_ids = CAST(? AS jsonb) WHERE id = ? AND status = 'requested'", json(jobIds), id);
    }

    public void failed(UUID id, String reason) {
        update("failing calibration " + id, "UPDATE calibrations SET status = 'failed', failure_reason = ?, "
                + "completed_at = now() WHERE id = ? AND status IN ('requested', 'rendering')", reason, id);
    }

    public Optional<Calibration> find(UUID id) {
        try (Connection c = dataSource.getConnection()) {
            return read(c, id, false);
        } catch (SQLException e) {
            throw failure("reading calibration " + id, e);
        }
    }

    /**
     * Records one measured pair; once all {@code runs - 1} pairs are in, the calibration completes with its noise floor
     * (stored as the output type's, source {@code calibration:<id>}) or fails with the reason there is none. One
     * transaction, the calibration row locked: a redelivered pair changes nothing.
     */
    public Progress record(UUID calibrationId, NoiseFloorEstimate.Sample sample) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Progress progress = record(c, calibrationId, sample);
                c.commit();
                return progress;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("recording pair " + sample.pairIndex() + " of calibration " + calibrationId, e);
        }
    }

    private Progress record(Connection c, UUID id, NoiseFloorEstimate.Sample sample) throws SQLException {
        Optional<Calibration> found = read(c, id, true);
        if (found.isEmpty()) {
            return Progress.UNKNOWN_CALIBRATION;
        }
        Calibration calibration = found.get();
        if (calibration.status().equals("completed") || calibration.status().equals("failed")) {
            return Progress.ALREADY_FINISHED;
        }
        try (PreparedStatement q = c.prepareStatement("INSERT INTO calibration_samples (calibration_id, pair_index, "
                + "status, mean_pixel_delta, failure_reason) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            q.setObject(1, id);
            q.setInt(2, sample.pairIndex());
            q.setString(3, sample.status());
            q.setObject(4, sample.meanPixelDelta(), Types.DOUBLE);
            q.setString(5, sample.failureReason());
            q.executeUpdate();
        }
        List<NoiseFloorEstimate.Sample> samples = samples(c, id);
        if (samples.size() < calibration.runs() - 1) {
            return Progress.RECORDED;
        }
        NoiseFloorEstimate.Result result = NoiseFloorEstimate.of(samples);
        if (result.floor().isEmpty()) {
            execute(c, "UPDATE calibrations SET status = 'failed', failure_reason = ?, completed_at = now() WHERE id = ?",
                    result.failureReason(), id);
            return Progress.FAILED;
        }
        double floor = result.floor().get();
        execute(c, "UPDATE calibrations SET status = 'completed', noise_floor = ?, completed_at = now() WHERE id = ?",
                floor, id);
        NoiseFloors.put(c, new NoiseFloor(calibration.outputTypeId(), floor, samples.size(), "calibration:" + id,
                Instant.now()));
        return Progress.COMPLETED;
    }

    private Optional<Calibration> read(Connection c, UUID id, boolean lock) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT * FROM calibrations WHERE id = ?" + (lock ? " FOR UPDATE"
                : ""))) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp completed = rs.getTimestamp("completed_at");
                return Optional.of(new Calibration(id, rs.getString("output_type_id"), rs.getString("order_line_id"),
                        rs.getInt("runs"), rs.getString("requested_by"), rs.getString("status"),
                        strings(rs.getString("job_ids")), (Double) rs.getObject("noise_floor"),
                        rs.getString("failure_reason"), rs.getTimestamp("created_at").toInstant(),
                        completed == null ? null : completed.toInstant(), samples(c, id)));
            }
        }
    }

    private static List<NoiseFloorEstimate.Sample> samples(Connection c, UUID id) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT * FROM calibration_samples WHERE calibration_id = ? "
                + "ORDER BY pair_index")) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                List<NoiseFloorEstimate.Sample> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new NoiseFloorEstimate.Sample(rs.getInt("pair_index"), rs.getString("status"),
                            (Double) rs.getObject("mean_pixel_delta"), rs.getString("failure_reason")));
                }
                return out;
            }
        }
    }

    private void update(String what, String sql, Object... args) {
        try (Connection c = dataSource.getConnection()) {
            execute(c, sql, args);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static void execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            q.executeUpdate();
        }
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("calibrations.job_ids is no JSON list of strings: " + json, e);
        }
    }

    private static RuntimeException failure(String what, SQLException e) {
        return StoreUnavailable.of(what, e);
    }
}
