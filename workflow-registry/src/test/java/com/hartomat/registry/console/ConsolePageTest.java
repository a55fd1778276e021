package com.hartomat.registry.console;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.anonymous;
import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The /workflows console (docs/console.md) is served by the registry: its page and its bundle answer without a token
 * (the token is entered in the page), while every /api call still needs one.
 */
@QuarkusTest
class ConsolePageTest {

    private static final Pattern SCRIPT = Pattern.compile("<script[^>]*src=\"(/workflows/bundle/[^\"]+\\.js)\"");
    private static final Pattern STYLE = Pattern.compile("<link[^>]*href=\"(/workflows/bundle/[^\"]+\\.css)\"");

    @Test
    void thePageIsServedAtWorkflowsWithoutAToken() {
        anonymous().redirects().follow(true).when().get("/workflows/")
                .then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<div id=\"app\""));
    }

    @Test
    void theBundledScriptAndStylesAreReachableWithoutAToken() {
        String page = anonymous().when().get("/workflows/").then().statusCode(200).extract().asString();
        Matcher script = SCRIPT.matcher(page);
        assertTrue(script.find(), "the page names its bundled script under /workflows/bundle/: " + page);
        Response js = anonymous().when().get(script.group(1));
        assertThat(js.statusCode(), equalTo(200));
        assertThat(js.contentType(), containsString("javascript"));
        // the bundle carries the libraries, not only the app: cytoscape (the canvas) is bundled in
        assertThat(js.asString(), containsString("cytoscape"));

        Matcher style = STYLE.matcher(page);
        assertTrue(style.find(), "the page names its bundled styles: " + page);
        anonymous().when().get(style.group(1)).then().statusCode(200).contentType(startsWith("text/css"));
    }

    @Test
    void theApiStillNeedsATokenBesideThePublicConsole() {
        anonymous().when().get("/api/workflows").then().statusCode(401).body("code", equalTo("unauthorized"));
        given().when().get("/api/workflows").then().statusCode(200);
    }

    @Test
    void theSignInSettingsAreReadWithoutATokenAndNameNoProviderWhenNoneIsConfigured() {
        anonymous().when().get("/workflows/settings").then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("containsKey('oidc')", equalTo(true))
                .body("oidc", org.hamcrest.Matchers.nullValue())
                .body("roles_claim", equalTo("groups"));
    }

    @Test
    void anUnknownConsolePathIsNotFoundRatherThanAnotherPage() {
        anonymous().when().get("/workflows/no-such-file.js").then().statusCode(404);
    }

    @Test
    void theConsoleWithoutItsTrailingSlashRedirectsToThePageKeepingTheQuery() {
        anonymous().redirects().follow(false).when().get("/workflows?token=abc")
                .then().statusCode(301).header("Location", equalTo("/workflows/?token=abc"));
    }
}
