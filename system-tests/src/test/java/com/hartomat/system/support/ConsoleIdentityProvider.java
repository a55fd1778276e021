package com.hartomat.system.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hartomat.deploy.local.auth.TokenMint;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The identity provider the console signs users in at, in the system tests: the part of an OpenID Connect provider the
 * console's sign-in uses (discovery, an authorization endpoint with a login form, a token endpoint), for the public
 * client {@value #CLIENT_ID} with PKCE (S256 only, as a real provider configured for a browser client insists on).
 * It issues the stack's own tokens (signed with the stack's key, issuer and audience), so the services accept them as
 * they would a real provider's. A stand-in because no real provider (Keycloak and the like) runs on these machines
 * without containers; it checks what a real one checks: client id, redirect URI, one use per code and the verifier.
 */
public final class ConsoleIdentityProvider implements AutoCloseable {

    public static final String CLIENT_ID = "hartomat-console";
    /** The roles the login form offers, as a provider's user directory would assign them. */
    public static final List<String> ROLES = List.of("viewer", "author", "operator", "admin");
    private static final String REALM = "/realms/hartomat";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final TokenMint mint;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    /** Refresh tokens, each good for one use (rotated, as Keycloak does with refresh token rotation on). */
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final List<String> exchanges = new CopyOnWriteArrayList<>();
    /** The subject of each id token issued, for the logout's {@code id_token_hint}. */
    private final Map<String, String> idTokens = new ConcurrentHashMap<>();
    private volatile Duration accessTokenTtl = Duration.ofMinutes(5);

    /** What a code stands for until it is exchanged. */
    private record Grant(String clientId, String redirectUri, String challenge, String subject, String role) {
    }

    private ConsoleIdentityProvider(HttpServer server, TokenMint mint) {
        this.server = server;
        this.mint = mint;
    }

