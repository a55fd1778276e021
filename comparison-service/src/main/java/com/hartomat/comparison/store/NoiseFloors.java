package com.hartomat.comparison.store;

import com.hartomat.comparison.gate.NoiseFloor;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The noise floor table: one measured floor per output type. */
@ApplicationScoped
public class NoiseFloors {

    private final AgroalDataSource dataSource;

    public NoiseFloors(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<NoiseFloor> forOutputType(String outputTypeId) {
        if (outputTypeId == null) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT * FROM noise_floors WHERE output_type_id = ?")) {
            q.setString(1, outputTypeId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failure("reading the noise floor of output type " + outputTypeId, e);
        }
    }

    public List<NoiseFloor> all() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT * FROM noise_floors ORDER BY output_type_id");
                ResultSet rs = q.executeQuery()) {
            List<NoiseFloor> floors = new ArrayList<>();
            while (rs.next()) {
                floors.add(read(rs));
            }
            return floors;
        } catch (SQLException e) {
            throw Sql.failure("listing noise floors", e);
        }
    }

    /** Records (or replaces) an output type's noise floor. */
    public NoiseFloor put(NoiseFloor floor) {
        try (Connection c = dataSource.getConnection()) {
            return put(c, floor);
        } catch (SQLException e) {
            throw Sql.failure("storing the noise floor of output type " + floor.outputTypeId(), e);
        }
    }

    /** The same on the caller's connection, inside its transaction (a calibration completing with its floor). */
    public static NoiseFloor put(Connection c, NoiseFloor floor) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "INSERT INTO noise_floors (output_type_id, mean_pixel_delta, samples, source, measured_at) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (output_type_id) DO UPDATE SET "
                        + "mean_pixel_delta = excluded.mean_pixel_delta, samples = excluded.samples, "
                        + "source = excluded.source, measured_at = excluded.measured_at")) {
            q.setString(1, floor.outputTypeId());
            q.setDouble(2, floor.meanPixelDelta());
            q.setInt(3, floor.samples());
            q.setString(4, floor.source());
            q.setTimestamp(5, Timestamp.from(floor.measuredAt()));
            q.executeUpdate();
            return floor;
        }
    }

    private static NoiseFloor read(ResultSet rs) throws SQLException {
        return new NoiseFloor(rs.getString("output_type_id"), rs.getDouble("mean_pixel_delta"), rs.getInt("samples"),
                rs.getString("source"), rs.getTimestamp("measured_at").toInstant());
    }
}
