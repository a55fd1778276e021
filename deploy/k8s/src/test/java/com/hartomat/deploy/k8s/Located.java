package com.hartomat.deploy.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An object read from a manifest file. */
public record Located(String file, ObjectNode object) {

    public String kind() {
        return object.path("kind").asText();
    }

    public String name() {
        return object.path("metadata").path("name").asText();
    }

    public String apiVersion() {
        return object.path("apiVersion").asText();
    }

    /** How a violation names it: {@code file: Kind/name}. */
    public String id() {
        return file + ": " + kind() + "/" + name();
    }
}
