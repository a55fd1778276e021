package com.hartomat.comparison.compare;

import com.hartomat.comparison.ComparisonConfig;
import com.hartomat.comparison.pixels.ImageDecoder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The service's {@link PairComparator}: artifact storage root, size limit, how many comparisons run at once, and the
 * threads that decode the observer image beside the authoritative one.
 */
@ApplicationScoped
public class ComparatorSetup {

    private final ExecutorService decodeThreads = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "comparison-decode");
        thread.setDaemon(true);
        return thread;
    });

    @Produces
    @ApplicationScoped
    PairComparator comparator(ComparisonConfig config) {
        return new PairComparator(config.storage().root(), new ImageDecoder(config.comparison().maxPixels()),
                config.comparison().diffAmplification(), decodeThreads, config.comparison().maxConcurrent());
    }

    @PreDestroy
    void stop() {
        decodeThreads.shutdownNow();
    }
}
