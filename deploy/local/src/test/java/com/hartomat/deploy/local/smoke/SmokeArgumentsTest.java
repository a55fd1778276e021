package com.hartomat.deploy.local.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SmokeArgumentsTest {

    @Test
    void aKindWithAModeParsesWithTheDefaults() {
        SmokeCommand c = SmokeArguments.parse(List.of("still", "--mode", "shadow"));
        assertEquals(new SmokeCommand.Single(SmokeKind.STILL, SmokeMode.SHADOW, RenderSize.DEFAULT,
                SmokeArguments.DEFAULT_VERDICT_WAIT), c);
    }

    @Test
    void optionsSetSizeSamplesAndVerdictWait() {
        SmokeCommand c = SmokeArguments.parse(List.of("blend", "--size", "64x48", "--samples", "4", "--mode", "graph",
                "--verdict-wait", "30"));
        assertEquals(new SmokeCommand.Single(SmokeKind.BLEND, SmokeMode.GRAPH, new RenderSize(64, 48, 4),
                Duration.ofSeconds(30)), c);
        assertEquals(new SmokeCommand.Approve(RenderSize.DEFAULT, SmokeArguments.DEFAULT_VERDICT_WAIT),
                SmokeArguments.parse(List.of("approve")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "                                        | which smoke",
        "still                                   | needs --mode",
        "still --mode fast                       | unknown mode 'fast'",
        "still --mode legacy_only                | unknown mode 'legacy_only'",
        "video --mode graph                      | unknown smoke kind 'video'",
        "still --mode                            | --mode needs a value",
        "still --mode graph --size 64            | --size takes WIDTHxHEIGHT",
        "still --mode graph --samples many       | --samples takes a whole number",
        "still --mode graph --size 8x8           | at least 16",
        "still --mode graph --colour red         | unknown argument '--colour'",
        "approve --mode graph                    | approve runs every mode itself",
    })
    void aBadCommandLineIsAUsageError(String line, String message) {
        List<String> args = line == null ? List.of() : List.of(line.trim().split("\\s+"));
        SmokeUsageException e = assertThrows(SmokeUsageException.class, () -> SmokeArguments.parse(args));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aBadModeExitsWithTwoAndTheUsageWithoutLookingForAStack() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicBoolean asked = new AtomicBoolean();
        Smoke.Report report = Smoke.execute(List.of("still", "--mode", "sideways"), () -> {
            asked.set(true);
            throw new AssertionError("no stack needed for a usage error");
        }, new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCode.USAGE, report.exitCode());
        assertFalse(asked.get());
        assertTrue(printed.startsWith("usage: ./hartomat smoke"), printed);
        assertTrue(printed.strip().endsWith("smoke: unknown mode 'sideways' (legacy, graph, shadow)"), printed);
    }
}
