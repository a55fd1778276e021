package com.hartomat.dispatch.runtime.nodes;

/** A preflight finding about one node: an error blocks graph dispatch, a warning does not. */
public record NodeIssue(String code, String message, boolean error) {

    public static NodeIssue error(String code, String message) {
        return new NodeIssue(code, message, true);
    }

    public static NodeIssue warning(String code, String message) {
        return new NodeIssue(code, message, false);
    }
}
