package com.hartomat.dispatch.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hartomat.deploy.local.auth.TestTokens;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenID Connect provider's discovery document and token endpoint on a real loopback port, for the
 * client-credentials grant only: it checks the client's id and secret (HTTP Basic, as quarkus-oidc-client sends them
 * by default) and issues an access token for the client's service account, signed with the test key set every
 * service verifies. Records each token request it answered and each token it issued.
 */
public class FakeIdentityProvider implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "dispatch-service";
    public static final String CLIENT_SECRET = "s3cret-of-dispatch";
    public static final String SERVICE_ACCOUNT = "service-account-dispatch-service";

    /** One answered token request: its form parameters and the token issued. */
    public record Grant(Map<String, String> form, String client, String accessToken) {
    }

    private static final List<Grant> GRANTS = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    public static List<Grant> grants() {
        return List.copyOf(GRANTS);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/hartomat";
        server.createContext("/realms/hartomat/.well-known/openid-configuration", exchange -> send(exchange, 200,
                Map.of("issuer", TestTokens.ISSUER, "token_endpoint", base + "/protocol/openid-connect/token",
                        "jwks_uri", base + "/protocol/openid-connect/certs")));
        server.createContext("/realms/hartomat/protocol/openid-connect/token", this::token);
        server.start();
        return Map.of("quarkus.oidc-client.client-enabled", "true",
                "quarkus.oidc-client.auth-server-url", base,
                "quarkus.oidc-client.client-id", CLIENT_ID,
                "quarkus.oidc-client.credentials.secret", CLIENT_SECRET);
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String client = basicUser(exchange.getRequestHeaders().getFirst("Authorization"));
        if (!"POST".equals(exchange.getRequestMethod()) || !"client_credentials".equals(form.get("grant_type"))) {
            send(exchange, 400, Map.of("error", "unsupported_grant_type"));
            return;
        }
        if (!(CLIENT_ID + ":" + CLIENT_SECRET).equals(client)) {
            send(exchange, 401, Map.of("error", "invalid_client"));
            return;
        }
        String accessToken = TestTokens.token(SERVICE_ACCOUNT, "viewer");
        GRANTS.add(new Grant(form, CLIENT_ID, accessToken));
        send(exchange, 200, Map.of("access_token", accessToken, "token_type", "Bearer", "expires_in", 3600));
    }

    private static String basicUser(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return "";
        }
        return new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
