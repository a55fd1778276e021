package com.hartomat.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hartomat.contracts.codec.ContractViolation;
import com.hartomat.inbound.DeadLetterStrategy.Rejection;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a dead letter says — reason, path, stage — for each kind of failure (plain JUnit). */
class DeadLetterStrategyTest {

    /** A handling failure that names its reason, as a service's own "unknown ..." failures do. */
    static final class Unknown extends RuntimeException implements DeadLetterReason {
        Unknown() {
            super("unknown_thing: no such thing here");
        }

        @Override
        public String deadLetterReason() {
            return "unknown_thing";
        }
    }

    static Stream<Arguments> rejections() {
        ContractViolation breach = new ContractViolation("render.events.v1", "string found, integer expected", "/attempt");
        ConsumedRecord decoded = ConsumedRecord.decoded(new Object(), new byte[] {'{', '}'});
        return Stream.of(
                Arguments.of(ConsumedRecord.breach(breach, new byte[0]), breach,
                        new Rejection("string found, integer expected", "/attempt", "consume")),
                Arguments.of(ConsumedRecord.breach(breach, new byte[0]), new IllegalStateException("later"),
                        new Rejection("string found, integer expected", "/attempt", "consume")),
                Arguments.of(null, new ContractViolation("render.events.v1", "message has no value", ""),
                        new Rejection("message has no value", "", "consume")),
                Arguments.of(decoded, new Unknown(), new Rejection("unknown_thing", "", "process")),
                Arguments.of(decoded, new CompletionException(new Unknown()), new Rejection("unknown_thing", "", "process")),
                Arguments.of(decoded, new IllegalStateException("boom"),
                        new Rejection("IllegalStateException: boom", "", "process")),
                // a handler whose own outgoing message breaks its contract failed at processing, not at consuming
                Arguments.of(decoded, new ContractViolation("runs.status.v1", "string found, integer expected", "/sequence"),
                        new Rejection("ContractViolation: runs.status.v1: string found, integer expected at /sequence", "",
                                "process")));
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void aDeadLetterSaysWhyAndAtWhichStage(ConsumedRecord payload, Throwable failure, Rejection expected) {
        assertEquals(expected, Rejection.of(payload, failure));
    }
}
