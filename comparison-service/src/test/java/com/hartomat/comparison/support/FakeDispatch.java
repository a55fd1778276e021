package com.hartomat.comparison.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for dispatch-service's public API on a real loopback port (as dispatch's own tests stand in for the
 * registry): answers {@code GET /api/workflows/runs/{id}} and {@code GET /api/order-lines/{id}} with what a test put
 * here, in dispatch's response shape, 404 {@code workflow_run_not_found} otherwise, and queues calibration renders
 * ({@code POST /api/rollout/output-types/{id}/calibration-renders}) for the lines a test named. {@link #stopServer()} closes the
 * port, so the service meets a dispatch that is down.
 */
public class FakeDispatch implements QuarkusTestResourceLifecycleManager {

    /** Registers the stand-in for every {@code @QuarkusTest} of the module (one application boot for all). */
    @QuarkusTestResource(FakeDispatch.class)
    public static final class Registration {
        private Registration() {
        }
    }

    private static final Map<String, Map<String, Object>> ENTITIES = new ConcurrentHashMap<>();
    private static final Map<String, java.util.concurrent.atomic.AtomicInteger> REQUESTS = new ConcurrentHashMap<>();
    private static volatile HttpServer server;
    private static volatile int port;
    /** Paths (under /api/) whose requests hang without an answer: a dispatch that is up but stuck for them. */
    private static final java.util.Set<String> HANGING = ConcurrentHashMap.newKeySet();

    /** Requests for {@code path} (e.g. {@code workflows/runs/<id>}) hang until {@link #answer(String)}. */
    public static void hang(String path) {
        HANGING.add(path);
    }

    public static void answer(String path) {
        HANGING.remove(path);
    }

    /** How many requests for {@code path} reached the stand-in. */
    public static int requests(String path) {
        java.util.concurrent.atomic.AtomicInteger n = REQUESTS.get(path);
        return n == null ? 0 : n.get();
    }

    public static void run(String runId, String executionMode, String orderLineId, String outputTypeId) {
        Map<String, Object> run = new HashMap<>();
        run.put("id", runId);
        run.put("status", "completed");
        run.put("execution_mode", executionMode);
        run.put("workflow_def_id", "wf-1");
        run.put("order_line_id", orderLineId);
        run.put("output_type_id", outputTypeId);
        run.put("node_results", List.of());
        ENTITIES.put("workflows/runs/" + runId, run);
    }

    public static void orderLine(String orderLineId, String resultPath) {
        Map<String, Object> line = new HashMap<>();
        line.put("id", orderLineId);
        line.put("order_id", "o-1");
        line.put("render_status", "completed");
        line.put("result_path", resultPath);
        ENTITIES.put("order-lines/" + orderLineId, line);
    }

    /** Order lines dispatch would render for a calibration of an output type (others: 404 order_line_not_found). */
    private static final Map<String, String> CALIBRATION_LINES = new ConcurrentHashMap<>();
    /** The calibration-renders requests received, by calibration id. */
    public static final Map<String, Map<String, Object>> CALIBRATIONS_ASKED = new ConcurrentHashMap<>();

    public static void calibrationLine(String outputTypeId, String orderLineId) {
        CALIBRATION_LINES.put(outputTypeId, orderLineId);
    }

    /**
     * {@code POST /api/rollout/output-types/{id}/calibration-renders} as dispatch answers it: 202 with one job id per
     * run for a known line of the output type, 422 {@code order_line_output_type_mismatch} for another output type's
     * line, 404 {@code order_line_not_found} otherwise.
     */
    @SuppressWarnings("unchecked")
    private static void calibrationRenders(com.sun.net.httpserver.HttpExchange exchange, String outputTypeId)
            throws IOException {
        Map<String, Object> body = new ObjectMapper().readValue(exchange.getRequestBody(), Map.class);
        String line = String.valueOf(body.get("order_line_id"));
        Map<String, Object> answer = new HashMap<>();
        int status;
        if (line.equals(CALIBRATION_LINES.get(outputTypeId))) {
            CALIBRATIONS_ASKED.put(String.valueOf(body.get("calibration_id")), body);
            int runs = ((Number) body.get("runs")).intValue();
            List<String> jobs = new java.util.ArrayList<>();
            for (int i = 0; i < runs; i++) {
                jobs.add("job-" + body.get("calibration_id") + "-" + i);
            }
            answer.putAll(Map.of("calibration_id", body.get("calibration_id"), "output_type_id", outputTypeId,
                    "order_line_id", line, "runs", runs, "job_ids", jobs));
            status = 202;
        } else if (CALIBRATION_LINES.containsValue(line)) {
            answer.putAll(Map.of("code", "order_line_output_type_mismatch", "message", "order line " + line
                    + " renders another output type", "path", "/order_line_id"));
            status = 422;
        } else {
            answer.putAll(Map.of("code", "order_line_not_found", "message", "order line '" + line
                    + "' does not exist", "path", ""));
            status = 404;
        }
        byte[] bytes = new ObjectMapper().writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public Map<String, String> start() {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startServer();
        return Map.of("hartomat.dispatch.url", "http://127.0.0.1:" + port);
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
                REQUESTS.computeIfAbsent(path, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                if (HANGING.contains(path)) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.close();
                    return;
                }
                if ("POST".equals(exchange.getRequestMethod()) && path.startsWith("rollout/output-types/")
                        && path.endsWith("/calibration-renders")) {
                    calibrationRenders(exchange, path.substring("rollout/output-types/".length(),
                            path.length() - "/calibration-renders".length()));
                    return;
                }
                Map<String, Object> entity = ENTITIES.get(path);
                byte[] body = entity == null
                        ? "{\"code\":\"workflow_run_not_found\",\"message\":\"not found\",\"path\":\"\"}"
                                .getBytes(StandardCharsets.UTF_8)
                        : new ObjectMapper().writeValueAsBytes(entity);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(entity == null ? 404 : 200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            // one thread per request: a hanging request must not hold up the others
            s.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "fake-dispatch");
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
