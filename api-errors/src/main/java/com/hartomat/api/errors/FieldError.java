package com.hartomat.api.errors;

/** One problem of a request, with the JSON pointer of the offending value (a validation refusal lists them all). */
public record FieldError(String code, String message, String path) {
}
