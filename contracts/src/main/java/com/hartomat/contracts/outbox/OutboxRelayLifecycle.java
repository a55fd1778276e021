package com.hartomat.contracts.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the service's {@link OutboxRelay} from start-up to shutdown, on the service's JDBC datasource
 * (the one Flyway migrates) and its Kafka bootstrap address.
 */
@ApplicationScoped
public class OutboxRelayLifecycle {

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

    @jakarta.inject.Inject
    Instance<DataSource> dataSource;

    private OutboxRelay relay;

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        relay = new OutboxRelay(dataSource.get(), new KafkaRecordSender(bootstrapServers, applicationName + "-outbox"),
                batchSize, pollInterval, maxBackoff, linger);
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
