package com.hartomat.dispatch.runs;

import com.hartomat.api.errors.ApiException;
import java.util.List;
import java.util.Map;

/** Finds {@code artifacts[index]} of a run's node result: its storage path and media type. */
public final class NodeArtifacts {

    public record Artifact(String path, String mediaType) {
    }

    private NodeArtifacts() {
    }

    public static int index(String text) {
        try {
            int index = Integer.parseInt(text);
            if (index >= 0) {
                return index;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest("invalid_artifact_index", "'" + text + "' is not an artifact index (0, 1, …)", "/index");
    }

    public static Artifact of(RunQueries.RunView run, String node, int index) {
        RunQueries.NodeResultView result = run.nodeResults().stream().filter(n -> n.nodeName().equals(node)).findFirst()
                .orElseThrow(() -> ApiException.noSuch("node_result", node));
        List<Object> artifacts = result.artifacts() == null ? List.of() : result.artifacts();
        if (index >= artifacts.size() || !(artifacts.get(index) instanceof Map<?, ?> artifact)
                || !(artifact.get("path") instanceof String path) || path.isBlank()) {
            throw ApiException.noSuch("artifact", node + "/" + index);
        }
        return new Artifact(path, artifact.get("media_type") instanceof String type ? type : null);
    }
}
