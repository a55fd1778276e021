package com.hartomat.api.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The one error body of every service: a stable {@code code}, a human {@code message}, the JSON pointer
 * {@code path} of the offending value ({@code ""} when the request as a whole is refused), every problem found in
 * {@code errors} (only when there are some), and for a fault of the service the {@code error_id} under which it was
 * logged. {@code detail} repeats {@code message} because the existing front end (FastAPI heritage) reads it.
 */
public record ApiError(String code, String message, String path, String detail,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> errors,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("error_id") String errorId) {

    public ApiError {
        path = path == null ? "" : path;
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiError of(String code, String message, String path) {
        return new ApiError(code, message, path, message, List.of(), null);
    }

    public static ApiError of(String code, String message, String path, List<FieldError> errors) {
        return new ApiError(code, message, path, message, errors, null);
    }

    /** A fault of the service: a generic message and the id under which the cause was logged, never its text. */
    public static ApiError fault(String code, String message, String errorId) {
        return new ApiError(code, message, "", message, List.of(), errorId);
    }
}
