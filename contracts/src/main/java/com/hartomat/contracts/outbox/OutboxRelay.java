package com.hartomat.contracts.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.hartomat.contracts.codec.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Relays outbox rows to Kafka, in order per key, and marks them sent.
 *
 * <p>Each pass takes the oldest unsent rows under a transaction-scoped advisory lock (so only one
 * relay of a service sends at a time, whatever the replica count). Rows are sent in rounds: round
 * <i>i</i> sends the <i>i</i>-th pending row of every key at once; a key whose row failed sends
 * nothing more in this pass, and a failed row waits out an exponential back-off during which its key
 * stays blocked. So a key's messages reach Kafka in commit order, and a row is marked sent only after
 * the broker acknowledged it; then it is deleted (what is left in the table is the backlog, with the attempts and
 * last error of rows that failed).
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final RecordSender sender;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration maxBackoff;
    private final Duration linger;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile BooleanSupplier held = () -> false;
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(DataSource dataSource, RecordSender sender, int batchSize, Duration pollInterval,
            Duration maxBackoff) {
        this(dataSource, sender, batchSize, pollInterval, maxBackoff, Duration.ZERO);
    }

    /**
     * @param linger how long a pass waits after a wake-up before it reads the pending rows, so the rows of
     *               transactions committing at about the same time share one pass (one read, one batch of sends,
     *               one update) instead of a pass each
     */
    public OutboxRelay(DataSource dataSource, RecordSender sender, int batchSize, Duration pollInterval,
            Duration maxBackoff, Duration linger) {
        this.dataSource = dataSource;
        this.sender = sender;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.maxBackoff = maxBackoff;
        this.linger = linger;
    }

    /**
     * Fault injection, for tests only: while {@code hold} says so, every pass sends nothing and leaves the rows where
     * they are, as a relay that has not yet run after a commit. The fault-injection suite uses it to crash a service in
     * the window between its commits and their relay ({@link OutboxRelayLifecycle}'s
     * {@code hartomat.outbox.fault.hold-file}).
     */
    public OutboxRelay holdWhile(BooleanSupplier hold) {
        this.held = hold;
        return this;
    }

    /** One pass over the pending rows; returns how many rows it marked sent. */
    public int relayOnce() throws SQLException {
        if (held.getAsBoolean()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int sent = relay(connection);
                connection.commit();
                return sent;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private int relay(Connection connection) throws SQLException {
        // for this transaction only, the pass's statements keep one generic plan: for the delete's array of ids
        // PostgreSQL otherwise judged a plan made for each value cheaper and planned it again at every pass
        // (pg_stat_statements: as many plans as calls, 0.1 ms each)
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox')), "
                        + "set_config('plan_cache_mode', 'force_generic_plan', true)");
             ResultSet locked = lock.executeQuery()) {
            locked.next();
            if (!locked.getBoolean(1)) {
                return 0;
            }
        }
        List<Pending> pending = pending(connection);
        Map<String, List<Pending>> byKey = new LinkedHashMap<>();
        Set<String> blocked = new HashSet<>();
        Instant now = Instant.now();
        for (Pending row : pending) {
            if (blocked.contains(row.key)) {
                continue;
            }
            if (row.nextAttemptAt.isAfter(now)) {
                blocked.add(row.key);
                continue;
            }
            byKey.computeIfAbsent(row.key, k -> new ArrayList<>()).add(row);
        }

        List<Long> sent = new ArrayList<>();
        Map<Pending, Throwable> failed = new LinkedHashMap<>();
        for (int round = 0; !byKey.isEmpty(); round++) {
            Map<Pending, CompletableFuture<Void>> inFlight = new LinkedHashMap<>();
            for (List<Pending> rows : byKey.values()) {
                Pending row = rows.get(round);
                inFlight.put(row, sendSafely(row));
            }
            for (Map.Entry<Pending, CompletableFuture<Void>> entry : inFlight.entrySet()) {
                Pending row = entry.getKey();
                try {
                    entry.getValue().get(60, TimeUnit.SECONDS);
                    sent.add(row.id);
                } catch (Exception e) {
                    failed.put(row, e.getCause() != null ? e.getCause() : e);
                    byKey.remove(row.key);
                }
            }
            final int done = round + 1;
            byKey.values().removeIf(rows -> rows.size() <= done);
        }
        markSent(connection, sent);
        markFailed(connection, failed);
        return sent.size();
    }

    private CompletableFuture<Void> sendSafely(Pending row) {
        try {
            return sender.send(row.topic, row.key, row.payload.getBytes(StandardCharsets.UTF_8), row.headers);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private List<Pending> pending(Connection connection) throws SQLException {
        List<Pending> rows = new ArrayList<>();
        // the batch size is written into the text, not bound: a generic plan for an unknown LIMIT would not know how
        // few rows are wanted
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, topic, message_key, payload, headers::text, attempts, next_attempt_at FROM outbox "
                        + "WHERE sent_at IS NULL ORDER BY id LIMIT " + batchSize)) {
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            headers(rs.getLong(1), rs.getString(5)), rs.getInt(6), rs.getTimestamp(7).toInstant()));
                }
            }
        }
        return rows;
    }

    /**
     * The row's headers; a row whose headers are not a JSON object of strings is still sent (its payload is valid), but
     * without them, and said so: that is how records once went out without their {@code traceparent} unnoticed.
     */
    private static Map<String, String> headers(long id, String json) {
        try {
            return json == null ? Map.of() : Json.mapper().readValue(json, HEADERS);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "outbox row {0}: headers are not a JSON object of strings, sent without them: {1}",
                    new Object[] {id, json});
            return Map.of();
        }
    }

    /**
     * A row the broker acknowledged is deleted: the message now lives in Kafka, the table stays as small as the
     * backlog, and a delete costs PostgreSQL far less than rewriting the row with a timestamp.
     */
    private void markSent(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox WHERE id = ANY (?)")) {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            delete.setArray(1, array);
            delete.executeUpdate();
        }
    }

    private void markFailed(Connection connection, Map<Pending, Throwable> failed) throws SQLException {
        if (failed.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?")) {
            for (Map.Entry<Pending, Throwable> entry : failed.entrySet()) {
                Pending row = entry.getKey();
                update.setString(1, String.valueOf(entry.getValue()));
                update.setTimestamp(2, Timestamp.from(Instant.now().plus(backoff(row.attempts + 1))));
                update.setLong(3, row.id);
                update.addBatch();
            }
            update.executeBatch();
        }
        LOG.log(Level.WARNING, "outbox relay: {0} row(s) not sent, will retry; first error: {1}",
                new Object[] {failed.size(), failed.values().iterator().next()});
    }

    Duration backoff(int attempts) {
        long millis = 100L << Math.min(attempts, 16);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /** Starts relaying on a background thread: immediately after {@link #wakeUp()}, else every poll interval. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    /** Asks for a pass now, e.g. right after a transaction that wrote outbox rows committed. */
    public void wakeUp() {
        wakeUps.release();
    }

    private void loop() {
        while (running) {
            int sent = 0;
            try {
                sent = relayOnce();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "outbox relay pass failed; retrying", e);
            }
            if (sent < batchSize) {
                // a full batch means more may be waiting: go again at once; otherwise wait for a commit
                try {
                    if (wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS) && !linger.isZero()) {
                        Thread.sleep(linger.toMillis(), linger.toNanosPart() % 1_000_000);
                    }
                    wakeUps.drainPermits();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sender.close();
    }

    private record Pending(long id, String topic, String key, String payload, Map<String, String> headers,
            int attempts, Instant nextAttemptAt) {
    }
}
