package com.hartomat.comparison.api;

/** A request the service refuses, as a value: HTTP status, stable code, human message and JSON path. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String path;

    public ApiException(int status, String code, String message, String path) {
        super(message);
        this.status = status;
        this.code = code;
        this.path = path == null ? "" : path;
    }

    public static ApiException badRequest(String code, String message, String path) {
        return new ApiException(400, code, message, path);
    }

    public static ApiException invalid(String code, String message, String path) {
        return new ApiException(422, code, message, path);
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
}
