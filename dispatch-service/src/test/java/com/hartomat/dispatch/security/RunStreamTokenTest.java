package com.hartomat.dispatch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.deploy.local.auth.TestTokens;
import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A browser's EventSource cannot set a header: a run stream accepts the token from the {@code hartomat_token} cookie
 * too, verified exactly like a header token.
 */
@QuarkusTest
class RunStreamTokenTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aStreamOpensWithTheTokenInTheCookie() throws Exception {
        Opened opened = open("hartomat_token=" + TestTokens.forRole("viewer"));
        assertEquals(200, opened.status());
        assertTrue(opened.contentType().startsWith("text/event-stream"), opened.contentType());
    }

    @Test
    void aStreamWithoutATokenOrWithAnExpiredOneInTheCookieIsRefused() throws Exception {
        assertEquals(401, open(null).status());
        assertEquals(401, open("hartomat_token=" + TestTokens.expired("viewer")).status());
        assertEquals(401, open("hartomat_token=" + TestTokens.forAudience("another-app", "viewer")).status());
    }

    private record Opened(int status, String contentType) {
    }

    private static Opened open(String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                + "/api/workflows/runs/events?output_type_id=" + UUID.randomUUID()))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(20)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream ignored = response.body()) {
            return new Opened(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""));
        }
    }
}
