package com.hartomat.deploy.local.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NginxConfigTest {

    static final Map<String, Integer> PORTS = Map.of("workflow-registry", 8081, "dispatch-service", 8082,
            "render-worker", 8083, "comparison-service", 8084);

    private static EntryPointSettings settings(String user) {
        return new EntryPointSettings(8080, PORTS, UploadLimit.DEFAULT_BYTES, EntryPointSettings.DEFAULT_BODY_MAX_BYTES,
                EntryPointSettings.DEFAULT_STREAM_READ_TIMEOUT, Path.of("/run/x/entry"), Path.of("/run/x/logs"), user);
    }

    private static final String CONFIG = NginxConfig.render(CommittedRoutes.table(), settings(null));

    /** The body of the location block that starts with {@code header}. */
    private static String block(String header) {
        int start = CONFIG.indexOf("location " + header + " {");
        assertTrue(start >= 0, "no location " + header + " in\n" + CONFIG);
        return CONFIG.substring(start, CONFIG.indexOf("}", start));
    }

    @Test
    void everyExampleReachesItsServiceUnderNginxsOwnPrecedence() {
        RouteTable table = CommittedRoutes.table();
        List<NginxLocation> locations = NginxConfig.locations(table);
        table.examples().forEach((path, service) -> assertEquals(service,
                NginxLocationSelection.select(locations, path).orElseThrow().route().service(), path));
    }

    @Test
    void exactRoutesArePrefixRoutesElementWiseAndRegexRoutesInTheTablesOrder() {
        assertTrue(block("= /api/workflows/dispatch").contains("proxy_pass http://dispatch-service;"));
        assertTrue(block("= /api/orders").contains("proxy_pass http://dispatch-service;"));
        assertTrue(block("/api/orders/").contains("proxy_pass http://dispatch-service;"));
        assertTrue(block("/api/render-workers/").contains("proxy_pass http://render-worker;"));
        // the console (docs/console.md): its page and bundle from the registry
        assertTrue(block("= /workflows").contains("proxy_pass http://workflow-registry;"));
        assertTrue(block("/workflows/").contains("proxy_pass http://workflow-registry;"));
        Matcher regex = Pattern.compile("location ~ \"([^\"]+)\"").matcher(CONFIG);
        List<String> order = regex.results().map(m -> m.group(1)).toList();
        assertEquals(List.of("^/api/workflows/runs/[^/]+/comparison/images/[^/]+$",
                "^/api/workflows/runs/[^/]+/comparison$", "^/api/workflows/runs/([^/]+/)?events$",
                "^/api/workflows/[^/]+/(dispatch|preflight)$"), order);
        assertFalse(CONFIG.contains("^~"), "no prefix may stop the regex search");
    }

    @Test
    void aTableWhoseOrderNginxWouldReadDifferentlyIsRefusedNamingThePath() {
        RouteTable table = new RouteTable(List.of("a", "b"), List.of(
                new RouteTable.Route("broad", RouteTable.Match.PREFIX, "/api/things", "a", false, false),
                new RouteTable.Route("narrow", RouteTable.Match.REGEX, "^/api/things/[^/]+/parts$", "b", false, false)),
                Map.of("/api/things/1/parts", "a"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NginxConfig.render(table,
                new EntryPointSettings(8080, Map.of("a", 1, "b", 2), 10, 10, Duration.ofHours(1), Path.of("/d"),
                        Path.of("/l"), null)));
        assertTrue(e.getMessage().contains("/api/things/1/parts") && e.getMessage().contains("narrow"), e.getMessage());
    }

    @Test
    void anExampleTheTableItselfSendsElsewhereIsRefused() {
        RouteTable table = new RouteTable(List.of("a"), List.of(
                new RouteTable.Route("things", RouteTable.Match.PREFIX, "/api/things", "a", false, false)),
                Map.of("/api/other", "a"));
        assertThrows(IllegalArgumentException.class, () -> NginxConfig.render(table, new EntryPointSettings(8080,
                Map.of("a", 1), 10, 10, Duration.ofHours(1), Path.of("/d"), Path.of("/l"), null)));
    }

    @Test
    void upstreamsPointAtTheServicesLocalPorts() {
        PORTS.forEach((service, port) -> assertTrue(
                CONFIG.contains("upstream " + service + " {\n        server 127.0.0.1:" + port + ";"), service));
        assertTrue(CONFIG.contains("listen 8080;"));
    }

    @Test
    void streamingRoutesAreUnbufferedOverHttp11WithAReadTimeoutFarAboveTheHeartbeat() {
        String events = block("~ \"^/api/workflows/runs/([^/]+/)?events$\"");
        assertTrue(events.contains("proxy_buffering off;"), events);
        Matcher timeout = Pattern.compile("proxy_read_timeout (\\d+)s;").matcher(events);
        assertTrue(timeout.find(), events);
        assertTrue(Long.parseLong(timeout.group(1)) > EntryPointSettings.STREAM_HEARTBEAT.toSeconds(), events);
        assertTrue(CONFIG.contains("proxy_http_version 1.1;"));
        assertFalse(block("/api/workflows/runs/").contains("proxy_buffering off"));
    }

    @Test
    void aStreamReadTimeoutNearTheHeartbeatIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EntryPointSettings(8080, PORTS, 1, 1,
                Duration.ofSeconds(20), Path.of("/d"), Path.of("/l"), null));
    }

    @Test
    void uploadRoutesTakeTheUploadLimitWithTheirOwnJson413AndOthersTheGeneralLimit() {
        String cadFiles = block("/api/cad-files/");
        assertTrue(cadFiles.contains("client_max_body_size 268435456;"), cadFiles);
        assertTrue(cadFiles.contains("error_page 413 = @too_large_upload;"), cadFiles);
        assertTrue(block("= /api/cad-files").contains("client_max_body_size 268435456;"));
        assertFalse(block("/api/products/").contains("client_max_body_size"));
        assertTrue(block("/api/products/").contains("error_page 413 = @too_large;"));
        assertTrue(CONFIG.contains("    client_max_body_size 16777216;"));
        assertTrue(block("@too_large_upload").contains(
                "return 413 '{\"code\":\"upload_too_large\",\"message\":\"the request body is larger than the 268435456 bytes"
                        + " accepted for uploads (hartomat.uploads.max-bytes)\""), block("@too_large_upload"));
    }

    @Test
    void nginxsOwnErrorsAreJsonWithAStableCodeNamingTheService() {
        String dispatchLocation = block("/api/orders/");
        assertTrue(dispatchLocation.contains("error_page 502 503 = @unavailable_dispatch-service;"), dispatchLocation);
        assertTrue(dispatchLocation.contains("error_page 504 = @timeout_dispatch-service;"), dispatchLocation);
        String unavailable = block("@unavailable_dispatch-service");
        assertTrue(unavailable.contains("default_type application/json;"), unavailable);
        assertTrue(unavailable.contains("return 502 '{\"code\":\"service_unavailable\""), unavailable);
        assertTrue(unavailable.contains("\"service\":\"dispatch-service\""), unavailable);
        assertTrue(block("@timeout_render-worker").contains("return 504 '{\"code\":\"service_timeout\""));
        assertTrue(block("/").contains("return 404 '{\"code\":\"route_not_found\""));
        assertFalse(CONFIG.contains("proxy_intercept_errors on"), "a service's own errors pass through");
    }

    @Test
    void theServicesSeeTheClientsHostAndAddressInXForwardedHeaders() {
        for (String header : List.of("Host $http_host", "X-Forwarded-For $proxy_add_x_forwarded_for",
                "X-Forwarded-Proto $scheme", "X-Forwarded-Host $http_host", "X-Forwarded-Port $server_port")) {
            assertTrue(CONFIG.contains("proxy_set_header " + header + ";"), header);
        }
    }

    @Test
    void pidLogsAndTemporaryFilesLiveUnderTheRunDirectory() {
        assertTrue(CONFIG.contains("pid /run/x/entry/nginx.pid;"));
        assertTrue(CONFIG.contains("error_log /run/x/logs/entry-error.log warn;"));
        assertTrue(CONFIG.contains("access_log /run/x/logs/entry-access.log;"));
        assertTrue(CONFIG.contains("client_body_temp_path /run/x/entry/temp/client_body;"));
        assertTrue(CONFIG.contains("proxy_temp_path /run/x/entry/temp/proxy;"));
        assertTrue(CONFIG.contains("daemon off;"));
    }

    @Test
    void theUserDirectiveAppearsOnlyForRoot() {
        assertFalse(CONFIG.contains("\nuser "));
        assertTrue(NginxConfig.render(CommittedRoutes.table(), settings("root")).contains("\nuser root;\n"));
    }
}