    public static ConsoleIdentityProvider start(TokenMint mint) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ConsoleIdentityProvider provider = new ConsoleIdentityProvider(server, mint);
            server.createContext(REALM + "/", provider::handle);
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "console-identity-provider");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + REALM;
    }

    /** How long the access tokens issued from now on are valid (5 minutes unless a test shortens it). */
    public void accessTokenTtl(Duration ttl) {
        this.accessTokenTtl = ttl;
    }

    /**
     * Each token and logout request answered so far, as {@code issued <subject>}, {@code refreshed <subject>},
     * {@code signed out <subject>} or {@code refused: <reason>}: what the console sent, seen from the provider's side.
     */
    public List<String> exchanges() {
        return List.copyOf(exchanges);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(REALM.length());
            String method = exchange.getRequestMethod();
            if (method.equals("OPTIONS")) {
                send(exchange, 204, null, "");
            } else if (path.equals("/.well-known/openid-configuration") && method.equals("GET")) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("issuer", issuer());
                doc.put("authorization_endpoint", issuer() + "/protocol/openid-connect/auth");
                doc.put("token_endpoint", issuer() + "/protocol/openid-connect/token");
                doc.put("end_session_endpoint", issuer() + "/protocol/openid-connect/logout");
                doc.put("response_types_supported", List.of("code"));
                doc.put("code_challenge_methods_supported", List.of("S256"));
                send(exchange, 200, "application/json", JSON.writeValueAsString(doc));
            } else if (path.equals("/protocol/openid-connect/auth") && method.equals("GET")) {
                authorize(exchange, query(exchange.getRequestURI().getRawQuery()));
            } else if (path.equals("/protocol/openid-connect/logout") && method.equals("GET")) {
                logout(exchange, query(exchange.getRequestURI().getRawQuery()));
            } else if (path.equals("/login") && method.equals("POST")) {
                login(exchange, query(body(exchange)));
            } else if (path.equals("/protocol/openid-connect/token") && method.equals("POST")) {
                token(exchange, query(body(exchange)));
            } else {
                send(exchange, 404, "text/plain", "not found");
            }
        }
    }

    /** The login page: the request is checked first, as a provider refuses an unknown client or a missing challenge. */
    private void authorize(HttpExchange exchange, Map<String, String> q) throws IOException {
        String problem = !"code".equals(q.get("response_type")) ? "response_type must be code"
                : !CLIENT_ID.equals(q.get("client_id")) ? "unknown client " + q.get("client_id")
                : q.get("redirect_uri") == null || !q.get("redirect_uri").endsWith("/workflows/") ? "redirect_uri not registered"
                : !"S256".equals(q.get("code_challenge_method")) || q.get("code_challenge") == null ? "PKCE with S256 is required"
                : q.get("state") == null ? "state is required" : null;
        if (problem != null) {
            send(exchange, 400, "text/plain", "invalid request: " + problem);
            return;
        }
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("client_id", "redirect_uri", "state", "code_challenge")) {
            hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(escape(q.get(name)))
                    .append("\">");
        }
        StringBuilder roles = new StringBuilder();
        ROLES.forEach(r -> roles.append("<option>").append(r).append("</option>"));
        send(exchange, 200, "text/html; charset=utf-8", """
                <!doctype html><title>Sign in to hartomat</title><h1>Sign in to hartomat</h1>
                <form method="post" action="%s/login">%s
                <label>Username <input id="username" name="username"></label>
                <label>Role <select id="role" name="role">%s</select></label>
                <button id="login" name="action" value="login">Sign in</button>
                <button id="cancel" name="action" value="cancel">Cancel</button>
                </form>""".formatted(REALM, hidden, roles));
    }

    private void login(HttpExchange exchange, Map<String, String> form) throws IOException {
        String redirect = form.get("redirect_uri");
        String state = URLEncoder.encode(form.get("state"), StandardCharsets.UTF_8);
        if ("cancel".equals(form.get("action"))) {
            redirect(exchange, redirect + "?error=access_denied&error_description="
                    + URLEncoder.encode("the user cancelled the sign-in", StandardCharsets.UTF_8) + "&state=" + state);
            return;
        }
        String code = random();
        codes.put(code, new Grant(form.get("client_id"), redirect, form.get("code_challenge"), form.get("username"),
                form.get("role")));
        redirect(exchange, redirect + "?state=" + state + "&session_state=" + random() + "&code=" + code);
    }

    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        if ("refresh_token".equals(form.get("grant_type"))) {
            refresh(exchange, form);
            return;
        }
        if (!"authorization_code".equals(form.get("grant_type"))) {
            refuse(exchange, "unsupported_grant_type", form.get("grant_type"));
            return;
        }
        Grant grant = form.get("code") == null ? null : codes.remove(form.get("code"));
        String problem = grant == null ? "unknown or used code"
                : !grant.clientId().equals(form.get("client_id")) ? "another client's code"
                : !grant.redirectUri().equals(form.get("redirect_uri")) ? "redirect_uri differs"
                : form.get("code_verifier") == null || !grant.challenge().equals(s256(form.get("code_verifier")))
                        ? "PKCE verification failed" : null;
        if (problem != null) {
            refuse(exchange, "invalid_grant", problem);
            return;
        }
        exchanges.add("issued " + grant.subject());
        issue(exchange, grant);
    }

    private void refresh(HttpExchange exchange, Map<String, String> form) throws IOException {
        Grant grant = form.get("refresh_token") == null ? null : refreshTokens.remove(form.get("refresh_token"));
        if (grant == null || !grant.clientId().equals(form.get("client_id"))) {
            refuse(exchange, "invalid_grant", grant == null ? "unknown or used refresh token" : "another client's refresh token");
            return;
        }
        exchanges.add("refreshed " + grant.subject());
        issue(exchange, grant);
    }

    /** A token request refused as OAuth 2.0 answers one (400, {@code error} and {@code error_description}), recorded. */
    private void refuse(HttpExchange exchange, String error, String description) throws IOException {
        exchanges.add("refused: " + error + ": " + description);
        send(exchange, 400, "application/json", JSON.writeValueAsString(Map.of("error", error,
                "error_description", String.valueOf(description))));
    }

    private void issue(HttpExchange exchange, Grant grant) throws IOException {
        Duration ttl = accessTokenTtl;
        String token = mint.sign(grant.subject(), List.of(grant.role()), ttl);
        String refreshToken = random();
        refreshTokens.put(refreshToken, grant);
        String idToken = mint.sign(grant.subject(), List.of(), ttl);
        idTokens.put(idToken, grant.subject());
        send(exchange, 200, "application/json", JSON.writeValueAsString(Map.of("access_token", token,
                "token_type", "Bearer", "expires_in", ttl.toSeconds(), "refresh_token", refreshToken,
                "id_token", idToken)));
    }

    /** RP-initiated logout: the client and the way back are checked, the user's session (its refresh tokens) ends. */
    private void logout(HttpExchange exchange, Map<String, String> q) throws IOException {
        String back = q.get("post_logout_redirect_uri");
        String subject = q.get("id_token_hint") == null ? null : idTokens.get(q.get("id_token_hint"));
        if (!CLIENT_ID.equals(q.get("client_id")) || back == null || !back.endsWith("/workflows/") || subject == null) {
            exchanges.add("refused: logout " + q.keySet());
            send(exchange, 400, "text/plain", "invalid logout request");
            return;
        }
        refreshTokens.values().removeIf(g -> g.subject().equals(subject));
        exchanges.add("signed out " + subject);
        redirect(exchange, back);
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        send(exchange, 302, null, "");
    }

    /** Discovery and the token endpoint are read by the console's script from its own origin: CORS allows it. */
    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
