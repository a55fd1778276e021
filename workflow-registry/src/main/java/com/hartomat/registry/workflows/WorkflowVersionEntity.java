package com.hartomat.registry.workflows;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One immutable version of a workflow definition; never updated after insert. */
@Entity
@Table(name = "workflow_versions")
public class WorkflowVersionEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "workflow_id", nullable = false)
    public UUID workflowId;

    @Column(name = "version", nullable = false)
    public int version;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "is_active", nullable = false)
    public boolean active;

    @Column(name = "output_type_id")
    public UUID outputTypeId;

    /** The canonical config as written; text, so it reads back exactly. */
    @Column(name = "config", nullable = false)
    public String config;

    @Column(name = "family", nullable = false)
    public String family;

    @Column(name = "context_kind", nullable = false)
    public String contextKind;

    @Column(name = "terminal_artifact_kinds", nullable = false)
    public String terminalArtifactKinds;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The subject of the token that wrote this version (the audit actor); null for versions from before. */
    @Column(name = "created_by")
    public String createdBy;
}
