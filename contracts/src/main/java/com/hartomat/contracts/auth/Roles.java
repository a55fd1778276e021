package com.hartomat.contracts.auth;

/**
 * The roles of the suite, as they arrive in a bearer token's {@code groups} claim (docs/security.md). They are
 * hierarchical — admin ⊇ operator ⊇ author ⊇ viewer — through each service's {@code quarkus.http.auth.roles-mapping},
 * so an endpoint names the least role it allows.
 */
public final class Roles {

    /** Every read. */
    public static final String VIEWER = "viewer";
    /** Workflow, output-type, template and material changes; validation, preflight, draft dispatch; context data. */
    public static final String AUTHOR = "author";
    /** Dispatch, rollout changes, run control, calibrations. */
    public static final String OPERATOR = "operator";
    /** Deletes and forced rollouts. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
