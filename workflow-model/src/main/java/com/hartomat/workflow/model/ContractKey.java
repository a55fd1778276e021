package com.hartomat.workflow.model;

/** One named, typed key of a node's input or output contract. */
public record ContractKey(String name, String type, boolean required) {

    public static ContractKey required(String name, String type) {
        return new ContractKey(name, type, true);
    }

    public static ContractKey optional(String name, String type) {
        return new ContractKey(name, type, false);
    }
}
