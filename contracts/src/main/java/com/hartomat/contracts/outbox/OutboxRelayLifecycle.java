package com.hartomat.contracts.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.logging.Logger;

/**
 * Runs the service's {@link OutboxRelay} from start-up to shutdown, on the service's JDBC datasource
 * (the one Flyway migrates) and its Kafka bootstrap address.
 */
@ApplicationScoped
public class OutboxRelayLifecycle {

    private static final Logger LOG = Logger.getLogger(OutboxRelayLifecycle.class.getName());

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "hartomat")
    String applicationName;

    @ConfigProperty(name = "hartomat.outbox.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "hartomat.outbox.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "hartomat.outbox.poll-interval", defaultValue = "PT0.1S")
    Duration pollInterval;

    @ConfigProperty(name = "hartomat.outbox.max-backoff", defaultValue = "PT30S")
    Duration maxBackoff;

    /** After a commit wakes the relay, it waits this long so rows of concurrent commits share one pass. */
    @ConfigProperty(name = "hartomat.outbox.linger", defaultValue = "PT0.005S")
    Duration linger;

    /**
     * Fault injection, for tests only (unset by default, never set in production): while this file exists the relay
     * sends nothing, so committed rows wait in the outbox. The fault-injection suite creates it, lets the service
     * commit, kills the process with SIGKILL, removes the file and starts the service again.
     */
    @ConfigProperty(name = "hartomat.outbox.fault.hold-file")
    Optional<Path> holdFile;

    @jakarta.inject.Inject
    Instance<DataSource> dataSource;

    private OutboxRelay relay;

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        relay = new OutboxRelay(dataSource.get(), new KafkaRecordSender(bootstrapServers, applicationName + "-outbox"),
                batchSize, pollInterval, maxBackoff, linger);
        holdFile.ifPresent(file -> {
            LOG.warning("fault injection: the outbox relay sends nothing while " + file + " exists");
            relay.holdWhile(() -> Files.exists(file));
        });
        relay.start();
    }

    /** Asks the relay to send now; call after committing a transaction that appended to the outbox. */
    public void wakeUp() {
        if (relay != null) {
            relay.wakeUp();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (relay != null) {
            relay.close();
        }
    }
}
