package com.hartomat.system.support;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One signed-in console page of a test: locators by the UI contract's {@code data-testid}s, a numbered full-page
 * screenshot per step, and the browser's console messages and page errors (kept when the test fails).
 */
public final class ConsolePage {

    private final String test;
    private final Page page;
    private final Path screenshots;
    private final List<String> consoleLog = new ArrayList<>();
    private int step;

    ConsolePage(String test, Page page, Path screenshots) {
        this.test = test;
        this.page = page;
        this.screenshots = screenshots;
        page.onConsoleMessage(m -> consoleLog.add("[" + m.type() + "] " + m.text() + " (" + m.location() + ")"));
        page.onPageError(e -> consoleLog.add("[pageerror] " + e));
        page.onRequestFailed(r -> consoleLog.add("[requestfailed] " + r.method() + " " + r.url() + ": " + r.failure()));
    }

    public Page page() {
        return page;
    }

    /** {@code [data-testid=<id>]}. */
    public Locator byTestId(String testId) {
        return page.locator("[data-testid=\"" + testId + "\"]");
    }

    /** {@code [data-testid=<id>][<attribute>="<value>"]}. */
    public Locator byTestId(String testId, String attribute, String value) {
        return page.locator("[data-testid=\"" + testId + "\"][" + attribute + "=\"" + value + "\"]");
    }

    /** Navigates the single-page app to a hash route (e.g. {@code #/runs}), keeping the session. */
    public void go(String hashRoute) {
        page.evaluate("route => { window.location.hash = route; }", hashRoute.startsWith("#") ? hashRoute.substring(1)
                : hashRoute);
    }

    /** The route the app shows (the URL's hash, e.g. {@code #/runs/…}). */
    public String route() {
        Object hash = page.evaluate("() => window.location.hash");
        return hash == null ? "" : hash.toString();
    }

    /** A full-page screenshot of this step: {@code <test>-<nn>-<step>.png}. */
    public Path shot(String name) {
        step++;
        Path file = screenshots.resolve(String.format(Locale.ROOT, "%s-%02d-%s.png", test, step, name));
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    /**
     * Whether an image has really loaded a picture (decoded, with a width): the element itself when it is an
     * {@code <img>}, else the first {@code <img>} inside it (a figure around the picture).
     */
    public boolean imageLoaded(Locator image) {
        Object loaded = image.evaluate("""
                el => { const img = el.tagName === 'IMG' ? el : el.querySelector('img');
                        return !!img && img.complete && img.naturalWidth > 0; }""");
        return Boolean.TRUE.equals(loaded);
    }

    public List<String> consoleLog() {
        return List.copyOf(consoleLog);
    }

    /** {@code suffix}: tells a test's second and further pages apart ({@code -2}, …). */
    void keepFailureEvidence(Throwable failure, String suffix) {
        try {
            page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve(test + "-failure" + suffix + ".png"))
                    .setFullPage(true));
        } catch (PlaywrightException e) {
            consoleLog.add("[test] the failure screenshot failed: " + e.getMessage());
        }
        String header = "test " + test + " failed at " + page.url() + ": " + failure + "\n";
        // the sign-in URL carries a bearer token: kept out of the test output
        String log = (header + String.join("\n", consoleLog) + "\n").replaceAll("token=[^&#\\s)]+", "token=<redacted>");
        ConsoleBrowser.write(screenshots.resolve(test + "-console" + suffix + ".log"), log);
    }

    void close() {
        try {
            page.context().close();
        } catch (PlaywrightException e) {
            // the browser already went away; nothing to release
        }
    }
}
