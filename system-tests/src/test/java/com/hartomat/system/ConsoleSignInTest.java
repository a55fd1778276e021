package com.hartomat.system;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.system.support.ConsoleBrowser;
import com.hartomat.system.support.ConsoleIdentityProvider;
import com.hartomat.system.support.ConsolePage;
import com.hartomat.system.support.SystemStack;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signing in to the console at the identity provider (docs/console.md#signing-in), in a real Chromium through the
 * entry point: the authorization code flow with PKCE against the stack's provider ({@link ConsoleIdentityProvider},
 * which the registry is configured with), the user's way back to where they were going, a refusal at the provider,
 * a session renewed before its token expires, signing out (at the provider too), a pasted token, and a session whose
 * token expired.
 */
class ConsoleSignInTest {

    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser();

    private final SystemStack stack = SystemStack.get();
    private final ConsoleIdentityProvider provider = stack.consoleIdentityProvider();

    @Test
    void aSignedOutUserSignsInAtTheProviderAndLandsWhereTheyWereGoing(TestInfo info) {
        ConsolePage ui = browser.openSignedOut(name(info), "/workflows/#/runs");
        Page page = ui.page();
        assertThat(ui.byTestId("sign-in-provider")).isVisible();
        assertThat(ui.byTestId("sign-in-issuer")).hasText(provider.issuer());
        ui.shot("sign-in-offers-the-provider");
        int before = provider.exchanges().size();

        toTheProvidersLoginForm(ui);
        page.locator("#username").fill("olivia");
        page.locator("#role").selectOption("operator");
        ui.shot("provider-login-form");
        page.locator("#login").click();

        page.waitForURL(Pattern.compile(".*/workflows/#/runs$"));
        assertThat(ui.byTestId("signed-in-as")).containsText("olivia");
        assertThat(ui.byTestId("signed-in-as")).containsText("operator");
        assertThat(ui.byTestId("filter-status")).isVisible();
        ui.shot("signed-in-back-on-the-runs-it-asked-for");
        assertFalse(page.url().contains("code="), "the code left the address bar: " + page.url());
        assertEquals(List.of("issued olivia"), provider.exchanges().subList(before, provider.exchanges().size()),
                "one token request, and the provider found its verifier matching the challenge");
        assertNull(page.evaluate("() => sessionStorage.getItem('hartomat.sign-in')"), "the verifier is gone once used");
        Object status = page.evaluate("async () => (await fetch('/api/workflows', {headers: {Authorization: "
                + "'Bearer ' + sessionStorage.getItem('hartomat.token')}})).status");
        assertEquals(200, ((Number) status).intValue(), "the services accept the provider's token");
        assertThat(ui.byTestId("error-banner")).hasCount(0);
    }

    @Test
    void aSessionFromTheProviderIsRenewedBeforeItsTokenExpires(TestInfo info) throws Exception {
        provider.accessTokenTtl(Duration.ofSeconds(8)); // renewed 2 s before it expires
        try {
            ConsolePage ui = browser.openSignedOut(name(info), "/workflows/#/workflows");
            Page page = ui.page();
            signInAtTheProvider(ui, "rafael", "author");
            assertThat(ui.byTestId("signed-in-as")).containsText("rafael");
            String first = (String) page.evaluate("() => sessionStorage.getItem('hartomat.token')");
            Instant firstExpires = Instant.now().plusSeconds(8);

            // a bound, not an expectation: the console renews at 6 s; on a loaded machine its timer may run late
            Instant deadline = Instant.now().plusSeconds(40);
            while (!provider.exchanges().contains("refreshed rafael") && Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
            }
            assertTrue(provider.exchanges().contains("refreshed rafael"), "no renewal: " + provider.exchanges());
            String second = (String) page.evaluate("() => sessionStorage.getItem('hartomat.token')");
            assertNotEquals(first, second, "the renewed token replaced the first");
            while (Instant.now().isBefore(firstExpires.plusSeconds(1))) {
                Thread.sleep(250); // until the first token has expired
            }
            ui.byTestId("nav-runs").click();
            assertThat(page).hasURL(Pattern.compile(".*/workflows/#/runs$"));
            assertThat(ui.byTestId("signed-in-as")).containsText("rafael");
            assertThat(ui.byTestId("filter-status")).isVisible();
            assertThat(ui.byTestId("error-banner")).hasCount(0);
            Object status = page.evaluate("async () => (await fetch('/api/workflows/runs', {headers: {Authorization: "
                    + "'Bearer ' + sessionStorage.getItem('hartomat.token')}})).status");
            assertEquals(200, ((Number) status).intValue(), "the renewed token is accepted after the first expired");
        } finally {
            provider.accessTokenTtl(Duration.ofMinutes(5));
        }
    }

