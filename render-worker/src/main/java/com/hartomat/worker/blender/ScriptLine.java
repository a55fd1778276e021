package com.hartomat.worker.blender;

import com.fasterxml.jackson.core.type.TypeReference;
import com.hartomat.contracts.codec.Json;
import java.io.IOException;
import java.util.Map;

/**
 * One line of Blender's (or the worker script's) output. The script prints single-line JSON after a fixed
 * prefix for progress, a classified error and its result; everything else is plain log.
 */
public sealed interface ScriptLine {

    String PROGRESS = "HARTOMAT_PROGRESS ";
    String ERROR = "HARTOMAT_ERROR ";
    String RESULT = "HARTOMAT_RESULT ";

    record Progress(Integer frame, Integer frameCount, double percent, String stage) implements ScriptLine {
    }

    record Error(String code, String message) implements ScriptLine {
    }

    record Result(Map<String, Object> values) implements ScriptLine {
    }

    record Plain(String text) implements ScriptLine {
    }

    static ScriptLine parse(String line) {
        try {
            if (line.startsWith(PROGRESS)) {
                Map<String, Object> v = json(line.substring(PROGRESS.length()));
                Integer frame = integer(v.get("frame"));
                Integer count = integer(v.get("frame_count"));
                Object percentValue = v.get("percent");
                double percent = percentValue instanceof Number n ? n.doubleValue()
                        : (frame != null && count != null && count > 0 ? 100.0 * frame / count : 0.0);
                percent = Math.max(0.0, Math.min(100.0, percent));
                Object stage = v.get("stage");
                return new Progress(frame, count, percent, stage == null ? null : stage.toString());
            }
            if (line.startsWith(ERROR)) {
                Map<String, Object> v = json(line.substring(ERROR.length()));
                return new Error(String.valueOf(v.getOrDefault("code", "render_failed")),
                        String.valueOf(v.getOrDefault("message", "script error")));
            }
            if (line.startsWith(RESULT)) {
                return new Result(json(line.substring(RESULT.length())));
            }
        } catch (IOException | RuntimeException e) {
            return new Plain(line);
        }
        return new Plain(line);
    }

    private static Map<String, Object> json(String text) throws IOException {
        return Json.mapper().readValue(text, new TypeReference<Map<String, Object>>() {
        });
    }

    private static Integer integer(Object value) {
        return value instanceof Number n ? Integer.valueOf(n.intValue()) : null;
    }
}
