package com.hartomat.registry.workflows;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A workflow definition: identity plus a pointer to its latest immutable version. */
@Entity
@Table(name = "workflow_definitions")
public class WorkflowEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "current_version", nullable = false)
    public int currentVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
