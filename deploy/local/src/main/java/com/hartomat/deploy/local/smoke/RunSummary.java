package com.hartomat.deploy.local.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The text a smoke prints about a run, its media assets and a verdict: plain functions of the API's JSON. */
public final class RunSummary {

    private RunSummary() {
    }

    /** One line per node: name, step, status, duration; a failed node adds its error below. */
    public static List<String> nodes(JsonNode run) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  %-20s %-24s %-10s %9s", "node", "step", "status", "duration"));
        for (JsonNode n : run.path("node_results")) {
            lines.add(String.format(Locale.ROOT, "  %-20s %-24s %-10s %9s", n.path("node_name").asText(),
                    n.path("step").asText(), n.path("status").asText(), duration(n)));
            if ("failed".equals(n.path("status").asText())) {
                lines.add("    error: " + nodeError(n));
            }
        }
        return lines;
    }

    /** The first failed node as {@code name (step): code: message}; null when no node failed. */
    public static String brokenNode(JsonNode run) {
        for (JsonNode n : run.path("node_results")) {
            if ("failed".equals(n.path("status").asText())) {
                return n.path("node_name").asText() + " (" + n.path("step").asText() + "): " + nodeError(n);
            }
        }
        return null;
    }

    /** A node's duration: {@code duration_ms}, else finished − started, else {@code -}. */
    static String duration(JsonNode node) {
        if (node.hasNonNull("duration_ms")) {
            return seconds(node.path("duration_ms").asLong());
        }
        try {
            if (node.hasNonNull("started_at") && node.hasNonNull("finished_at")) {
                return seconds(Duration.between(OffsetDateTime.parse(node.path("started_at").asText()),
                        OffsetDateTime.parse(node.path("finished_at").asText())).toMillis());
            }
        } catch (DateTimeParseException ignored) {
            // an unreadable timestamp shows as no duration
        }
        return "-";
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String nodeError(JsonNode n) {
        String code = n.path("error_code").asText("");
        String message = SmokeHttp.oneLine(n.path("error_message").asText(""), 300);
        return code.isEmpty() ? message : code + ": " + message;
    }

    /** One media asset: path, type, size and sha256. */
    public static String asset(JsonNode a) {
        StringBuilder line = new StringBuilder("  media asset ").append(a.path("path").asText())
                .append("  ").append(a.path("asset_type").asText());
        if (!a.path("role").asText("").isEmpty() && !a.path("role").asText().equals(a.path("asset_type").asText())) {
            line.append('/').append(a.path("role").asText());
        }
        line.append("  ").append(a.path("media_type").asText()).append("  ").append(a.path("size_bytes").asLong())
                .append(" bytes");
        if (a.hasNonNull("width") && a.hasNonNull("height")) {
            line.append("  ").append(a.path("width").asInt()).append('x').append(a.path("height").asInt());
        }
        return line.append("  sha256 ").append(a.path("sha256").asText()).toString();
    }

    /** The verdict and what the comparison measured, then one line per reason. */
    public static List<String> verdict(Verdict v) {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder("verdict: ").append(v.verdict());
        if (v.status() != null) {
            head.append(" (").append(v.status()).append(')');
        }
        List<String> measured = new ArrayList<>();
        if (v.comparisonStatus() != null) {
            measured.add("comparison " + v.comparisonStatus());
        }
        if (v.exactMatch() != null) {
            measured.add("exact match " + (v.exactMatch() ? "yes" : "no"));
        }
        if (v.meanPixelDelta() != null) {
            measured.add(String.format(Locale.ROOT, "mean pixel delta %.6f", v.meanPixelDelta()));
        }
        if (!measured.isEmpty()) {
            head.append(" — ").append(String.join(", ", measured));
        }
        lines.add(head.toString());
        if (v.summary() != null && !v.summary().isBlank()) {
            lines.add("  summary: " + v.summary());
        }
        v.reasons().forEach(r -> lines.add("  reason: " + r));
        return lines;
    }

    /** Readable reasons from a JSON array of strings (or of objects with a {@code message}). */
    public static List<String> texts(JsonNode reasons) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : reasons) {
            out.add(r.isTextual() ? r.asText() : r.path("message").asText(r.toString()));
        }
        return out;
    }
}
