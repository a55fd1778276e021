package com.hartomat.workflow.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The contract of one workflow step: what it needs, what it produces, where it runs, and its settings schema.
 * Immutable; built once by {@link NodeCatalog}.
 */
public final class NodeDefinition {

    private final String step;
    private final String label;
    private final String description;
    private final Family family;
    private final Set<Family> families;
    private final String moduleKey;
    private final Executor executor;
    private final String disabledReason;
    private final String jobType;
    private final String taskName;
    private final List<ContractKey> inputContract;
    private final List<ContractKey> outputContract;
    private final List<String> artifactRolesConsumed;
    private final List<String> artifactRolesProduced;
    private final String artifactKind;
    private final boolean publishable;
    private final String legacySource;
    private final JsonNode settingsSchema;
    private final Map<String, Object> defaults;
    private final List<FieldGroup> fieldGroups;
    private final Function<Map<String, Object>, String> artifactKindByParams;
    private final Function<Map<String, Object>, String> jobTypeByParams;
    private final RetryPolicy retryPolicy;

    private NodeDefinition(Builder b) {
        step = Objects.requireNonNull(b.step);
        label = Objects.requireNonNull(b.label, step);
        description = Objects.requireNonNull(b.description, step);
        family = Objects.requireNonNull(b.family, step);
        EnumSet<Family> fs = EnumSet.of(family);
        fs.addAll(b.alsoFamilies);
        families = Collections.unmodifiableSet(fs);
        moduleKey = Objects.requireNonNull(b.moduleKey, step);
        executor = Objects.requireNonNull(b.executor, step);
        disabledReason = b.disabledReason;
        jobType = b.jobType;
        taskName = b.taskName;
        inputContract = List.copyOf(b.inputs);
        outputContract = List.copyOf(b.outputs);
        artifactRolesConsumed = List.copyOf(b.rolesConsumed);
        artifactRolesProduced = List.copyOf(b.rolesProduced);
        artifactKind = b.artifactKind;
        publishable = b.publishable;
        legacySource = Objects.requireNonNull(b.legacySource, step);
        retryPolicy = b.retryPolicy != null ? b.retryPolicy : RetryPolicy.defaultFor(executor);
        JsonNode schema = Objects.requireNonNull(b.settingsSchema, step).deepCopy();
        List<FieldGroup> groups = new ArrayList<>(b.fieldGroups);
        if (executor == Executor.ASYNC && schema.path("properties") instanceof ObjectNode props
                && !props.has(RetryPolicy.PARAM)) {
            // every render job's node may override its definition's retry policy (no default: the definition's applies)
            props.set(RetryPolicy.PARAM, RetryPolicy.paramSchema());
            groups.add(new FieldGroup("retry", "Retries", List.of(RetryPolicy.PARAM)));
        }
        settingsSchema = schema;
        defaults = Collections.unmodifiableMap(SettingsSchema.defaultsOf(settingsSchema));
        fieldGroups = List.copyOf(groups);
        artifactKindByParams = b.artifactKindByParams;
        jobTypeByParams = b.jobTypeByParams;
        if ((executor == Executor.ASYNC) != (jobType != null)) {
            throw new IllegalStateException(step + ": exactly the async nodes have a job type");
        }
        if ((executor == Executor.DISABLED) != (disabledReason != null)) {
            throw new IllegalStateException(step + ": exactly the disabled nodes have a reason");
        }
    }

    public static Builder builder(String step) {
        return new Builder(step);
    }

