package com.hartomat.deploy.local;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Read-only questions tests ask a service's database about its schema. */
public final class SchemaInspection {

    private SchemaInspection() {
    }

    /** The Flyway versions successfully applied to {@code schema}, in installation order. */
    public static List<String> appliedMigrations(DataSource dataSource, String schema) throws SQLException {
        return strings(dataSource, "SELECT version FROM " + schema + ".flyway_schema_history "
                + "WHERE success AND version IS NOT NULL ORDER BY installed_rank", null);
    }

    /** Every schema the connection's role can see that holds a table of this name. */
    public static List<String> schemasWithTable(DataSource dataSource, String table) throws SQLException {
        return strings(dataSource, "SELECT table_schema FROM information_schema.tables WHERE table_name = ?", table);
    }

    private static List<String> strings(DataSource dataSource, String sql, String parameter) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }
}
