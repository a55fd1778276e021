package com.hartomat.workflow.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How often a node's render job is attempted and how long the next attempt waits: {@code max_attempts} (the first
 * attempt counts), a {@code fixed} or {@code exponential} back-off starting at {@code delay_s} and capped at
 * {@code max_delay_s}. Only failures marked retryable (and lost jobs) are attempted again. The node definition holds
 * the default ({@link #defaultFor(Executor)}); a node's {@code retry_policy} param overrides any of its fields.
 */
public record RetryPolicy(int maxAttempts, Backoff backoff, Duration delay, Duration maxDelay) {

    /** The param under which a node overrides its definition's policy. */
    public static final String PARAM = "retry_policy";
    public static final int MAX_ATTEMPTS_LIMIT = 10;
    public static final int DELAY_LIMIT_S = 86_400;

    /** Render jobs: three attempts, 10 s, 20 s, … apart, never more than 5 minutes. */
    public static final RetryPolicy RENDER_JOB = new RetryPolicy(3, Backoff.EXPONENTIAL, Duration.ofSeconds(10),
            Duration.ofMinutes(5));
    /** In-process steps run inside dispatch's transaction and are deterministic: one attempt. */
    public static final RetryPolicy IN_PROCESS = new RetryPolicy(1, Backoff.FIXED, Duration.ZERO, Duration.ZERO);

    public enum Backoff {
        FIXED, EXPONENTIAL;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Backoff> fromWire(Object wire) {
            for (Backoff b : values()) {
                if (b.wire().equals(wire)) {
                    return Optional.of(b);
                }
            }
            return Optional.empty();
        }
    }

    public RetryPolicy {
        if (maxAttempts < 1 || backoff == null || delay == null || maxDelay == null || delay.isNegative()
                || maxDelay.isNegative()) {
            throw new IllegalArgumentException("invalid retry policy");
        }
    }

    /** The default of an execution role: render jobs are retried, in-process (and disabled) steps are not. */
    public static RetryPolicy defaultFor(Executor executor) {
        return executor == Executor.ASYNC ? RENDER_JOB : IN_PROCESS;
    }

    /**
     * Whether a node whose attempt number {@code attempt} just failed gets another: only for a retryable failure and
     * while attempts are left.
     */
    public boolean allowsAnotherAttempt(int attempt, boolean retryable) {
        return retryable && attempt < maxAttempts;
    }

    /**
     * How long the queuing of attempt {@code nextAttempt} (2 or more) waits: {@code delay} for a fixed back-off,
     * {@code delay × 2^(nextAttempt − 2)} for an exponential one; never more than {@code maxDelay}, which only cuts
     * the growth: a {@code delay} above it is kept (a node that asks for a fixed 10 minutes waits 10 minutes).
     */
    public Duration delayBefore(int nextAttempt) {
        if (nextAttempt < 2) {
            return Duration.ZERO;
        }
        Duration wanted = delay;
        if (backoff == Backoff.EXPONENTIAL) {
            int doublings = Math.min(nextAttempt - 2, 30);
            wanted = delay.toMillis() > Long.MAX_VALUE >> doublings ? maxDelay : delay.multipliedBy(1L << doublings);
        }
        Duration cap = maxDelay.compareTo(delay) < 0 ? delay : maxDelay;
        return wanted.compareTo(cap) > 0 ? cap : wanted;
    }

    /**
     * This policy with the fields a node's {@code retry_policy} param sets (a map as validated against
     * {@link #paramSchema()}); anything else (absent, not a map) leaves it as it is.
     */
    public RetryPolicy overriddenBy(Object param) {
        if (!(param instanceof Map<?, ?> m)) {
            return this;
        }
        int attempts = m.get("max_attempts") instanceof Number n ? n.intValue() : maxAttempts;
        Backoff b = Backoff.fromWire(m.get("backoff")).orElse(backoff);
        Duration d = m.get("delay_s") instanceof Number n ? Duration.ofMillis(Math.round(n.doubleValue() * 1000)) : delay;
        Duration cap = m.get("max_delay_s") instanceof Number n ? Duration.ofMillis(Math.round(n.doubleValue() * 1000))
                : maxDelay;
        return new RetryPolicy(attempts, b, d, cap);
    }

    /** The policy of a node with these (defaults-merged) params. */
    public static RetryPolicy of(NodeDefinition definition, Map<String, Object> params) {
        return definition.retryPolicy().overriddenBy(params == null ? null : params.get(PARAM));
    }

    /** As the registry serves it: {@code {max_attempts, backoff, delay_s, max_delay_s}}. */
    public ObjectNode toJson() {
        ObjectNode n = JsonValues.F.objectNode();
        n.put("max_attempts", maxAttempts);
        n.put("backoff", backoff.wire());
        n.put("delay_s", delay.toMillis() / 1000.0);
        n.put("max_delay_s", maxDelay.toMillis() / 1000.0);
        return n;
    }

    /** The settings-schema property of the {@code retry_policy} param: every field optional, none unknown. */
    static ObjectNode paramSchema() {
        ObjectNode p = JsonValues.F.objectNode();
        p.put("type", "object");
        p.put("title", "Retry policy");
        p.put("description", "Overrides the node definition's retry_policy for this node: attempts for retryable "
                + "failures and lost jobs, and the back-off before each new attempt.");
        p.put("additionalProperties", false);
        ObjectNode props = p.putObject("properties");
        ObjectNode attempts = props.putObject("max_attempts");
        attempts.put("type", "integer");
        attempts.put("title", "Attempts (the first one included)");
        attempts.put("minimum", 1);
        attempts.put("maximum", MAX_ATTEMPTS_LIMIT);
        ObjectNode backoff = props.putObject("backoff");
        backoff.put("type", "string");
        backoff.put("title", "Back-off");
        backoff.putArray("enum").add(Backoff.FIXED.wire()).add(Backoff.EXPONENTIAL.wire());
        for (String field : new String[] {"delay_s", "max_delay_s"}) {
            ObjectNode d = props.putObject(field);
            d.put("type", "number");
            d.put("title", field.equals("delay_s") ? "Delay before the second attempt (s)" : "Longest delay (s)");
            d.put("minimum", 0);
            d.put("maximum", DELAY_LIMIT_S);
        }
        return p;
    }
}
