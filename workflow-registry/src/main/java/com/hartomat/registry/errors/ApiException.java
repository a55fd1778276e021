package com.hartomat.registry.errors;

import com.hartomat.workflow.model.ValidationError;
import java.util.List;

/** A request the registry refuses: HTTP status, stable code, message, JSON pointer, and any detailed errors. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String path;
    private final List<ValidationError> errors;

    public ApiException(int status, String code, String message, String path, List<ValidationError> errors) {
        super(message);
        this.status = status;
        this.code = code;
        this.path = path == null ? "" : path;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ApiException(int status, String code, String message, String path) {
        this(status, code, message, path, List.of());
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(404, "not_found", what + " " + id + " does not exist", "");
    }

    /** The entity a lookup found, or a 404 naming what and which id was missing. */
    public static <T> T found(T entity, String what, Object id) {
        if (entity == null) {
            throw notFound(what, id);
        }
        return entity;
    }

    public static ApiException badRequest(String code, String message, String path) {
        return new ApiException(400, code, message, path);
    }

    public static ApiException conflict(String code, String message, String path) {
        return new ApiException(409, code, message, path);
    }

    /** 422 with every error found; the first one's path is the top-level path. */
    public static ApiException unprocessable(String code, String message, List<ValidationError> errors) {
        return new ApiException(422, code, message, errors.isEmpty() ? "" : errors.get(0).path(), errors);
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

    public List<ValidationError> errors() {
        return errors;
    }
}
