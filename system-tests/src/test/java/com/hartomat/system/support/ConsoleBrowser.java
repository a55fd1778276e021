package com.hartomat.system.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The console ({@code /workflows}) in a real Chromium: Playwright for Java drives Debian's {@code chromium} (browsers
 * cannot be downloaded here; {@code ./hartomat test} installs the package). One browser per test class (register as
 * a static {@code @RegisterExtension}); each {@link #open} is a fresh browser context (its own sessionStorage, so its
 * own sign-in) on the stack's entry point, signed in through the console's {@code ?token=} URL.
 *
 * <p>Every page a test visits is kept as a full-page screenshot,
 * {@code system-tests/target/console-screenshots/<test>-<nn>-<step>.png}; when a test fails, one more
 * ({@code <test>-failure.png}) and the browser console log of each of its pages ({@code <test>-console.log}).
 * Without Chromium or without the entry point (nginx) the tests fail, naming {@code ./hartomat test}.
 */
public final class ConsoleBrowser implements AfterEachCallback, AfterAllCallback, TestExecutionExceptionHandler {

    /** Debian's chromium; {@code -Dhartomat.console.chromium=…} points elsewhere. */
    static final Path CHROMIUM = Path.of(System.getProperty("hartomat.console.chromium", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Path.of(System.getProperty("hartomat.console.screenshots",
            "target/console-screenshots"));

    private static boolean cleared;
    private Playwright playwright;
    private Browser browser;
    private final List<ConsolePage> open = new ArrayList<>();

    /** The console as {@code role} (subject {@code subject}), on {@code hashRoute} (e.g. {@code #/rollouts}). */
    public ConsolePage open(String test, String subject, String role, String hashRoute) {
        return openSignedOut(test, "/workflows/?token=" + SystemStack.get().token(subject, role) + hashRoute);
    }

    /**
     * The console at {@code pathAndRoute} on the entry point, in a fresh browser context (its own sessionStorage: signed
     * out unless the path carries {@code ?token=}).
     */
    public ConsolePage openSignedOut(String test, String pathAndRoute) {
        String base = SystemStack.get().entryBaseUrl().orElseThrow(() -> new AssertionError("the console's browser "
                + "tests need the entry point (nginx), which serves /workflows and /api on one origin: run them "
                + "through ./hartomat test, which installs nginx (apt-get install -y nginx as root)"));
        // cleared by the first page opened, not by the browser's start: a class that takes no screenshots (and may
        // run in a later JVM fork) must not delete the ones taken before it
        clearScreenshots();
        BrowserContext context = browser().newContext(new Browser.NewContextOptions().setViewportSize(1440, 900));
        ConsolePage console = new ConsolePage(test, context.newPage(), SCREENSHOTS);
        open.add(console);
        console.page().navigate(base + pathAndRoute);
        return console;
    }

    /** The class's Chromium, for a test that needs no stack (e.g. the console's own unit tests). */
    public Browser chromium() {
        return browser();
    }

    private synchronized Browser browser() {
        if (browser != null) {
            return browser;
        }
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError("the console's browser tests need Debian's Chromium at " + CHROMIUM
                    + ", missing here: run them through ./hartomat test, which installs it (as root: apt-get install -y "
                    + "chromium)");
        }
        // a loaded 2-core machine: web assertions wait up to 15 s by default (a bound, not an expectation)
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        // Playwright's driver would otherwise try to download its own browsers on start (no download here)
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM).setHeadless(true));
        } catch (PlaywrightException e) {
            playwright.close();
            playwright = null;
            throw new AssertionError("Chromium at " + CHROMIUM + " did not start under Playwright: " + e.getMessage(), e);
        }
        return browser;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        for (int i = 0; i < open.size(); i++) {
            open.get(i).keepFailureEvidence(failure, i == 0 ? "" : "-" + (i + 1));
        }
        throw failure;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (ConsolePage page : open) {
            page.close();
        }
        open.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (playwright != null) {
            playwright.close();
            playwright = null;
        }
    }

    /** This run's screenshots only: a failure picture left by an earlier run would mislead. */
    private static synchronized void clearScreenshots() {
        if (cleared) {
            return;
        }
        cleared = true;
        if (!Files.isDirectory(SCREENSHOTS)) {
            return;
        }
        try (Stream<Path> files = Files.list(SCREENSHOTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".png") || f.toString().endsWith(".log")).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
