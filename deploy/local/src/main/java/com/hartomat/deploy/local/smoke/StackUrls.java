package com.hartomat.deploy.local.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hartomat.deploy.local.auth.TokenCommand;
import com.hartomat.deploy.local.auth.TokenRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the services of a running stack answer, and the bearer token the smoke calls them with (subject
 * {@value SmokeHttp#ACTOR}, role admin: a smoke may force a rollout to graph).
 */
public record StackUrls(String registry, String dispatch, String comparison, String token) {

    static final Duration TOKEN_TTL = Duration.ofHours(2);

    /**
     * The stack that {@code ./hartomat up} started, from its state file {@code .hartomat/run/stack.json} (as
     * {@code ./hartomat status} reads it): the entry point's one base URL when it runs, otherwise each service's own URL.
     * A stack whose launcher is gone does not run.
     */
    public static StackUrls ofRunningStack(Path projectRoot) {
        Path stateFile = projectRoot.resolve(".hartomat/run/stack.json");
        if (!Files.exists(stateFile)) {
            throw new StackNotRunning("no stack is running (./hartomat up starts one)");
        }
        JsonNode stack;
        try {
            stack = new ObjectMapper().readTree(stateFile.toFile());
        } catch (IOException e) {
            throw new StackNotRunning("the stack's state file " + stateFile + " cannot be read: " + e.getMessage());
        }
        boolean alive = ProcessHandle.of(stack.path("launcher_pid").asLong()).map(ProcessHandle::isAlive).orElse(false);
        if (!alive) {
            throw new StackNotRunning("no stack is running: its launcher is gone (./hartomat up starts one)");
        }
        // the smoke signs its own token with the stack's key, as ./hartomat token would
        String token = TokenCommand.token(projectRoot, new TokenRequest(SmokeHttp.ACTOR, List.of("admin"), TOKEN_TTL));
        String entry = stack.path("entry").path("url").asText("");
        if (!entry.isBlank()) {
            // the one base URL: the smoke goes through the entry point, as a user does
            return new StackUrls(entry, entry, entry, token);
        }
        Map<String, String> urls = new HashMap<>();
        stack.path("services").forEach(s -> urls.put(s.path("name").asText(), s.path("url").asText()));
        for (String name : new String[] {"workflow-registry", "dispatch-service", "comparison-service"}) {
            if (urls.getOrDefault(name, "").isBlank()) {
                throw new StackNotRunning("the stack's state file " + stateFile + " names no URL for " + name);
            }
        }
        return new StackUrls(urls.get("workflow-registry"), urls.get("dispatch-service"), urls.get("comparison-service"),
                token);
    }

    /** No stack to smoke: exit {@link ExitCode#NO_STACK} with this message. */
    public static final class StackNotRunning extends RuntimeException {
        public StackNotRunning(String message) {
            super(message);
        }
    }
}
