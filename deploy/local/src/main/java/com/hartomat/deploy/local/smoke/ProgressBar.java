package com.hartomat.deploy.local.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The progress of a render as a text bar: a plain function of the run's node results. */
public final class ProgressBar {

    static final int WIDTH = 30;

    private ProgressBar() {
    }

    /** Completed and skipped nodes count whole, a running node by its reported percent; 0 without nodes. */
    public static double fraction(JsonNode run) {
        int total = run.path("node_results").size();
        if (total == 0) {
            return 0;
        }
        double done = 0;
        for (JsonNode n : run.path("node_results")) {
            switch (n.path("status").asText()) {
                case "completed", "skipped", "failed" -> done += 1;
                case "running" -> done += Math.max(0, Math.min(100, n.path("progress").path("percent").asDouble(0))) / 100;
                default -> {
                }
            }
        }
        return done / total;
    }

    /** What the run is doing: the running nodes with their stage and percent, or its status. */
    public static String activity(JsonNode run) {
        StringBuilder out = new StringBuilder();
        for (JsonNode n : run.path("node_results")) {
            if ("running".equals(n.path("status").asText()) || "queued".equals(n.path("status").asText())) {
                if (out.length() > 0) {
                    out.append(", ");
                }
                out.append(n.path("node_name").asText()).append(' ').append(n.path("status").asText());
                JsonNode p = n.path("progress");
                if (p.hasNonNull("stage")) {
                    out.append(' ').append(p.path("stage").asText());
                }
                if (p.hasNonNull("percent")) {
                    out.append(String.format(Locale.ROOT, " %.0f%%", p.path("percent").asDouble()));
                }
            }
        }
        return out.length() == 0 ? "run " + run.path("status").asText() : out.toString();
    }

    /** {@code [#########.....................]  30%  render running render 40%  12 s}; fraction null: no figure. */
    public static String render(Double fraction, String activity, long elapsedSeconds) {
        StringBuilder bar = new StringBuilder("[");
        if (fraction == null) {
            int pos = (int) (elapsedSeconds % WIDTH);
            for (int i = 0; i < WIDTH; i++) {
                bar.append(i >= pos && i < pos + 3 ? '#' : '.');
            }
            bar.append("]   ?%");
        } else {
            double f = Math.max(0, Math.min(1, fraction));
            int filled = (int) Math.round(f * WIDTH);
            bar.append("#".repeat(filled)).append(".".repeat(WIDTH - filled))
                    .append(String.format(Locale.ROOT, "] %3d%%", Math.round(f * 100)));
        }
        return bar.append("  ").append(activity).append("  ").append(elapsedSeconds).append(" s").toString();
    }
}
