package com.hartomat.workflow.model;

import java.util.List;

/** An editor section: a labelled group of settings fields, in display order. */
public record FieldGroup(String key, String label, List<String> fields) {

    public FieldGroup {
        fields = List.copyOf(fields);
    }
}
