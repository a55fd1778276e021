package com.hartomat.deploy.local.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hartomat.deploy.local.fuzz.RawHttp;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated configuration in a real nginx (the Debian package, which {@code ./hartomat test} installs as root) in
 * front of one small real HTTP server per service, each answering with its own name.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EntryPointNginxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long UPLOAD_LIMIT = 1024;
    private static final String STREAM_PROBE = "/api/workflows/runs/stream-probe/events";

    @TempDir
    static Path run;

    private static final Map<String, HttpServer> backends = new HashMap<>();
    private static final ExecutorService threads = Executors.newCachedThreadPool();
    private static final CountDownLatch secondEventMayGo = new CountDownLatch(1);
    private static final AtomicBoolean secondEventSent = new AtomicBoolean();
    private static EntryPoint entry;
    private static HttpClient http;

    @BeforeAll
    static void startNginxInFrontOfOneBackendPerService() throws Exception {
        Path nginx = EntryPoint.findNginx().orElse(null);
        if (nginx == null) {
            if ("root".equals(System.getProperty("user.name"))) {
                fail("nginx is not installed: ./hartomat test installs it (as root: apt-get install -y nginx)");
            }
            Assumptions.abort("SKIPPED: nginx is not installed and cannot be installed without root"
                    + " (as root: apt-get install -y nginx); the entry point's tests need a real nginx");
        }
        RouteTable table = CommittedRoutes.table();
        Map<String, Integer> ports = new HashMap<>();
        for (String service : table.services()) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> answer(service, exchange));
            server.setExecutor(threads);
            server.start();
            backends.put(service, server);
            ports.put(service, server.getAddress().getPort());
        }
        EntryPointSettings settings = new EntryPointSettings(freePort(), ports, UPLOAD_LIMIT,
                EntryPointSettings.DEFAULT_BODY_MAX_BYTES, EntryPointSettings.DEFAULT_STREAM_READ_TIMEOUT,
                run.resolve("entry"), run.resolve("logs"), EntryPointSettings.userDirectiveForCurrentUser());
        entry = EntryPoint.start(nginx, NginxConfig.render(table, settings), settings, Duration.ofSeconds(30));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        secondEventMayGo.countDown();
        if (entry != null) {
            entry.close();
        }
        backends.values().forEach(s -> s.stop(0));
        threads.shutdownNow();
    }

    /** Each backend names itself and echoes what it received; the dispatch backend also serves one slow stream. */
    private static void answer(String service, HttpExchange exchange) throws IOException {
        if (service.equals("dispatch-service") && exchange.getRequestURI().getPath().equals(STREAM_PROBE)) {
            stream(exchange);
            return;
        }
        int bodyBytes = exchange.getRequestBody().readAllBytes().length;
        Map<String, Object> echo = new HashMap<>();
        echo.put("service", service);
        echo.put("path", exchange.getRequestURI().getPath());
        echo.put("query", String.valueOf(exchange.getRequestURI().getQuery()));
        echo.put("body_bytes", bodyBytes);
        echo.put("host", String.valueOf(exchange.getRequestHeaders().getFirst("Host")));
        for (String header : List.of("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Port")) {
            echo.put(header.toLowerCase().replace('-', '_'), String.valueOf(exchange.getRequestHeaders().getFirst(header)));
        }
        byte[] body = JSON.writeValueAsBytes(echo);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** An event, then nothing until the test lets the second one go. */
    private static void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("event: status\ndata: first\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (!secondEventMayGo.await(60, TimeUnit.SECONDS)) {
                return;
            }
            secondEventSent.set(true);
            out.write("event: status\ndata: second\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(entry.baseUrl() + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, int bytes) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(entry.baseUrl() + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[bytes])).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    @Order(1)
    void everyExamplePathOfTheRouteTableIsAnsweredByTheServiceItNames() throws Exception {
        for (Map.Entry<String, String> example : CommittedRoutes.table().examples().entrySet()) {
            HttpResponse<String> response = get(example.getKey());
            assertEquals(200, response.statusCode(), example.getKey() + ": " + response.body());
            JsonNode echo = JSON.readTree(response.body());
            assertEquals(example.getValue(), echo.path("service").asText(), example.getKey());
            assertEquals(example.getKey(), echo.path("path").asText());
        }
    }

    @Test
    @Order(2)
    void theServiceSeesTheQueryTheClientsHostAndXForwardedHeaders() throws Exception {
        JsonNode echo = JSON.readTree(get("/api/orders?status=open&limit=5").body());
        assertEquals("dispatch-service", echo.path("service").asText());
        assertEquals("status=open&limit=5", echo.path("query").asText());
        String host = "127.0.0.1:" + entry.port();
        assertEquals(host, echo.path("host").asText());
        assertEquals(host, echo.path("x_forwarded_host").asText());
        assertEquals("http", echo.path("x_forwarded_proto").asText());
        assertEquals("127.0.0.1", echo.path("x_forwarded_for").asText());
        assertEquals(Integer.toString(entry.port()), echo.path("x_forwarded_port").asText());
    }

    @Test
    @Order(3)
    void serverSentEventsReachTheClientBeforeTheNextOneIsSent() throws Exception {
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(URI.create(entry.baseUrl() + STREAM_PROBE))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        Iterator<String> lines = response.body().iterator();
        // the backend holds the second event back until the client has the first: a proxy that passes events on only
        // when the stream ends or a buffer fills never delivers it, and the bounded wait below fails
        String first = CompletableFuture.supplyAsync(() -> nextData(lines), threads).get(30, TimeUnit.SECONDS);
        assertEquals("data: first", first);
        assertFalse(secondEventSent.get(), "the first event arrived only after the second was sent");
        secondEventMayGo.countDown();
        String second = CompletableFuture.supplyAsync(() -> nextData(lines), threads).get(30, TimeUnit.SECONDS);
        assertEquals("data: second", second);
        response.body().close();
    }

    private static String nextData(Iterator<String> lines) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:")) {
                return line;
            }
        }
        return "end of stream";
    }

    @Test
    @Order(4)
    void anUploadOverTheLimitGetsTheJson413AndOneWithinItReachesDispatch() throws Exception {
        HttpResponse<String> tooLarge = post("/api/cad-files", (int) UPLOAD_LIMIT * 4);
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        assertEquals("application/json", tooLarge.headers().firstValue("Content-Type").orElse(""));
        JsonNode error = JSON.readTree(tooLarge.body());
        assertEquals("upload_too_large", error.path("code").asText());
        assertTrue(error.path("message").asText().contains(UPLOAD_LIMIT + " bytes"), tooLarge.body());
        assertEquals("", error.path("path").asText());

        HttpResponse<String> within = post("/api/cad-files", (int) UPLOAD_LIMIT / 2);
        assertEquals(200, within.statusCode(), within.body());
        assertEquals("dispatch-service", JSON.readTree(within.body()).path("service").asText());
        assertEquals(UPLOAD_LIMIT / 2, JSON.readTree(within.body()).path("body_bytes").asLong());

        // the upload limit is the upload routes': other routes take the general limit
        HttpResponse<String> json = post("/api/products", (int) UPLOAD_LIMIT * 4);
        assertEquals(200, json.statusCode(), json.body());
        assertEquals(UPLOAD_LIMIT * 4, JSON.readTree(json.body()).path("body_bytes").asLong());
    }

    @Test
    @Order(5)
    void aPathNoRouteServesIsAJson404FromTheEntryPoint() throws Exception {
        HttpResponse<String> response = get("/nowhere/at/all");
        assertEquals(404, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("route_not_found", JSON.readTree(response.body()).path("code").asText());
    }

    @Test
    @Order(5)
    void aTargetWithABrokenEscapeIsAJson400FromTheEntryPoint() throws Exception {
        // nginx refuses these request lines itself, before any location is chosen (the JDK's client cannot send them)
        for (String target : List.of("/api/orders/%ZZ", "/api/cad-files/%", "/api/workflows/%2")) {
            RawHttp.Response response = RawHttp.exchange("127.0.0.1", entry.port(), "GET", target, Map.of(), new byte[0]);
            String body = new String(response.body(), StandardCharsets.UTF_8);
            assertEquals(400, response.status(), target + ": " + body);
            assertEquals("application/json", response.header("content-type"), target);
            JsonNode error = JSON.readTree(body);
            assertEquals("malformed_request", error.path("code").asText(), body);
            assertTrue(error.path("message").asText().contains("hexadecimal"), body);
            assertEquals("", error.path("path").asText());
        }
        // the error location is internal: from outside it is no route
        assertEquals(404, get("/__hartomat/malformed_request").statusCode());
    }

    @Test
    @Order(6)
    void nginxRunsAsTheUserWhoStartedIt() {
        String user = System.getProperty("user.name");
        ProcessHandle master = ProcessHandle.of(entry.pid()).orElseThrow();
        assertEquals(user, master.info().user().orElse("?"));
        List<ProcessHandle> workers = master.children().toList();
        assertFalse(workers.isEmpty(), "nginx has no worker");
        workers.forEach(w -> assertEquals(user, w.info().user().orElse("?")));
        assertTrue(EntryPoint.portTaken(entry.port()), "./hartomat up sees the port as taken while nginx holds it");
    }

    @Test
    @Order(7)
    void aStoppedServiceGivesTheJson502NamingIt() throws Exception {
        assertEquals(200, get("/api/render-workers/self").statusCode());
        backends.get("render-worker").stop(0);

        HttpResponse<String> response = get("/api/render-workers/self");
        assertEquals(502, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertFalse(response.body().contains("<html"), response.body());
        JsonNode error = JSON.readTree(response.body());
        assertEquals("service_unavailable", error.path("code").asText());
        assertEquals("render-worker", error.path("service").asText());
        assertTrue(error.path("message").asText().contains("render-worker"), response.body());
        // the others still answer
        assertEquals(200, get("/api/orders").statusCode());
    }
}
