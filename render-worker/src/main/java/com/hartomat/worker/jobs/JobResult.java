package com.hartomat.worker.jobs;

import com.hartomat.contracts.messages.Artifact;
import java.util.List;
import java.util.Map;

/** What a job produced: artifacts under the storage root and node outputs (parsed_objects, bbox, ...). */
public record JobResult(List<Artifact> artifacts, Map<String, Object> outputs) {
    public JobResult {
        artifacts = List.copyOf(artifacts);
        outputs = Map.copyOf(outputs);
    }
}
