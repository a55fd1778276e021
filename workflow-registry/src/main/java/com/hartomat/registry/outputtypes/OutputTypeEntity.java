package com.hartomat.registry.outputtypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An output type: the invocation profile order lines are rendered with. */
@Entity
@Table(name = "output_types")
public class OutputTypeEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "workflow_family", nullable = false)
    public String workflowFamily;

    @Column(name = "artifact_kind", nullable = false)
    public String artifactKind;

    @Column(name = "workflow_definition_id")
    public UUID workflowDefinitionId;

    @Column(name = "render_settings", nullable = false)
    public String renderSettings;

    @Column(name = "invocation_overrides", nullable = false)
    public String invocationOverrides;

    @Column(name = "render_backend", nullable = false)
    public String renderBackend;

    /** The material library name unassigned parts are rendered with, or null (the render worker's neutral default). */
    @Column(name = "default_material")
    public String defaultMaterial;

    @Column(name = "version", nullable = false)
    public int version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
