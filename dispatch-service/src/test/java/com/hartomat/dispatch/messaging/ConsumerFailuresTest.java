package com.hartomat.dispatch.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hartomat.contracts.codec.ContractViolation;
import com.hartomat.dispatch.lifecycle.UnknownJob;
import com.hartomat.inbound.DeadLetterStrategy.Rejection;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.TransactionRollbackException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which handling failures wait for the database and which are dead-lettered, with what reason (plain JUnit). */
class ConsumerFailuresTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(ClosedConnectionException.INSTANCE, true),
                Arguments.of(new NoStackTraceThrowable("Pool closed"), true),
                Arguments.of(new ConnectException("Connection refused"), true),
                Arguments.of(new VertxException("Connection is not active now"), true),
                Arguments.of(new io.smallrye.mutiny.TimeoutException(), true),
                Arguments.of(new java.util.concurrent.TimeoutException("Timeout"), true),
                Arguments.of(new CompletionException(ClosedConnectionException.INSTANCE), true),
                Arguments.of(new PgException("duplicate key value", "ERROR", "23505", null), false),
                Arguments.of(new VertxException("wrapped", new PgException("bad input", "ERROR", "22P02", null)), false),
                Arguments.of(TransactionRollbackException.INSTANCE, false),
                Arguments.of(new UnknownJob("job-1"), false),
                Arguments.of(new IllegalStateException("boom"), false),
                Arguments.of(new ContractViolation("runs.status.v1", "string found, integer expected", "/sequence"), false));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void anUnreachableDatabaseIsRetriedAndEverythingElseIsDeadLettered(Throwable failure, boolean retried) {
        assertEquals(retried, InboundTopics.databaseUnreachable(failure), failure.toString());
    }

    /** The generic cases are inbound's DeadLetterStrategyTest; here: dispatch's own failure names its reason. */
    @Test
    void anUnknownJobIsDeadLetteredAsUnknownJobAtProcessing() {
        Object decoded = new Object();
        assertEquals(new Rejection("unknown_job", "", "process"), Rejection.of(decoded, new UnknownJob("job-1")));
        assertEquals(new Rejection("unknown_job", "", "process"),
                Rejection.of(decoded, new CompletionException(new UnknownJob("job-1"))));
    }
}
