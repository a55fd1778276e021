package com.hartomat.dispatch.runtime.nodes;

/** An in-process node cannot run because its context lacks something it needs; the message names what. */
public class NodeInputMissing extends RuntimeException {

    private final String code;

    public NodeInputMissing(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
