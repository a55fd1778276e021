package com.hartomat.dispatch;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Map;

/**
 * The dispatch service's configuration: the one place its settings are read. Each key can be overridden by
 * environment variable (e.g. {@code HARTOMAT_DB_HOST}, {@code HARTOMAT_STORAGE_ROOT}).
 */
@ConfigMapping(prefix = "hartomat")
public interface DispatchConfig {

    Db db();

    Storage storage();

    Uploads uploads();

    Http http();

    interface Http {
        /** The largest declared body of any request but an upload; beyond it a JSON 413 {@code payload_too_large}. */
        @WithDefault("10M")
        MemorySize maxJsonBytes();
    }

    /** STEP uploads ({@code POST /api/cad-files}). */
    interface Uploads {
        /**
         * The largest upload request (the multipart body: the STEP file plus its few hundred bytes of form framing),
         * refused beyond with a JSON 413 {@code upload_too_large}. The nginx in front uses the same key and default.
         */
        @WithDefault("256M")
        MemorySize maxBytes();
    }

    Registry registry();

    LostJobs lostJobs();

    /**
     * Lost jobs and held retries (docs/dispatch.md "Lost jobs and retry policies"). Attempts and back-off come from each
     * node's retry policy (its definition, overridable in its params), not from here.
     */
    interface LostJobs {
        /**
         * How often the recovery sweep runs (quarkus-scheduler {@code every}: {@code 15s}, {@code PT15S}; {@code off}
         * disables the periodic sweep). Read by {@code @Scheduled} from the key itself; declared here for its
         * documentation.
         */
        @WithDefault("15s")
        String checkInterval();

        /** Run the same sweep once at start-up (runs a crash left behind). */
        @WithDefault("true")
        boolean startupSweep();

        /** How long a running job may send no heartbeat before it is lost, unless its job type has its own value. */
        @WithDefault("PT2M")
        Duration timeout();

        /** Per job type ({@code still}, {@code turntable}, {@code export_blend}, {@code occ_object_extract}, …). */
        Map<String, Duration> timeoutByJobType();

        /** Most lost jobs and held retries one sweep handles (the next sweep takes the rest). */
        @WithDefault("200")
        int batchSize();
    }

    Sse sse();

    Rollout rollout();

    /** Rollout readiness and the automatic hold ({@code rollout/}). */
    interface Rollout {
        /** Consecutive passing shadow verdicts before readiness recommends switching an output type to graph. */
        @WithDefault("3")
        int requiredPasses();

        AutoHold autoHold();

        /**
         * QG-6 applied by the service: an output type whose graph runs fail more often than its legacy renders over the
         * window, once it has at least {@code min-samples} graph runs in it, drops from graph to shadow.
         */
        interface AutoHold {
            @WithDefault("true")
            boolean enabled();

            @WithDefault("PT24H")
            Duration window();

            @WithDefault("20")
            int minSamples();
        }
    }

    /** The run status streams (Server-Sent Events) of {@code runstream/}. */
    interface Sse {
        /** How often a stream sends a comment line, so clients and proxies see an idle stream alive. */
        @WithDefault("PT15S")
        Duration heartbeat();

        /**
         * Live events one stream may hold while it replays or its client reads slowly; beyond that the stream ends, and
         * the client resumes from the event log with {@code Last-Event-ID}.
         */
        @WithDefault("1000")
        int liveBuffer();
    }

    interface Registry {
        /** Base URL of the workflow registry's REST API, asked when the read model misses an entity. */
        @WithDefault("http://localhost:8081")
        String url();

        /** How long a read-model entity may be served from memory (changes applied by this replica evict at once). */
        @WithDefault("PT2S")
        Duration cacheTtl();
    }

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
}
