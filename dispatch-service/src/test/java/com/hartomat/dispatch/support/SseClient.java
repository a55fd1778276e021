package com.hartomat.dispatch.support;

import com.hartomat.deploy.local.auth.TestTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events client on the JDK HTTP client that reads the stream as it arrives: a reader thread parses
 * lines into events (and comments) and queues them, so a test waits for the next one with a timeout.
 */
public final class SseClient implements AutoCloseable {

    /** One parsed event; {@code comment} is set (and the rest null) for a comment line. */
    public record Event(String name, String id, String data, String comment) {

        public boolean isComment() {
            return comment != null;
        }
    }

    private static final Event END = new Event(null, null, null, null);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-client");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    public static SseClient open(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        // a stream needs a token like any read; a test that is about the token passes its own (or a cookie)
        boolean ownCredentials = headers.keySet().stream()
                .anyMatch(h -> h.equalsIgnoreCase("Authorization") || h.equalsIgnoreCase("Cookie"));
        if (!ownCredentials) {
            request.header("Authorization", "Bearer " + TestTokens.forRole("viewer"));
        }
        headers.forEach(request::header);
        try {
            return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot open " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The next event that is not a comment, or null when none arrived in time or the stream ended. */
    public Event next(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Event e = poll(deadline);
            if (e == null || !e.isComment()) {
                return e;
            }
        }
    }

    /** The next event or comment, or null when none arrived in time or the stream ended. */
    public Event nextOrComment(Duration wait) {
        return poll(System.nanoTime() + wait.toNanos());
    }

    /** Every non-comment event until the server ends the stream (fails if it does not within {@code wait}). */
    public List<Event> untilEnd(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<Event> out = new ArrayList<>();
        while (true) {
            Event e = poll(deadline);
            if (e == null) {
                if (ended) {
                    return out;
                }
                throw new AssertionError("the stream did not end within " + wait + "; got " + out);
            }
            if (!e.isComment()) {
                out.add(e);
            }
        }
    }

    /** True once the server closed the stream and every event before its end was taken. */
    public boolean ended() {
        return ended && events.peek() == END;
    }

    private Event poll(long deadlineNanos) {
        try {
            long left = deadlineNanos - System.nanoTime();
            Event e = left <= 0 ? events.poll() : events.poll(left, TimeUnit.NANOSECONDS);
            if (e == END) {
                events.offer(END);
                return null;
            }
            return e;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = null;
            String id = null;
            StringBuilder data = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null || name != null || id != null) {
                        events.add(new Event(name, id, data == null ? null : data.toString(), null));
                    }
                    name = null;
                    id = null;
                    data = null;
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "" -> events.add(new Event(null, null, null, value));
                    case "event" -> name = value;
                    case "id" -> id = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> {
                        // retry and unknown fields: not used here
                    }
                }
            }
        } catch (IOException e) {
            // closed by close() or by the server
        } finally {
            ended = true;
            events.add(END);
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
    }
}
