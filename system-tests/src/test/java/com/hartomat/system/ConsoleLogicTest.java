package com.hartomat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hartomat.system.support.ConsoleBrowser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's pure modules (graph edits, validation pins, SSE parsing, run state, roles) pass their unit tests,
 * {@code workflow-registry/src/test/js/*.test.mjs}, run in Chromium: the files are written for {@code node --test},
 * and a fresh machine has no Node, so {@code node:test} and {@code node:assert/strict} are mapped to small shims
 * (src/test/resources/console-unit) by an import map. The files are served to the page by Playwright's request
 * routing straight from the source tree; no stack is started.
 */
class ConsoleLogicTest {

    @RegisterExtension
    static final ConsoleBrowser BROWSER = new ConsoleBrowser();

    // a *.localhost origin is a secure context, where Web Crypto (the sign-in's PKCE) exists; Playwright serves it
    private static final String ORIGIN = "http://console-unit.localhost";
    private static final Path REGISTRY = Path.of("..", "workflow-registry").toAbsolutePath().normalize();

    @Test
    void theConsolesPureModulesPassTheirUnitTestsInChromium() throws Exception {
        List<String> files = testFiles();
        assertFalse(files.isEmpty(), "no *.test.mjs under " + REGISTRY.resolve("src/test/js"));
        try (BrowserContext context = BROWSER.chromium().newContext()) {
            context.route(ORIGIN + "/**", ConsoleLogicTest::serve);
            Page page = context.newPage();
            List<String> console = new ArrayList<>();
            page.onConsoleMessage(m -> console.add(m.type() + ": " + m.text()));
            page.onPageError(e -> console.add("page error: " + e));
            page.navigate(ORIGIN + "/runner.html");
            page.waitForFunction("() => window.__results !== undefined");
            JsonNode results = new ObjectMapper().readTree((String) page.evaluate("() => JSON.stringify(window.__results)"));
            List<String> failures = new ArrayList<>();
            for (JsonNode r : results) {
                if (!r.path("ok").asBoolean()) {
                    failures.add(r.path("file").asText() + " › " + r.path("name").asText() + ": " + r.path("error").asText());
                }
            }
            System.out.printf("[console-unit] %d tests in %d files, %d failed%n", results.size(), files.size(), failures.size());
            assertFalse(results.isEmpty(), "no test ran; browser console: " + console);
            assertEquals(List.of(), failures, "browser console: " + console);
        }
    }

    private static List<String> testFiles() throws IOException {
        try (Stream<Path> found = Files.list(REGISTRY.resolve("src/test/js"))) {
            return found.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".test.mjs")).sorted()
                    .map(n -> "/src/test/js/" + n).toList();
        }
    }

    private static void serve(Route route) {
        String path = URI.create(route.request().url()).getPath();
        try {
            if (path.equals("/runner.html")) {
                route.fulfill(new Route.FulfillOptions().setContentType("text/html").setBody(runner(testFiles())));
            } else if (path.startsWith("/shim/")) {
                try (InputStream in = ConsoleLogicTest.class.getResourceAsStream("/console-unit/" + path.substring(6))) {
                    if (in == null) {
                        route.fulfill(new Route.FulfillOptions().setStatus(404));
                        return;
                    }
                    route.fulfill(new Route.FulfillOptions().setContentType("text/javascript").setBodyBytes(in.readAllBytes()));
                }
            } else if (path.startsWith("/src/") && !path.contains("..")) {
                Path file = REGISTRY.resolve(path.substring(1));
                route.fulfill(Files.isRegularFile(file)
                        ? new Route.FulfillOptions().setContentType("text/javascript").setBodyBytes(Files.readAllBytes(file))
                        : new Route.FulfillOptions().setStatus(404));
            } else {
                route.fulfill(new Route.FulfillOptions().setStatus(404));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String runner(List<String> files) throws IOException {
        return """
                <!doctype html>
                <script type="importmap">
                {"imports": {"node:test": "/shim/node-test.js", "node:assert/strict": "/shim/node-assert.js"}}
                </script>
                <script type="module">
                import { run } from '/shim/node-test.js';
                const results = [];
                for (const file of %s) {
                  try {
                    await import(file);
                    results.push(...(await run()).map((r) => ({ ...r, file })));
                  } catch (e) {
                    results.push({ file, name: '(loading the file)', ok: false, error: String((e && e.stack) || e) });
                  }
                }
                window.__results = results;
                </script>
                """.formatted(new ObjectMapper().writeValueAsString(files));
    }
}
