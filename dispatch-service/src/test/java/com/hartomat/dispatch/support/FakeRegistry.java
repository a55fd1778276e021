package com.hartomat.dispatch.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the workflow registry's REST API on a real loopback port: serves the entities a test puts here.
 * {@link #stop()} closes the port, so the service meets a registry that is down; {@link #start()} brings it back.
 */
public class FakeRegistry implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, Map<String, Object>> ENTITIES = new ConcurrentHashMap<>();
    private static final Map<String, String> AUTHORIZATION = new ConcurrentHashMap<>();
    private static final Map<String, java.util.concurrent.atomic.AtomicInteger> REQUESTS = new ConcurrentHashMap<>();
    private static volatile HttpServer server;
    private static volatile int port;
    /** How the registry misbehaves: 0 answers normally, a status >= 500 answers that, -1 never answers (hangs). */
    private static volatile int misbehaviour;

    /** From now on every request hangs without an answer until {@link #behave()}: a registry that is up but stuck. */
    public static void hang() {
        misbehaviour = -1;
    }

    /** From now on every request is answered with {@code status} (a 5xx) until {@link #behave()}. */
    public static void fail(int status) {
        misbehaviour = status;
    }

    public static void behave() {
        misbehaviour = 0;
    }

    /** How many requests for {@code collection/id} reached the registry. */
    public static int requests(String collection, String id) {
        java.util.concurrent.atomic.AtomicInteger n = REQUESTS.get(collection + "/" + id);
        return n == null ? 0 : n.get();
    }

    public static void put(String collection, String id, Map<String, Object> state) {
        ENTITIES.put(collection + "/" + id, state);
    }

    /** The Authorization header of the last request for {@code collection/id}, or null. */
    public static String authorization(String collection, String id) {
        return AUTHORIZATION.get(collection + "/" + id);
    }

    @Override
    public Map<String, String> start() {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startServer();
        return Map.of("quarkus.rest-client.registry.url", "http://127.0.0.1:" + port,
                "hartomat.registry.url", "http://127.0.0.1:" + port);
    }

    @Override
    public void stop() {
        stopServer();
    }

    public static synchronized void startServer() {
        if (server != null) {
            return;
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            s.createContext("/api/", exchange -> {
                String path = exchange.getRequestURI().getPath().substring("/api/".length());
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (authorization != null) {
                    AUTHORIZATION.put(path, authorization);
                }
                REQUESTS.computeIfAbsent(path, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                int mode = misbehaviour;
                if (mode == -1) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.close();
                    return;
                }
                if (mode >= 500) {
                    exchange.getResponseHeaders().add("Connection", "close");
                    exchange.sendResponseHeaders(mode, -1);
                    exchange.close();
                    return;
                }
                Map<String, Object> entity = ENTITIES.get(path);
                byte[] body = entity == null ? "{\"code\":\"not_found\"}".getBytes(StandardCharsets.UTF_8)
                        : new ObjectMapper().writeValueAsBytes(entity);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                // no connection reuse: a request never meets a connection a stopped or hanging registry left behind
                exchange.getResponseHeaders().add("Connection", "close");
                exchange.sendResponseHeaders(entity == null ? 404 : 200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            // one thread per request: a hanging request must not hold up the others
            s.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "fake-registry");
                thread.setDaemon(true);
                return thread;
            }));
            s.start();
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized void stopServer() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
