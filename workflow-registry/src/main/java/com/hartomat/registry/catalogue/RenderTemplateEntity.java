package com.hartomat.registry.catalogue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The render template of a product category, read by resolve_template. */
@Entity
@Table(name = "render_templates")
public class RenderTemplateEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "category_key", nullable = false)
    public String categoryKey;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "template_path")
    public String templatePath;

    @Column(name = "use_materials", nullable = false)
    public boolean useMaterials;

    @Column(name = "camera_preset", nullable = false)
    public String cameraPreset;

    @Column(name = "lighting_preset", nullable = false)
    public String lightingPreset;

    @Column(name = "version", nullable = false)
    public int version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
