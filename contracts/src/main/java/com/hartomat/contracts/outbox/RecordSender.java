package com.hartomat.contracts.outbox;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Where the relay sends outbox rows: Kafka in production, the same with injected faults in tests. */
public interface RecordSender extends AutoCloseable {

    CompletableFuture<Void> send(String topic, String key, byte[] value, Map<String, String> headers);

    @Override
    void close();
}
