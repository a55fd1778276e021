package com.hartomat.deploy.k8s;

import java.util.ArrayList;
import java.util.List;

/** Validates every object of a manifest set: core kinds strictly with fabric8, custom resources against their schemas. */
public final class ManifestValidator {

    private final CoreKindValidator core = new CoreKindValidator();
    private final CustomResourceValidator custom = new CustomResourceValidator();

    public List<Violation> validate(List<Located> objects) {
        List<Violation> violations = new ArrayList<>();
        for (Located object : objects) {
            if (object.kind().equals("Kustomization")) {
                continue;
            }
            if (core.handles(object)) {
                violations.addAll(core.validate(object));
            } else if (custom.handles(object)) {
                violations.addAll(custom.validate(object));
            } else {
                violations.add(new Violation(object.id(), "/kind",
                        "no validator for " + object.apiVersion() + " " + object.kind() + ": add its model class or schema"));
            }
            if (object.name().isEmpty()) {
                violations.add(new Violation(object.id(), "/metadata/name", "missing"));
            }
        }
        return violations;
    }
}