    @Test
    void signingOutEndsTheSessionAtTheProviderToo(TestInfo info) {
        ConsolePage ui = browser.openSignedOut(name(info), "/workflows/#/rollouts");
        Page page = ui.page();
        signInAtTheProvider(ui, "sam", "viewer");
        assertThat(ui.byTestId("signed-in-as")).containsText("sam");

        ui.byTestId("sign-out").click();
        assertThat(ui.byTestId("sign-in-notice")).hasText("You signed out, here and at the identity provider.");
        assertThat(page).hasURL(Pattern.compile(".*/workflows/#/sign-in$"));
        assertTrue(provider.exchanges().contains("signed out sam"), "the provider ended the session: " + provider.exchanges());
        assertThat(ui.byTestId("signed-in-as")).hasCount(0);
        assertNull(page.evaluate("() => sessionStorage.getItem('hartomat.token')"));
        assertNull(page.evaluate("() => sessionStorage.getItem('hartomat.provider-session')"));
        ui.shot("signed-out-at-the-provider");

        // a pasted token has no session at the provider: signing out only forgets it here
        ConsolePage pasted = browser.open(name(info) + "-pasted", "sam", "viewer", "#/workflows");
        assertThat(pasted.byTestId("signed-in-as")).containsText("sam");
        int before = provider.exchanges().size();
        pasted.byTestId("sign-out").click();
        assertThat(pasted.byTestId("sign-in-notice")).hasText("You signed out.");
        assertEquals(before, provider.exchanges().size(), "the provider was not involved");
    }

    @Test
    void aPastedTokenSignsInAndOneThatIsNotAJwtOrExpiredIsRefusedSayingWhy(TestInfo info) {
        ConsolePage ui = browser.openSignedOut(name(info), "/workflows/#/rollouts");
        ui.byTestId("token-input").fill("not-a-token");
        ui.byTestId("sign-in").click();
        assertThat(ui.byTestId("sign-in-problem")).hasText(
                "That is not a usable bearer token (JWT): not a JWT: expected header.payload.signature");

        Instant now = Instant.now();
        ui.byTestId("token-input").fill(stack.token("paula", "operator", now.minusSeconds(7200), now.minusSeconds(3600)));
        ui.byTestId("sign-in").click();
        assertThat(ui.byTestId("sign-in-problem")).containsText("That is not a usable bearer token (JWT): it expired at");
        assertNull(ui.page().evaluate("() => sessionStorage.getItem('hartomat.token')"), "nothing kept");

        ui.byTestId("token-input").fill(stack.token("paula", "operator"));
        ui.byTestId("sign-in").click();
        assertThat(ui.page()).hasURL(Pattern.compile(".*/workflows/#/rollouts$"));
        assertThat(ui.byTestId("signed-in-as")).containsText("paula");
        assertNull(ui.page().evaluate("() => sessionStorage.getItem('hartomat.provider-session')"),
                "a pasted token has no session at the provider, nothing to renew");
    }

    @Test
    void cancellingAtTheProviderLeavesTheUserSignedOutSayingWhy(TestInfo info) {
        ConsolePage ui = browser.openSignedOut(name(info), "/workflows/#/rollouts");
        Page page = ui.page();
        toTheProvidersLoginForm(ui);
        page.locator("#cancel").click();

        assertThat(ui.byTestId("sign-in-problem")).containsText(
                "the identity provider refused the sign-in: access_denied (the user cancelled the sign-in)");
        assertThat(page).hasURL(Pattern.compile(".*/workflows/#/sign-in$"));
        assertThat(ui.byTestId("signed-in-as")).hasCount(0);
        assertNull(page.evaluate("() => sessionStorage.getItem('hartomat.token')"));
        ui.shot("refused-at-the-provider");
    }

    @Test
    void aTokenThatExpiredEndsTheSessionSayingSoAndSigningInAgainReturnsToThePage(TestInfo info) throws Exception {
        Instant now = Instant.now();
        String expired = stack.token("erin", "viewer", now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
        ConsolePage ui = browser.openSignedOut(name(info), "/workflows/?token=" + expired + "#/workflows");
        assertThat(ui.byTestId("sign-in-notice")).containsText("Your session ended: the token expired at");
        assertNull(ui.page().evaluate("() => sessionStorage.getItem('hartomat.token')"), "the expired token is forgotten");
        ui.shot("expired-token-notice");

        // a token that expires while the console is open: the next page asks to sign in again
        String shortLived = stack.token("erin", "viewer", now.minusSeconds(60), Instant.now().plusSeconds(3));
        ConsolePage open = browser.openSignedOut(name(info) + "-open", "/workflows/?token=" + shortLived + "#/workflows");
        assertThat(open.byTestId("signed-in-as")).containsText("erin");
        while (Instant.now().isBefore(now.plusSeconds(5))) {
            Thread.sleep(250); // until the token's exp has passed
        }
        open.byTestId("nav-rollouts").click();
        assertThat(open.byTestId("sign-in-notice")).containsText("Your session ended");
        signInAtTheProvider(open, "erin", "viewer");
        open.page().waitForURL(Pattern.compile(".*/workflows/#/rollouts$"));
        assertThat(open.byTestId("signed-in-as")).containsText("erin");
        assertThat(open.byTestId("sign-in-notice")).hasCount(0);
    }

    /** From the console's sign-in page to the provider's login form. */
    private void toTheProvidersLoginForm(ConsolePage ui) {
        ui.byTestId("sign-in-provider").click();
        ui.page().waitForURL(provider.issuer() + "/**");
        assertThat(ui.page().locator("h1")).hasText("Sign in to hartomat");
    }

    /** Signs in at the provider's login form as {@code user} with {@code role}; the browser goes back to the console. */
    private void signInAtTheProvider(ConsolePage ui, String user, String role) {
        toTheProvidersLoginForm(ui);
        ui.page().locator("#username").fill(user);
        ui.page().locator("#role").selectOption(role);
        ui.page().locator("#login").click();
    }

    private static String name(TestInfo info) {
        return info.getTestMethod().orElseThrow().getName();
    }
}
