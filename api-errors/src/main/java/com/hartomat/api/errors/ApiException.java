package com.hartomat.api.errors;

import java.util.List;

/**
 * A request a service refuses, as a value: HTTP status (4xx), stable code, human message, JSON pointer of the
 * offending value, and every problem found. Thrown anywhere in a request's handling, also wrapped by reactive
 * pipelines; {@link ErrorClassifier} finds it and answers with {@link ApiError}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String path;
    private final List<FieldError> errors;

    public ApiException(int status, String code, String message, String path, List<FieldError> errors) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.path = path == null ? "" : path;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ApiException(int status, String code, String message, String path) {
        this(status, code, message, path, List.of());
    }

    public static ApiException badRequest(String code, String message, String path) {
        return new ApiException(400, code, message, path);
    }

    /** 422: the request is well-formed but its content is refused. */
    public static ApiException invalid(String code, String message, String path) {
        return new ApiException(422, code, message, path);
    }

    /** 422 with every error found; the first one's path is the top-level path. */
    public static ApiException unprocessable(String code, String message, List<FieldError> errors) {
        return new ApiException(422, code, message, errors.isEmpty() ? "" : errors.get(0).path(), errors);
    }

    /**
     * 422 {@code unknown_reference} at {@code /field}: a body field names an entity that does not exist, "{field}
     * '{value}' names no {what}" (the value cut as {@link Ids#echo} cuts it).
     */
    public static ApiException unknownReference(String field, Object value, String what) {
        return new ApiException(422, "unknown_reference", field + " '" + Ids.echo(String.valueOf(value)) + "' names no "
                + what, "/" + field);
    }

    public static ApiException conflict(String code, String message, String path) {
        return new ApiException(409, code, message, path);
    }

    /** 404 {@code not_found}: "{what} {id} does not exist". */
    public static ApiException notFound(String what, Object id) {
        return new ApiException(404, "not_found", what + " " + id + " does not exist", "");
    }

    /** 404 with a code naming what is missing ({@code order_line_not_found}): "{what} '{id}' does not exist". */
    public static ApiException noSuch(String what, Object id) {
        return new ApiException(404, what + "_not_found", what.replace('_', ' ') + " '" + id + "' does not exist", "");
    }

    /** The entity a lookup found, or a 404 {@code not_found} naming what and which id was missing. */
    public static <T> T found(T entity, String what, Object id) {
        if (entity == null) {
            throw notFound(what, id);
        }
        return entity;
    }

    public static ApiException payloadTooLarge(String code, String message) {
        return new ApiException(413, code, message, "");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String path() {
        return path;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public ApiError body() {
        return ApiError.of(code, getMessage(), path, errors);
    }
}
