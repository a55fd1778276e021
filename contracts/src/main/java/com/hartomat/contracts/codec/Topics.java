package com.hartomat.contracts.codec;

import com.hartomat.contracts.messages.ComparisonRequest;
import com.hartomat.contracts.messages.ComparisonVerdict;
import com.hartomat.contracts.messages.RegistryChange;
import com.hartomat.contracts.messages.RenderControl;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.contracts.messages.RunStatusEvent;
import java.util.List;
import java.util.Optional;

/** Every topic of the suite with its contract (the catalogue with partitions is {@code hartomat/topics.json}). */
public final class Topics {

    public static final TopicContract<RegistryChange> REGISTRY_CHANGES =
            new TopicContract<>("registry.changes.v1", RegistryChange.class);
    public static final TopicContract<RenderJob> RENDER_JOBS = new TopicContract<>("render.jobs.v1", RenderJob.class);
    public static final TopicContract<RenderEvent> RENDER_EVENTS =
            new TopicContract<>("render.events.v1", RenderEvent.class);
    public static final TopicContract<RunStatusEvent> RUNS_STATUS =
            new TopicContract<>("runs.status.v1", RunStatusEvent.class);
    public static final TopicContract<ComparisonRequest> COMPARISON_REQUESTS =
            new TopicContract<>("comparison.requests.v1", ComparisonRequest.class);
    public static final TopicContract<ComparisonVerdict> COMPARISON_VERDICTS =
            new TopicContract<>("comparison.verdicts.v1", ComparisonVerdict.class);

    public static final TopicContract<RenderControl> RENDER_CONTROL =
            new TopicContract<>("render.control.v1", RenderControl.class);

    private static final List<TopicContract<?>> ALL = List.of(REGISTRY_CHANGES, RENDER_JOBS, RENDER_EVENTS,
            RUNS_STATUS, COMPARISON_REQUESTS, COMPARISON_VERDICTS, RENDER_CONTROL);

    private Topics() {
    }

    public static List<TopicContract<?>> all() {
        return ALL;
    }

    public static Optional<TopicContract<?>> byName(String topic) {
        return ALL.stream().filter(c -> c.topic().equals(topic)).findFirst();
    }
}
