package com.hartomat.worker.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitTest {

    static final Map<String, Long> ESTIMATES = Map.of("still", 768L, "turntable", 1024L, "glb_bbox", 128L);

    @ParameterizedTest(name = "configured {0}, budget {1} MiB -> {2}")
    @CsvSource({
            "4, 8192, 4",   // memory allows more than configured
            "4, 2048, 2",   // 2048 / 1024 (turntable, the heaviest)
            "4, 3000, 2",   // rounded down
            "1, 65536, 1",  // the configured value is a ceiling
            "3, 512, 1",    // not even one job fits: still one (a stalled worker helps nobody)
            "0, 4096, 1",   // nonsense configured value
    })
    void concurrencyIsTheConfiguredValueWithinTheBudgetOverTheHeaviestEstimate(int configured, long budget, int expected) {
        ConcurrencyLimit limit = ConcurrencyLimit.of(configured, budget, ESTIMATES, 256);

        assertEquals(expected, limit.effective());
        assertEquals("turntable", limit.heaviestJobType());
        assertEquals(1024, limit.heaviestEstimateMb());
    }

    @Test
    void jobTypesWithoutAnEstimateTakeTheDefault() {
        ConcurrencyLimit limit = ConcurrencyLimit.of(8, 6000, ESTIMATES, 1500);

        assertEquals(1500, limit.heaviestEstimateMb());
        assertEquals(4, limit.effective());
    }

    @Test
    void anEstimateForAnUnknownJobTypeOrANonPositiveOneIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimit.of(2, 4096, Map.of("stil", 512L), 512));
        assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimit.of(2, 4096, Map.of("still", 0L), 512));
        assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimit.of(2, 4096, Map.of(), 0));
    }

    @Test
    void theDefaultBudgetIsTheMemoryLeftBesideTheHeapAndAReserve() {
        long gib = 1024L * 1024 * 1024;

        assertEquals(4096 - 1024 - 256, ConcurrencyLimit.defaultBudgetMb(4 * gib, gib));
        assertEquals(0, ConcurrencyLimit.defaultBudgetMb(gib, gib));
    }
}