    public String step() {
        return step;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** The family the step belongs to (editor palette). */
    public Family family() {
        return family;
    }

    /** Every family whose graphs may contain the step (e.g. {@code glb_bbox} works on both). */
    public Set<Family> families() {
        return families;
    }

    public boolean allowedIn(Family f) {
        return families.contains(f);
    }

    public String moduleKey() {
        return moduleKey;
    }

    public Executor executor() {
        return executor;
    }

    public String disabledReason() {
        return disabledReason;
    }

    /** The render job type for async nodes (wire value), null otherwise. */
    public String jobType() {
        return jobType;
    }

    /** The job type for these (defaults-merged) params: a still with several camera angles is a multi-angle job. */
    public String jobType(Map<String, Object> params) {
        return jobTypeByParams == null ? jobType : jobTypeByParams.apply(params);
    }

    /** Attempts and back-off of the step's render jobs (a node's {@code retry_policy} param may override it). */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** The original Celery task name, kept visible for parity checks; null for in-process steps. */
    public String taskName() {
        return taskName;
    }

    public List<ContractKey> inputContract() {
        return inputContract;
    }

    public List<ContractKey> outputContract() {
        return outputContract;
    }

    public List<String> artifactRolesConsumed() {
        return artifactRolesConsumed;
    }

    public List<String> artifactRolesProduced() {
        return artifactRolesProduced;
    }

    /** The terminal artifact kind the step produces, or null if it produces none. */
    public String artifactKind() {
        return artifactKind;
    }

    /** The artifact kind for these (defaults-merged) params. */
    public String artifactKind(Map<String, Object> params) {
        return artifactKindByParams == null ? artifactKind : artifactKindByParams.apply(params);
    }

    /** Whether a downstream {@code output_save} may publish this step's artifact. */
    public boolean publishable() {
        return publishable;
    }

    public String legacySource() {
        return legacySource;
    }

    /** Draft-07 JSON Schema of the settings; a copy, callers may not change the catalogue. */
    public JsonNode settingsSchema() {
        return settingsSchema.deepCopy();
    }

    JsonNode schemaView() {
        return settingsSchema;
    }

    /** The defaults declared in {@link #settingsSchema()}. */
    public Map<String, Object> defaults() {
        return defaults;
    }

    public List<FieldGroup> fieldGroups() {
        return fieldGroups;
    }

    public boolean hasContractKey(List<ContractKey> contract, String name) {
        return contract.stream().anyMatch(k -> k.name().equals(name));
    }

    /** The node definition as the registry serves it (snake_case). */
    public ObjectNode toJson() {
        ObjectNode n = JsonValues.F.objectNode();
        n.put("step", step);
        n.put("label", label);
        n.put("description", description);
        n.put("family", family.wire());
        ArrayNode fam = n.putArray("families");
        families.forEach(f -> fam.add(f.wire()));
        n.put("module_key", moduleKey);
        n.put("executor", executor.wire());
        n.put("disabled_reason", disabledReason);
        n.put("job_type", jobType);
        n.put("task_name", taskName);
        n.set("input_contract", contractJson(inputContract));
        n.set("output_contract", contractJson(outputContract));
        ArrayNode consumed = n.putArray("artifact_roles_consumed");
        artifactRolesConsumed.forEach(consumed::add);
        ArrayNode produced = n.putArray("artifact_roles_produced");
        artifactRolesProduced.forEach(produced::add);
        n.put("artifact_kind", artifactKind);
        n.put("publishable", publishable);
        n.put("legacy_source", legacySource);
        n.set("retry_policy", retryPolicy.toJson());
        n.set("settings_schema", settingsSchema.deepCopy());
        n.set("defaults", JsonValues.toJson(defaults));
        ArrayNode groups = n.putArray("field_groups");
        for (FieldGroup g : fieldGroups) {
            ObjectNode gj = groups.addObject();
            gj.put("key", g.key());
            gj.put("label", g.label());
            ArrayNode fields = gj.putArray("fields");
            g.fields().forEach(fields::add);
        }
        return n;
    }

    private static ArrayNode contractJson(List<ContractKey> keys) {
        ArrayNode a = JsonValues.F.arrayNode();
        for (ContractKey k : keys) {
            ObjectNode o = a.addObject();
            o.put("name", k.name());
            o.put("type", k.type());
            o.put("required", k.required());
        }
        return a;
    }

    @Override
    public String toString() {
        return "NodeDefinition[" + step + "]";
    }

    public static final class Builder {
        private final String step;
        private String label;
        private String description;
        private Family family;
        private final List<Family> alsoFamilies = new ArrayList<>();
        private String moduleKey;
        private Executor executor;
        private String disabledReason;
        private String jobType;
        private String taskName;
        private final List<ContractKey> inputs = new ArrayList<>();
        private final List<ContractKey> outputs = new ArrayList<>();
        private final List<String> rolesConsumed = new ArrayList<>();
        private final List<String> rolesProduced = new ArrayList<>();
        private String artifactKind;
        private boolean publishable;
        private String legacySource;
        private JsonNode settingsSchema;
        private final List<FieldGroup> fieldGroups = new ArrayList<>();
        private Function<Map<String, Object>, String> artifactKindByParams;
        private Function<Map<String, Object>, String> jobTypeByParams;
        private RetryPolicy retryPolicy;

        private Builder(String step) {
            this.step = step;
        }

        public Builder label(String v) {
            label = v;
            return this;
        }

        public Builder description(String v) {
            description = v;
            return this;
        }

        public Builder family(Family v, Family... alsoAllowedIn) {
            family = v;
            alsoFamilies.addAll(List.of(alsoAllowedIn));
            return this;
        }

        public Builder module(String v) {
            moduleKey = v;
            return this;
        }

        public Builder sync() {
            executor = Executor.SYNC;
            return this;
        }

        public Builder async(String renderJobType, String celeryTaskName) {
            executor = Executor.ASYNC;
            jobType = renderJobType;
            taskName = celeryTaskName;
            return this;
        }

        public Builder disabled(String reason) {
            executor = Executor.DISABLED;
            disabledReason = reason;
            return this;
        }

        public Builder input(ContractKey k) {
            inputs.add(k);
            return this;
        }

        public Builder output(ContractKey k) {
            outputs.add(k);
            return this;
        }

        public Builder consumes(String... roles) {
            rolesConsumed.addAll(List.of(roles));
            return this;
        }

        public Builder produces(String... roles) {
            rolesProduced.addAll(List.of(roles));
            return this;
        }

        public Builder artifact(String kind, boolean publishableByOutputSave) {
            artifactKind = kind;
            publishable = publishableByOutputSave;
            return this;
        }

        public Builder artifactKindByParams(Function<Map<String, Object>, String> f) {
            artifactKindByParams = f;
            return this;
        }

        public Builder jobTypeByParams(Function<Map<String, Object>, String> f) {
            jobTypeByParams = f;
            return this;
        }

        /** A retry policy of the step's own instead of its execution role's default. */
        public Builder retryPolicy(RetryPolicy v) {
            retryPolicy = v;
            return this;
        }

        public Builder legacy(String v) {
            legacySource = v;
            return this;
        }

        public Builder settings(SettingsSchema s) {
            settingsSchema = s.build();
            return this;
        }

        public Builder group(String key, String groupLabel, String... fields) {
            fieldGroups.add(new FieldGroup(key, groupLabel, List.of(fields)));
            return this;
        }

        public NodeDefinition build() {
            return new NodeDefinition(this);
        }
    }
}
