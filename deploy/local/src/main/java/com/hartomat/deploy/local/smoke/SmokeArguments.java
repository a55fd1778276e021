package com.hartomat.deploy.local.smoke;

import java.time.Duration;
import java.util.List;

/** Parses the smoke's command line; anything it does not understand is a {@link SmokeUsageException}. */
public final class SmokeArguments {

    public static final Duration DEFAULT_VERDICT_WAIT = Duration.ofSeconds(120);

    public static final String USAGE = String.join("\n",
            "usage: ./hartomat smoke still|turntable|blend --mode legacy|graph|shadow [options]",
            "       ./hartomat smoke approve [options]",
            "options:",
            "  --size WIDTHxHEIGHT      render size (default " + RenderSize.DEFAULT.width() + "x"
                    + RenderSize.DEFAULT.height() + ")",
            "  --samples N              render samples (default " + RenderSize.DEFAULT.samples() + ")",
            "  --verdict-wait SECONDS   how long shadow waits for the comparison verdict (default "
                    + DEFAULT_VERDICT_WAIT.toSeconds() + ")",
            "exit code: 0 the run completed (legacy, graph) / the verdict is pass (shadow) / approved;",
            "           1 it did not (the reason is the last line); 2 usage; 3 no stack runs (./hartomat up)");

    private SmokeArguments() {
    }

    public static SmokeCommand parse(List<String> args) {
        if (args.isEmpty()) {
            throw new SmokeUsageException("which smoke? still, turntable, blend or approve");
        }
        String first = args.get(0);
        SmokeKind kind = "approve".equals(first) ? null : SmokeKind.parse(first);
        SmokeMode mode = null;
        int width = RenderSize.DEFAULT.width();
        int height = RenderSize.DEFAULT.height();
        int samples = RenderSize.DEFAULT.samples();
        Duration verdictWait = DEFAULT_VERDICT_WAIT;
        for (int i = 1; i < args.size(); i++) {
            String option = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            if (value == null && option.startsWith("--")) {
                throw new SmokeUsageException(option + " needs a value");
            }
            switch (option) {
                case "--mode" -> {
                    if (kind == null) {
                        throw new SmokeUsageException("approve runs every mode itself; --mode is for still, turntable, blend");
                    }
                    mode = SmokeMode.parse(value);
                }
                case "--size" -> {
                    String[] parts = value.split("x", -1);
                    if (parts.length != 2) {
                        throw new SmokeUsageException("--size takes WIDTHxHEIGHT, e.g. 320x240; got '" + value + "'");
                    }
                    width = number("--size", parts[0]);
                    height = number("--size", parts[1]);
                }
                case "--samples" -> samples = number("--samples", value);
                case "--verdict-wait" -> verdictWait = Duration.ofSeconds(number("--verdict-wait", value));
                default -> throw new SmokeUsageException("unknown argument '" + option + "'");
            }
            i++;
        }
        RenderSize size = new RenderSize(width, height, samples);
        if (kind == null) {
            return new SmokeCommand.Approve(size, verdictWait);
        }
        if (mode == null) {
            throw new SmokeUsageException("smoke " + kind.label() + " needs --mode legacy|graph|shadow");
        }
        return new SmokeCommand.Single(kind, mode, size, verdictWait);
    }

    private static int number(String option, String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new SmokeUsageException(option + " takes a whole number; got '" + text + "'");
        }
    }
}
