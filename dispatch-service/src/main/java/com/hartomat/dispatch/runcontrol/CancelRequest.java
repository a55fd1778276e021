package com.hartomat.dispatch.runcontrol;

import jakarta.validation.constraints.Size;

/** {@code POST /api/workflows/runs/{id}/cancel}: an optional reason, kept in the run's error message and events. */
public record CancelRequest(@Size(max = 2000, message = "reason is at most 2000 characters") String reason) {
}
