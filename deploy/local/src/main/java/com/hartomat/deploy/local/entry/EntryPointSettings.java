package com.hartomat.deploy.local.entry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the generated nginx configuration needs besides the route table.
 *
 * @param port the one port the entry point listens on
 * @param servicePorts each service's local port (127.0.0.1)
 * @param uploadMaxBytes the body limit of the table's upload routes ({@link UploadLimit})
 * @param bodyMaxBytes the body limit of every other route: the services' own transport limits are below it, so they
 *        answer oversized JSON bodies with their own 413
 * @param streamReadTimeout how long a Server-Sent Events stream may stay silent before nginx cuts it; far above the
 *        streams' heartbeat period
 * @param directory nginx's prefix: configuration, pid file, temporary files
 * @param logs where the access and error logs go
 * @param user the {@code user} directive, only when nginx starts as root (null otherwise: it then runs as whoever
 *        starts it, and nginx ignores the directive with a warning)
 */
public record EntryPointSettings(int port, Map<String, Integer> servicePorts, long uploadMaxBytes, long bodyMaxBytes,
        Duration streamReadTimeout, Path directory, Path logs, String user) {

    public static final int DEFAULT_PORT = 8080;
    public static final String PORT_ENVIRONMENT = "HARTOMAT_ENTRY_PORT";
    public static final long DEFAULT_BODY_MAX_BYTES = 16L * 1024 * 1024;
    /** dispatch-service's run event streams send a {@code : heartbeat} comment this often (docs/topics.md) */
    public static final Duration STREAM_HEARTBEAT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_STREAM_READ_TIMEOUT = Duration.ofHours(1);

    public EntryPointSettings {
        servicePorts = Map.copyOf(servicePorts);
        if (streamReadTimeout.compareTo(STREAM_HEARTBEAT.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("a stream read timeout of " + streamReadTimeout
                    + " would cut streams that only send heartbeats every " + STREAM_HEARTBEAT);
        }
    }

    /** The entry point's port: {@value #DEFAULT_PORT}, or {@code HARTOMAT_ENTRY_PORT}. */
    public static int portFromEnvironment(Map<String, String> environment) {
        String value = environment.get(PORT_ENVIRONMENT);
        if (value == null || value.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT_ENVIRONMENT + " must be a TCP port (1-65535), not '" + value + "'");
        }
    }

    /** The {@code user} directive for this JVM's user: {@code root} when it is root, otherwise none. */
    public static String userDirectiveForCurrentUser() {
        return "root".equals(System.getProperty("user.name")) ? "root" : null;
    }
}
