package com.hartomat.dispatch.runcontrol;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/workflows/runs/{id}/retry}: the node to run again (with everything downstream) and its edits. */
public record RetryRequest(
        @Schema(description = "the node to run again; everything downstream of it runs again too, upstream outputs are kept",
                examples = "render")
        @NotBlank(message = "from_node is required") @Size(max = 200, message = "from_node is at most 200 characters")
        String fromNode,
        @Schema(description = "params laid over the node's params of the run (null resets a key to the step's default);"
                + " validated against the node's settings schema")
        @Size(max = 100, message = "params has at most 100 keys")
        Map<String, Object> params) {
}
