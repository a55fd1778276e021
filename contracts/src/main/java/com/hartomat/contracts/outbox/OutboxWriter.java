package com.hartomat.contracts.outbox;

import com.hartomat.contracts.codec.TopicContract;
import io.smallrye.mutiny.Uni;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Appends messages to the outbox inside the caller's transaction: the message exists exactly when the
 * state change that produced it committed. The relay sends it later.
 */
public final class OutboxWriter {

    /**
     * The headers parameter is typed as text before the cast: the reactive PostgreSQL client encodes a {@code String}
     * bound where PostgreSQL expects jsonb as a JSON <em>string</em>, so {@code CAST(?4 AS jsonb)} stored the headers
     * object as one string scalar, the relay could not read it as headers, and every record written through a
     * Hibernate Reactive session (the registry's changes) went out without its {@code traceparent}.
     */
    private static final String NATIVE_INSERT =
            "INSERT INTO outbox (topic, message_key, payload, headers) VALUES (?1, ?2, ?3, CAST(CAST(?4 AS text) AS jsonb))";

    private OutboxWriter() {
    }

    /** Within a Hibernate Reactive session's transaction. */
    public static <T> Uni<Void> append(Mutiny.Session session, TopicContract<T> contract, String key, T message) {
        return append(session, OutboxRow.of(contract, key, message));
    }

    public static Uni<Void> append(Mutiny.Session session, OutboxRow row) {
        return session.createNativeQuery(NATIVE_INSERT)
                .setParameter(1, row.topic())
                .setParameter(2, row.key())
                .setParameter(3, row.payload())
                .setParameter(4, row.headersJson())
                .executeUpdate()
                .replaceWithVoid();
    }

    /** Within a JDBC connection's current transaction (the caller commits). */
    public static <T> void append(Connection connection, TopicContract<T> contract, String key, T message)
            throws SQLException {
        append(connection, List.of(OutboxRow.of(contract, key, message)));
    }

    public static void append(Connection connection, List<OutboxRow> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(OutboxRow.INSERT_SQL)) {
            for (OutboxRow row : rows) {
                insert.setString(1, row.topic());
                insert.setString(2, row.key());
                insert.setString(3, row.payload());
                insert.setString(4, row.headersJson());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
