package com.hartomat.deploy.k8s;

/** What is wrong with a manifest: the object ({@code file: Kind/name}), the field (a JSON pointer) and why. */
public record Violation(String object, String field, String message) {

    @Override
    public String toString() {
        return object + " at " + (field.isEmpty() ? "/" : field) + ": " + message;
    }
}
