package com.hartomat.deploy.local.smoke;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code ./hartomat smoke still|turntable|blend --mode legacy|graph|shadow} and {@code ./hartomat smoke approve}: the
 * rollout smoke commands (QG-6) against the stack that {@code ./hartomat up} runs. The last line printed is the
 * outcome with its reason; the exit code is {@link ExitCode}'s.
 */
public final class Smoke {

    /** The exit code and every smoke that ran (one, or up to three for approve). */
    public record Report(int exitCode, List<SmokeRun.Result> results) {
    }

    private Smoke() {
    }

    /** {@code Smoke <project root> <smoke arguments…>}. */
    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        List<String> smokeArgs = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        Report report = execute(smokeArgs, () -> StackUrls.ofRunningStack(root), System.out, System.console() != null);
        System.out.flush();
        System.exit(report.exitCode());
    }

    /** Runs a smoke command line against the stack {@code stack} finds, printing to {@code out}. */
    public static Report execute(List<String> args, Supplier<StackUrls> stack, PrintStream out, boolean interactive) {
        SmokeCommand command;
        try {
            command = SmokeArguments.parse(args);
        } catch (SmokeUsageException e) {
            out.println(SmokeArguments.USAGE);
            out.println("smoke: " + e.getMessage());
            return new Report(ExitCode.USAGE, List.of());
        }
        StackUrls urls;
        try {
            urls = stack.get();
        } catch (StackUrls.StackNotRunning e) {
            out.println("smoke: " + e.getMessage());
            return new Report(ExitCode.NO_STACK, List.of());
        }
        SmokeRun smokeRun = new SmokeRun(urls, out, interactive);
        if (command instanceof SmokeCommand.Single single) {
            String name = "smoke " + single.kind().label() + " --mode " + single.mode().label();
            Attempt a = attempt(smokeRun, single.kind(), single.mode(), single);
            List<SmokeRun.Result> results = a.result() == null ? List.of() : List.of(a.result());
            out.println(name + (a.decision().passed() ? ": PASSED — " : ": FAILED — ") + oneLine(a.decision().reason()));
            return new Report(a.decision().exitCode(), results);
        }
        return approve(smokeRun, command, out);
    }

    private static Report approve(SmokeRun smokeRun, SmokeCommand command, PrintStream out) {
        List<SmokeRun.Result> results = new ArrayList<>();
        Attempt legacy = attempt(smokeRun, SmokeKind.STILL, SmokeMode.LEGACY, command);
        add(results, legacy);
        out.println("legacy: " + verdictWord(legacy) + " — " + oneLine(legacy.decision().reason()));
        Attempt shadow = null;
        if (ApprovalRule.runShadow(legacy.decision())) {
            shadow = attempt(smokeRun, SmokeKind.STILL, SmokeMode.SHADOW, command);
            add(results, shadow);
            out.println("shadow: " + verdictWord(shadow) + " — " + oneLine(shadow.decision().reason()));
        }
        Attempt graph = null;
        if (ApprovalRule.runGraph(legacy.decision(), shadow == null ? null : shadow.decision())) {
            graph = attempt(smokeRun, SmokeKind.STILL, SmokeMode.GRAPH, command);
            add(results, graph);
            out.println("graph: " + verdictWord(graph) + " — " + oneLine(graph.decision().reason()));
        } else {
            out.println("graph: not run (the approval rule enables graph only after shadow passed cleanly)");
        }
        ApprovalRule.Approval approval = ApprovalRule.decide(legacy.decision(),
                shadow == null ? null : shadow.decision(), graph == null ? null : graph.decision());
        out.println("smoke approve: " + oneLine(approval.reason()));
        return new Report(approval.exitCode(), results);
    }

    private record Attempt(ExitDecision.Decision decision, SmokeRun.Result result) {
    }

    /** One smoke; a call the stack refused ends it as failed with that call as the reason. */
    private static Attempt attempt(SmokeRun smokeRun, SmokeKind kind, SmokeMode mode, SmokeCommand command) {
        try {
            SmokeRun.Result r = smokeRun.run(kind, mode, command.size(), command.verdictWait());
            return new Attempt(r.decision(), r);
        } catch (SmokeFailure e) {
            return new Attempt(new ExitDecision.Decision(ExitCode.FAILED, e.getMessage()), null);
        } catch (RuntimeException e) {
            // a defect of the smoke itself still ends in one line and a non-zero code
            e.printStackTrace();
            return new Attempt(new ExitDecision.Decision(ExitCode.FAILED, "the smoke itself broke: " + e), null);
        }
    }

    private static void add(List<SmokeRun.Result> results, Attempt a) {
        if (a.result() != null) {
            results.add(a.result());
        }
    }

    private static String verdictWord(Attempt a) {
        return a.decision().passed() ? "PASSED" : "FAILED";
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
