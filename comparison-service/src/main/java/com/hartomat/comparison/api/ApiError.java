package com.hartomat.comparison.api;

/**
 * The one error body of this service: a stable {@code code}, a human message and the JSON path of the offending value.
 * {@code detail} repeats {@code message} because the existing front end (FastAPI heritage) reads {@code detail}.
 */
public record ApiError(String code, String message, String path, String detail) {

    public static ApiError of(String code, String message, String path) {
        return new ApiError(code, message, path == null ? "" : path, message);
    }
}
