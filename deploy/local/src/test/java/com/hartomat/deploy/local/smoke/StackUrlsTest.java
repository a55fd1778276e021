package com.hartomat.deploy.local.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackUrlsTest {

    @TempDir
    Path root;

    private void writeState(long launcherPid) throws Exception {
        Files.createDirectories(root.resolve(".hartomat/run"));
        Files.writeString(root.resolve(".hartomat/run/stack.json"), """
                {"launcher_pid": %d, "services": [
                  {"name": "workflow-registry", "port": 8081, "url": "http://127.0.0.1:8081"},
                  {"name": "dispatch-service", "port": 8082, "url": "http://127.0.0.1:8082"},
                  {"name": "render-worker", "port": 8083, "url": "http://127.0.0.1:8083"},
                  {"name": "comparison-service", "port": 8084, "url": "http://127.0.0.1:8084"}]}
                """.formatted(launcherPid));
    }

    @Test
    void theRunningStacksUrlsComeFromItsStateFile() throws Exception {
        writeState(ProcessHandle.current().pid());
        StackUrls urls = StackUrls.ofRunningStack(root);
        assertEquals(List.of("http://127.0.0.1:8081", "http://127.0.0.1:8082", "http://127.0.0.1:8084"),
                List.of(urls.registry(), urls.dispatch(), urls.comparison()));
        assertEquals(3, urls.token().split("\\.").length, "a signed JWT from the stack's key: " + urls.token());
    }

    @Test
    void withAnEntryPointEveryCallGoesToItsOneBaseUrl() throws Exception {
        writeState(ProcessHandle.current().pid());
        Path state = root.resolve(".hartomat/run/stack.json");
        Files.writeString(state, Files.readString(state).replace("{\"launcher_pid\"",
                "{\"entry\": {\"url\": \"http://127.0.0.1:8080\", \"port\": 8080, \"pid\": 1}, \"launcher_pid\""));
        StackUrls urls = StackUrls.ofRunningStack(root);
        assertEquals(List.of("http://127.0.0.1:8080", "http://127.0.0.1:8080", "http://127.0.0.1:8080"),
                List.of(urls.registry(), urls.dispatch(), urls.comparison()));
        assertEquals(3, urls.token().split("\\.").length, "a signed JWT from the stack's key: " + urls.token());
    }

    @Test
    void noStateFileOrAGoneLauncherMeansNoStack() throws Exception {
        assertTrue(assertThrows(StackUrls.StackNotRunning.class, () -> StackUrls.ofRunningStack(root)).getMessage()
                .contains("./hartomat up"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        writeState(gone.pid());
        assertTrue(assertThrows(StackUrls.StackNotRunning.class, () -> StackUrls.ofRunningStack(root)).getMessage()
                .contains("launcher is gone"));
    }

    @Test
    void withoutAStackTheSmokeSaysSoInOneLineAndExitsWithThree() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Smoke.Report report = Smoke.execute(List.of("still", "--mode", "legacy"), () -> StackUrls.ofRunningStack(root),
                new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        assertEquals(ExitCode.NO_STACK, report.exitCode());
        assertEquals("smoke: no stack is running (./hartomat up starts one)\n", bytes.toString(StandardCharsets.UTF_8));
    }
}
