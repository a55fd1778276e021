package com.hartomat.deploy.local.fuzz;

/**
 * One malformed request: method, path with query (already encoded as sent), content type (null: none) and body.
 * {@code kind} names the mutation, so a failure report says what was sent.
 */
public record FuzzCase(String operation, String kind, String method, String pathAndQuery, String contentType, byte[] body) {
}
