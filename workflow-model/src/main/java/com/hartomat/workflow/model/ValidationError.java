package com.hartomat.workflow.model;

/** One validation error: a stable code, a human message, and a JSON pointer into the config. */
public record ValidationError(String code, String message, String path) {

    public static ValidationError of(ErrorCode code, String message, String path) {
        return new ValidationError(code.code(), message, path);
    }
}
