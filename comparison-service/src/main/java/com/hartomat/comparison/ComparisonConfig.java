package com.hartomat.comparison;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The comparison service's configuration: the one place its settings are read. Each key can be overridden by
 * environment variable (e.g. {@code HARTOMAT_DB_HOST}, {@code HARTOMAT_STORAGE_ROOT}).
 */
@ConfigMapping(prefix = "hartomat")
public interface ComparisonConfig {

    Db db();

    Storage storage();

    Comparison comparison();

    interface Db {
        String host();

        int port();

        String name();

        String user();
    }

    interface Storage {
        /** The artifact storage root shared by the services. */
        @WithName("root")
        Path root();
    }

    interface Comparison {
        /** Mean pixel delta at or under which a verdict passes (every output type without its own value). */
        @WithDefault("0.0001")
        double passThreshold();

        /** Mean pixel delta at or under which a verdict warns; above it, it fails. */
        @WithDefault("0.01")
        double warnThreshold();

        /** Relative size difference a non-visual output (.blend) may have and still pass. */
        @WithDefault("0.05")
        double blendSizeTolerance();

        /** Per output type: {@code hartomat.comparison.output-types."<output type id>".pass-threshold} etc. */
        Map<String, OutputTypeThresholds> outputTypes();

        /** Images declaring more pixels than this are refused before decoding (decompression bombs). */
        @WithDefault("40000000")
        long maxPixels();

        /** Comparisons holding decoded images at once (consumer and on-demand requests together). */
        @WithDefault("1")
        int maxConcurrent();

        /** How much a diff heat map amplifies each pixel's delta before colouring it. */
        @WithDefault("10")
        double diffAmplification();
    }

    interface OutputTypeThresholds {
        OptionalDouble passThreshold();

        OptionalDouble warnThreshold();

        OptionalDouble blendSizeTolerance();
    }
}
