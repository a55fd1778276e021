package com.hartomat.contracts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.hartomat.contracts.codec.Json;
import com.hartomat.contracts.codec.Topics;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RunStatusEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.everit.json.schema.Schema;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.json.JSONTokener;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the hottest messages cost on their way in and out: decoding a {@code completed} render event (parse, schema
 * validation, mapping to the record) and encoding a status event, as dispatch does for every event it applies.
 * Beside them, the reference: the same render event validated by everit, the library the contracts used before
 * (org.json parse + validation, as everit needs its own tree), and by today's validation alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class ContractValidationBenchmark {

    private byte[] completedEvent;
    private RunStatusEvent statusEvent;
    private Schema everit;

    @Setup
    public void setUp() throws IOException {
        JsonNode events = examples("render.events.v1").path("valid");
        for (JsonNode event : events) {
            if (event.path("event_type").asText().equals("completed")) {
                completedEvent = Json.mapper().writeValueAsBytes(event);
            }
        }
        statusEvent = Topics.RUNS_STATUS.decode(Json.mapper().writeValueAsBytes(
                examples("runs.status.v1").path("valid").get(0)));
        try (InputStream in = resource("schemas/render.events.v1.schema.json")) {
            everit = SchemaLoader.builder().schemaJson(new JSONObject(new JSONTokener(in))).draftV7Support().build()
                    .load().build();
        }
    }

    @Benchmark
    public RenderEvent decodeRenderEvent() {
        return Topics.RENDER_EVENTS.decode(completedEvent);
    }

    @Benchmark
    public void validateRenderEvent() {
        Topics.RENDER_EVENTS.validate(completedEvent);
    }

    @Benchmark
    public JSONObject validateRenderEventWithEverit() {
        JSONObject json = new JSONObject(new String(completedEvent, StandardCharsets.UTF_8));
        everit.validate(json);
        return json;
    }

    @Benchmark
    public byte[] encodeStatusEvent() {
        return Topics.RUNS_STATUS.encode(statusEvent);
    }

    private static JsonNode examples(String topic) throws IOException {
        try (InputStream in = resource("examples/" + topic + ".json")) {
            return Json.mapper().readTree(in);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ContractValidationBenchmark.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing " + name);
        }
        return in;
    }
}
