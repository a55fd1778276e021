package com.hartomat.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The render worker's configuration: the one place its settings are read. Each key can be overridden by
 * environment variable (e.g. {@code HARTOMAT_DB_HOST}, {@code HARTOMAT_STORAGE_ROOT}, {@code HARTOMAT_BLENDER_PATH}).
 */
@ConfigMapping(prefix = "hartomat")
public interface WorkerConfig {

    Db db();

    Storage storage();

    Blender blender();

    Gmsh gmsh();

    Worker worker();

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

    interface Blender {
        /** The Blender executable ({@code HARTOMAT_BLENDER_PATH}). */
        @WithDefault("blender")
        String path();

        /** How long the start-up version probe may take. */
        @WithDefault("PT30S")
        Duration probeTimeout();
    }

    interface Gmsh {
        /** The gmsh executable that meshes STEP files ({@code HARTOMAT_GMSH_PATH}). */
        @WithDefault("gmsh")
        String path();

        /** gmsh {@code -clcurv}: elements per 2π of curvature; the floor when a design size raises it. */
        @WithDefault("20")
        int curvatureElements();

        /**
         * The longer side (pixels) of the largest output meshes are made for: the curvature elements are raised until
         * a curved face as large as that frame shows no facet deeper than {@link #facetTolerancePx()}; 0 = off.
         */
        @WithDefault("512")
        int designSizePx();

        /** The largest silhouette facet, in pixels at {@link #designSizePx()}. */
        @WithDefault("0.5")
        double facetTolerancePx();
    }

    interface Worker {
        /** This replica's id in events and the ledger; the host name when unset. */
        Optional<String> id();

        /** Jobs rendered at the same time (each one Blender process); also the most records taken from Kafka. */
        @WithDefault("1")
        int concurrency();

        /** Whether this instance consumes render.jobs.v1 at all. */
        @WithDefault("true")
        boolean consume();

        @WithDefault("render-worker")
        String groupId();

        /** Scratch space for per-attempt spec files and intermediate meshes. */
        Path workDir();

        /** The most bytes of Blender/gmsh output kept per attempt (head and tail). */
        @WithDefault("262144")
        int logLimitBytes();

        /**
         * The most attempts a job gets when its attempts end in a worker error (an unexpected exception, not a
         * job failure with a code); then it fails with {@code worker_error} and its record is dead-lettered.
         */
        @WithDefault("3")
        int maxAttempts();

        /** How long shutdown waits for running jobs before releasing them for redelivery. */
        @WithDefault("PT30S")
        Duration shutdownGrace();

        /** Per job type (wire name) wall-clock limits; a job's own timeout_s wins when set. */
        Map<String, Duration> timeouts();

        @WithDefault("PT30M")
        Duration defaultTimeout();

        /**
         * How often a running attempt sends a {@code heartbeat} event (a progress event counts as one). dispatch-service
         * takes a job silent for longer than its job type's timeout (default 2 minutes) for lost; keep this well below.
         */
        @WithDefault("PT10S")
        Duration heartbeatInterval();

        /** The warm Blender pool (issue 15): {@code hartomat.worker.blender-pool.*}. */
        BlenderPool blenderPool();

        // ---- mesh cache and memory budget (issue 15) ----

        /** The CAD mesh cache in artifact storage ({@code hartomat.worker.mesh-cache.*}). */
        MeshCacheSettings meshCache();

        /**
         * Memory the worker may spend on jobs at once, in MiB; concurrency is capped at this divided by the largest
         * per-job estimate. Unset: the machine's (container's) memory minus the JVM's maximum heap minus 256 MiB.
         */
        Optional<Long> memoryBudgetMb();

        /** Per job type (wire name): the memory one job of that type is expected to take (Blender or gmsh), in MiB. */
        Map<String, Long> memoryEstimatesMb();

        /** The estimate for job types without an entry in {@code memory-estimates-mb}. */
        @WithDefault("1024")
        long defaultMemoryEstimateMb();
    }

    interface BlenderPool {
        /** Warm, long-lived Blender processes that take jobs one after another; false: a fresh Blender per job. */
        @WithDefault("true")
        boolean enabled();

        /** How many warm processes; the worker's concurrency when unset. */
        Optional<Integer> size();

        /** Jobs a process takes before it is replaced by a fresh one. */
        @WithDefault("50")
        int maxJobsPerProcess();

        /** A process whose resident memory passes this many MiB is killed (its job fails, retryable) and replaced; 0: none. */
        @WithDefault("3072")
        long memoryCeilingMb();
    }

    interface MeshCacheSettings {
        /** Whether STEP meshing results are cached (off: every job meshes its STEP file itself, as before). */
        @WithDefault("true")
        boolean enabled();

        /** The most entries kept; after a new entry is published the least recently used beyond it are evicted. 0: no bound. */
        @WithDefault("0")
        int maxEntries();
    }
}
