package com.hartomat.workflow.model;

import static com.hartomat.workflow.model.ContractKey.optional;
import static com.hartomat.workflow.model.ContractKey.required;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node registry: the only place that knows a step's contract. {@link #standard()} holds the 17 steps of the
 * original system's backlog, with the settings a render operator needs.
 */
public final class NodeCatalog {

    /** Keys a render context provides before any node runs. */
    public static final String ORDER_LINE_ID = "order_line_id";
    public static final String CAD_FILE_ID = "cad_file_id";
    /** The output key of steps whose artifact {@code output_save} may publish. */
    public static final String PUBLISHABLE_ARTIFACT = "artifact";

    static final String RENDERING_TASKS = "app.domains.rendering.tasks.";
    static final String PIPELINE = "backend/app/domains/pipeline/tasks/";

    private static final NodeCatalog STANDARD = new NodeCatalog(standardDefinitions());

    private final Map<String, NodeDefinition> byStep;

    public NodeCatalog(Collection<NodeDefinition> definitions) {
        Map<String, NodeDefinition> map = new LinkedHashMap<>();
        for (NodeDefinition d : definitions) {
            if (map.put(d.step(), d) != null) {
                throw new IllegalArgumentException("duplicate step " + d.step());
            }
        }
        byStep = java.util.Collections.unmodifiableMap(map);
    }

    public static NodeCatalog standard() {
        return STANDARD;
    }

    public Optional<NodeDefinition> find(String step) {
        return Optional.ofNullable(step == null ? null : byStep.get(step));
    }

    public List<NodeDefinition> all() {
        return List.copyOf(byStep.values());
    }

    /** The steps a graph of this family may contain, in catalogue order. */
    public List<NodeDefinition> forFamily(Family family) {
        return byStep.values().stream().filter(d -> d.allowedIn(family)).toList();
    }

    private static SettingsSchema imageSettings(SettingsSchema s, int width, int height, String engine, int samples) {
        return s.integer("width", "Width (px)", width, 16, 16384)
                .integer("height", "Height (px)", height, 16, 16384)
                .choice("engine", "Render engine", engine, "cycles", "eevee", "workbench")
                .integer("samples", "Samples", samples, 1, 65536)
                .integer("seed", "Noise seed", 0, 0, Integer.MAX_VALUE)
                .describe("seed", "Fixed Cycles seed so that renders are pixel-identical run to run.")
                .bool("transparent_background", "Transparent background", false);
    }

    private static SettingsSchema cameraSettings(SettingsSchema s) {
        return s.choice("camera_framing", "Camera framing", "auto_fit", "auto_fit", "template_camera")
                .describe("camera_framing", "auto_fit frames the model's bounding box; template_camera keeps the template's camera.")
                .number("focal_length_mm", "Focal length (mm)", 50.0, 8.0, 500.0)
                .number("camera_elevation_deg", "Camera elevation (deg)", 20.0, -90.0, 90.0)
                .number("camera_azimuth_deg", "Camera azimuth (deg)", 45.0, -360.0, 360.0)
                .number("framing_margin", "Framing margin (fraction of frame)", 0.1, 0.0, 0.9);
    }

    private static SettingsSchema tessellation(SettingsSchema s) {
        return s.positiveNumber("linear_deflection_mm", "Linear deflection (mm)", 0.1, 100.0)
                .describe("linear_deflection_mm", "Maximum chord distance between the exact surface and its mesh.")
                .positiveNumber("angular_deflection_rad", "Angular deflection (rad)", 0.5, 3.14)
                .choice("units", "Source units", "mm", "mm", "cm", "m", "in");
    }

    private static boolean multiAngle(Map<String, Object> params) {
        return params.get("angles") instanceof List<?> angles && angles.size() > 1;
    }

    static List<NodeDefinition> standardDefinitions() {
        return List.of(
                NodeDefinition.builder("resolve_step_path")
                        .label("Resolve STEP path")
                        .description("Locates the CAD file's stored STEP file in artifact storage and checks it is readable.")
                        .family(Family.CAD_FILE).module("cad.step_path").sync()
                        .input(required(CAD_FILE_ID, "uuid"))
                        .output(required("step_path", "file")).output(required("original_name", "string"))
                        .produces("step_file")
                        .legacy("backend/app/api/routers/cad.py::resolve_stored_path")
                        .settings(SettingsSchema.object("Resolve STEP path")
                                .bool("require_existing_file", "Fail when the file is missing", true)
                                .choiceList("allowed_extensions", "Accepted extensions", List.of(".step", ".stp"),
                                        ".step", ".stp", ".STEP", ".STP"))
                        .group("source", "Source", "require_existing_file", "allowed_extensions")
                        .build(),
                NodeDefinition.builder("occ_object_extract")
                        .label("Extract part tree")
                        .description("Reads the STEP assembly structure (products, instances, solids) into a part tree.")
                        .family(Family.CAD_FILE).module("cad.object_extract")
                        .async("occ_object_extract", "app.domains.pipeline.tasks.extract_metadata.extract_cad_metadata_task")
                        .input(required("step_path", "file"))
                        .output(required("part_tree", "json")).output(required("parsed_objects", "json"))
                        .consumes("step_file").produces("part_tree")
                        .artifact(ArtifactKinds.PART_TREE, false)
                        .legacy(PIPELINE + "extract_metadata.py")
                        .settings(SettingsSchema.object("Extract part tree")
                                .choice("units", "Source units", "mm", "mm", "cm", "m", "in")
                                .bool("include_hidden", "Include hidden parts", false)
                                .bool("read_colors", "Read part colours", true)
                                .bool("merge_identical_instances", "Merge identical instances", false)
                                .integer("max_depth", "Maximum assembly depth", 64, 1, 1024))
                        .group("structure", "Structure", "include_hidden", "merge_identical_instances", "max_depth")
                        .group("import", "Import", "units", "read_colors")
                        .build(),
                NodeDefinition.builder("occ_glb_export")
                        .label("Export GLB")
                        .description("Tessellates the STEP solids and writes a GLB preview with one mesh per part.")
                        .family(Family.CAD_FILE).module("cad.glb_export")
                        .async("occ_glb_export", "app.domains.pipeline.tasks.export_glb.export_glb_task")
                        .input(required("step_path", "file")).input(optional("part_tree", "json"))
                        .output(required("glb_path", "file"))
                        .consumes("step_file", "part_tree").produces("glb_geometry")
                        .artifact(ArtifactKinds.GLB_PREVIEW, false)
                        .legacy(PIPELINE + "export_glb.py")
                        .settings(tessellation(SettingsSchema.object("Export GLB"))
                                .bool("relative_deflection", "Deflection relative to part size", false)
                                .choice("up_axis", "Up axis", "y", "y", "z")
                                .bool("draco_compression", "Draco mesh compression", false)
                                .bool("merge_meshes", "Merge meshes", false))
                        .group("tessellation", "Tessellation", "linear_deflection_mm", "angular_deflection_rad",
                                "relative_deflection", "units")
                        .group("output", "Output", "up_axis", "draco_compression", "merge_meshes")
                        .build(),
                NodeDefinition.builder("glb_bbox")
                        .label("Bounding box")
                        .description("Computes the model's bounding box from its GLB geometry (used for framing and turntable pivots).")
                        .family(Family.ORDER_LINE, Family.CAD_FILE).module("geometry.bbox").sync()
                        .input(required("glb_path", "file"))
                        .output(required("bbox", "json"))
                        .consumes("glb_geometry").produces("bounding_box")
                        .legacy("backend/app/domains/rendering/workflow_runtime_services.py::compute_glb_bbox")
                        .settings(SettingsSchema.object("Bounding box")
                                .choice("units", "Report units", "mm", "mm", "cm", "m")
                                .bool("include_hidden_parts", "Include hidden parts", false)
                                .number("padding_ratio", "Padding ratio", 0.0, 0.0, 1.0))
                        .group("measure", "Measurement", "units", "include_hidden_parts", "padding_ratio")
                        .build(),
                NodeDefinition.builder("material_map_resolve")
                        .label("Resolve material map")
                        .description("Maps each part's assigned material name to a render material from the material library.")
                        .family(Family.ORDER_LINE).module("materials.map_resolve").sync()
                        .input(required("material_assignments", "json")).input(optional("use_materials", "boolean"))
                        .output(required("material_map", "json")).output(required("unresolved_materials", "json"))
                        .consumes("material_assignments", "render_template").produces("material_map")
                        .legacy(PIPELINE + "render_order_line.py::resolve_material_map")
                        .settings(SettingsSchema.object("Resolve material map")
                                .text("fallback_material", "Fallback material", "default", 200)
                                .bool("use_aliases", "Match material aliases", true)
                                .bool("strict", "Fail on unresolved materials", false))
                        .group("mapping", "Mapping", "fallback_material", "use_aliases", "strict")
                        .build(),
                NodeDefinition.builder("auto_populate_materials")
                        .label("Auto-populate materials")
                        .description("Fills in material assignments for parts that have none, from the product's CAD part list.")
                        .family(Family.ORDER_LINE).module("materials.auto_populate").sync()
                        .input(required(ORDER_LINE_ID, "uuid")).input(optional("part_materials", "json"))
                        .output(required("material_assignments", "json"))
                        .consumes("part_list").produces("material_assignments")
                        .legacy(PIPELINE + "render_order_line.py::auto_populate_materials")
                        .settings(SettingsSchema.object("Auto-populate materials")
                                .text("default_material", "Default material", "Steel", 200)
                                .bool("overwrite_existing", "Overwrite existing assignments", false)
                                .choice("match_by", "Match parts by", "part_name", "part_name", "part_key"))
                        .group("assignment", "Assignment", "default_material", "overwrite_existing", "match_by")
                        .build(),
                NodeDefinition.builder("blender_render")
                        .label("Blender render (CAD)")
                        .description("Renders a preview image of a CAD file's GLB geometry in Blender, without an order line.")
                        .family(Family.CAD_FILE).module("rendering.cad_preview")
                        .async("blender_render", RENDERING_TASKS + "render_cad_preview_task")
                        .input(required("glb_path", "file")).input(optional("bbox", "json"))
                        .output(required("image_path", "file"))
                        .consumes("glb_geometry", "bounding_box").produces("preview_image")
                        .artifact(ArtifactKinds.PREVIEW_IMAGE, false)
                        .legacy("backend/app/domains/rendering/tasks.py::render_cad_preview_task")
                        .settings(cameraSettings(imageSettings(SettingsSchema.object("Blender render"), 1024, 1024, "eevee", 16))
                                .choice("output_format", "File format", "png", "png", "jpeg", "webp"))
                        .group("output", "Output", "width", "height", "output_format", "transparent_background")
                        .group("quality", "Quality", "engine", "samples", "seed")
                        .group("camera", "Camera", "camera_framing", "focal_length_mm", "camera_elevation_deg",
                                "camera_azimuth_deg", "framing_margin")
                        .build(),
                NodeDefinition.builder("threejs_render")
                        .label("Three.js render")
                        .description("Browser-side WebGL preview render of the GLB.")
                        .family(Family.CAD_FILE).module("rendering.threejs")
                        .disabled("Three.js renders need a browser WebGL context; the headless render worker cannot run them. Use blender_render.")
                        .input(required("glb_path", "file"))
                        .output(required("image_path", "file"))
                        .consumes("glb_geometry").produces("preview_image")
                        .artifact(ArtifactKinds.PREVIEW_IMAGE, false)
                        .legacy("frontend/src/components/cad/ThreeDViewer.tsx")
                        .settings(SettingsSchema.object("Three.js render")
                                .integer("width", "Width (px)", 1024, 16, 8192)
                                .integer("height", "Height (px)", 1024, 16, 8192)
                                .pattern("background_color", "Background colour", "#ffffff", "^#[0-9a-fA-F]{6}$"))
                        .group("output", "Output", "width", "height", "background_color")
                        .build(),
                NodeDefinition.builder("thumbnail_save")
                        .label("Save thumbnail")
                        .description("Renders and stores the CAD file's catalogue thumbnail.")
                        .family(Family.CAD_FILE).module("cad.thumbnail")
                        .async("thumbnail_save", "app.domains.pipeline.tasks.render_thumbnail.render_thumbnail_task")
                        .input(required("glb_path", "file")).input(optional("bbox", "json"))
                        .output(required("thumbnail_path", "file"))
                        .consumes("glb_geometry", "bounding_box").produces("thumbnail")
                        .artifact(ArtifactKinds.CAD_THUMBNAIL, false)
                        .legacy(PIPELINE + "render_thumbnail.py")
                        .settings(SettingsSchema.object("Save thumbnail")
                                .integer("width", "Width (px)", 512, 16, 4096)
                                .integer("height", "Height (px)", 512, 16, 4096)
                                .choice("engine", "Render engine", "workbench", "cycles", "eevee", "workbench")
                                .integer("samples", "Samples", 16, 1, 4096)
                                .choice("output_format", "File format", "png", "png", "jpeg", "webp")
                                .bool("transparent_background", "Transparent background", false)
                                .pattern("background_color", "Background colour", "#ffffff", "^#[0-9a-fA-F]{6}$"))
                        .group("output", "Output", "width", "height", "output_format", "transparent_background",
                                "background_color")
                        .group("quality", "Quality", "engine", "samples")
                        .build(),
                NodeDefinition.builder("order_line_setup")
                        .label("Order line setup")
                        .description("Loads the order line, its product, CAD file and part materials: the render context every order-line step reads.")
                        .family(Family.ORDER_LINE).module("rendering.order_line_setup").sync()
                        .input(required(ORDER_LINE_ID, "uuid"))
                        .output(required(ORDER_LINE_ID, "uuid")).output(required("product_id", "uuid"))
                        .output(required(CAD_FILE_ID, "uuid")).output(required("step_path", "file"))
                        .output(optional("glb_path", "file")).output(required("category_key", "string"))
                        .output(required("part_materials", "json"))
                        .produces("order_line_context", "step_file", "part_list")
                        .legacy(PIPELINE + "render_order_line.py::setup")
                        .settings(SettingsSchema.object("Order line setup")
                                .bool("require_cad_file", "Fail without a CAD file", true)
                                .bool("require_part_materials", "Fail without part materials", false)
                                .bool("mark_processing", "Mark the order processing", true))
                        .group("checks", "Checks", "require_cad_file", "require_part_materials", "mark_processing")
                        .build(),
                NodeDefinition.builder("resolve_template")
                        .label("Resolve render template")
                        .description("Picks the render template for the product's category: template .blend, materials on/off, camera and lighting presets.")
                        .family(Family.ORDER_LINE).module("rendering.resolve_template").sync()
                        .input(required("category_key", "string"))
                        .output(required("template", "json")).output(optional("template_path", "file"))
                        .output(required("use_materials", "boolean"))
                        .consumes("order_line_context").produces("render_template")
                        .legacy(PIPELINE + "render_order_line.py::resolve_template")
                        .settings(SettingsSchema.object("Resolve render template")
                                .bool("require_template", "Fail when no template matches", false)
                                .bool("fallback_to_default", "Use the default scene when no template matches", true)
                                .text("category_key_override", "Category key override", null, 200))
                        .group("lookup", "Lookup", "category_key_override", "require_template", "fallback_to_default")
                        .build(),
                NodeDefinition.builder("blender_still")
                        .label("Blender still")
                        .description("Renders the order line's product as a still image (or several camera angles) in Blender.")
                        .family(Family.ORDER_LINE).module("rendering.still")
                        .async("still", RENDERING_TASKS + "render_order_line_still_task")
                        .jobTypeByParams(p -> multiAngle(p) ? "multi_angle" : "still")
                        .input(required(ORDER_LINE_ID, "uuid")).input(required("step_path", "file"))
                        .input(required("template", "json")).input(optional("material_map", "json"))
                        .input(optional("bbox", "json"))
                        .output(required("image_path", "file")).output(required(PUBLISHABLE_ARTIFACT, "artifact"))
                        .consumes("step_file", "render_template", "material_map", "bounding_box").produces("still_image")
                        .artifact(ArtifactKinds.STILL_IMAGE, true)
                        .artifactKindByParams(p -> multiAngle(p) ? ArtifactKinds.MULTI_ANGLE_STILLS : ArtifactKinds.STILL_IMAGE)
                        .legacy("backend/app/domains/rendering/tasks.py::render_order_line_still_task")
                        .settings(cameraSettings(imageSettings(SettingsSchema.object("Blender still"), 1920, 1080, "cycles", 64))
                                .numberList("angles", "Camera azimuths for multi-angle stills (deg)", List.of(), -360.0, 360.0, 72)
                                .choice("output_format", "File format", "png", "png", "jpeg", "webp", "exr")
                                .number("noise_threshold", "Adaptive noise threshold (0 = off)", 0.01, 0.0, 1.0)
                                .bool("denoise", "Denoise", false)
                                .describe("denoise", "Off by default: the worker's Blender build has no OpenImageDenoise."))
                        .group("output", "Output", "width", "height", "output_format", "transparent_background")
                        .group("quality", "Quality", "engine", "samples", "seed", "noise_threshold", "denoise")
                        .group("camera", "Camera", "camera_framing", "focal_length_mm", "camera_elevation_deg",
                                "camera_azimuth_deg", "framing_margin", "angles")
                        .build(),
                NodeDefinition.builder("blender_turntable")
                        .label("Blender turntable")
                        .description("Renders a rotating turntable video of the product (H.264 MP4).")
                        .family(Family.ORDER_LINE).module("rendering.turntable")
                        .async("turntable", RENDERING_TASKS + "render_turntable_task")
                        .input(required(ORDER_LINE_ID, "uuid")).input(required("step_path", "file"))
                        .input(required("template", "json")).input(optional("material_map", "json"))
                        .input(optional("bbox", "json"))
                        .output(required("video_path", "file")).output(required(PUBLISHABLE_ARTIFACT, "artifact"))
                        .consumes("step_file", "render_template", "material_map", "bounding_box").produces("turntable_video")
                        .artifact(ArtifactKinds.TURNTABLE_VIDEO, true)
                        .legacy("backend/app/domains/rendering/tasks.py::render_turntable_task")
                        .settings(cameraSettings(imageSettings(SettingsSchema.object("Blender turntable"), 1280, 720, "cycles", 32))
                                .integer("fps", "Frames per second", 24, 1, 120)
                                .number("duration_s", "Duration (s)", 4.0, 0.1, 600.0)
                                .integer("frame_count", "Frame count (overrides duration)", null, 1, 72000)
                                .choice("rotation_axis", "Rotation axis", "z", "x", "y", "z")
                                .number("rotation_degrees", "Rotation (deg)", 360.0, -3600.0, 3600.0)
                                .choice("direction", "Direction", "counterclockwise", "clockwise", "counterclockwise")
                                .choice("video_codec", "Video codec", "h264", "h264")
                                .integer("video_quality_crf", "Video quality (CRF)", 23, 0, 51))
                        .group("output", "Output", "width", "height", "transparent_background", "video_codec", "video_quality_crf")
                        .group("motion", "Motion", "fps", "duration_s", "frame_count", "rotation_axis", "rotation_degrees",
                                "direction")
                        .group("quality", "Quality", "engine", "samples", "seed")
                        .group("camera", "Camera", "camera_framing", "focal_length_mm", "camera_elevation_deg",
                                "camera_azimuth_deg", "framing_margin")
                        .build(),
                NodeDefinition.builder("output_save")
                        .label("Save output")
                        .description("Publishes the upstream render's artifact as the order line's authoritative output and media asset.")
                        .family(Family.ORDER_LINE).module("rendering.output_save").sync()
                        .input(required(ORDER_LINE_ID, "uuid")).input(required(PUBLISHABLE_ARTIFACT, "artifact"))
                        .output(required("media_asset_id", "uuid")).output(required("result_path", "file"))
                        .consumes("still_image", "turntable_video").produces("media_asset")
                        .legacy(PIPELINE + "render_order_line.py::save_output")
                        .settings(SettingsSchema.object("Save output")
                                .choice("asset_type", "Media asset type", "auto", "auto", "still", "turntable", "multi_angle")
                                .pattern("file_name_template", "File name template", "line_{order_line_id}",
                                        "^[A-Za-z0-9_.{}-]{1,200}$")
                                .bool("mark_order_line_completed", "Mark the order line completed", true)
                                .bool("overwrite_existing", "Replace an existing output", true))
                        .group("publication", "Publication", "asset_type", "file_name_template", "mark_order_line_completed",
                                "overwrite_existing")
                        .build(),
                NodeDefinition.builder("export_blend")
                        .label("Export .blend")
                        .description("Saves the prepared Blender scene (template, materials, model) as a production .blend file.")
                        .family(Family.ORDER_LINE).module("rendering.export_blend")
                        .async("export_blend", RENDERING_TASKS + "export_blend_for_order_line_task")
                        .input(required(ORDER_LINE_ID, "uuid")).input(required("step_path", "file"))
                        .input(required("template", "json")).input(optional("material_map", "json"))
                        .output(required("blend_path", "file"))
                        .consumes("step_file", "render_template", "material_map").produces("blend_file")
                        .artifact(ArtifactKinds.BLEND_ASSET, false)
                        .legacy("backend/app/domains/rendering/tasks.py::export_blend_for_order_line_task")
                        .settings(SettingsSchema.object("Export .blend")
                                .bool("compress", "Compress the .blend file", true)
                                .bool("pack_textures", "Pack textures into the file", true)
                                .bool("purge_unused_data", "Purge unused data blocks", true)
                                .bool("relative_paths", "Store relative paths", true)
                                .bool("apply_template", "Include the render template scene", true))
                        .group("file", "File", "compress", "pack_textures", "relative_paths")
                        .group("content", "Content", "apply_template", "purge_unused_data")
                        .build(),
                NodeDefinition.builder("stl_cache_generate")
                        .label("Generate STL cache")
                        .description("Tessellates the STEP file into cached STL meshes for fast downstream loading.")
                        .family(Family.CAD_FILE).module("cad.stl_cache")
                        .async("stl_cache_generate", "app.domains.pipeline.tasks.stl_cache.generate_stl_cache_task")
                        .input(required("step_path", "file"))
                        .output(required("stl_path", "file"))
                        .consumes("step_file").produces("stl_mesh")
                        .artifact(ArtifactKinds.STL_MESH, false)
                        .legacy(PIPELINE + "stl_cache.py")
                        .settings(tessellation(SettingsSchema.object("Generate STL cache"))
                                .bool("binary", "Binary STL", true)
                                .bool("one_file_per_part", "One file per part", false))
                        .group("tessellation", "Tessellation", "linear_deflection_mm", "angular_deflection_rad", "units")
                        .group("output", "Output", "binary", "one_file_per_part")
                        .build(),
                NodeDefinition.builder("notify")
                        .label("Notify")
                        .description("Sends the order line's completion notification once the upstream render finished.")
                        .family(Family.ORDER_LINE).module("notifications.notify").sync()
                        .input(required(ORDER_LINE_ID, "uuid"))
                        .output(required("notification_mode", "string"))
                        .legacy(PIPELINE + "render_order_line.py::notify")
                        .settings(SettingsSchema.object("Notify")
                                .choiceList("channels", "Channels", List.of("in_app"), "in_app", "email", "webhook")
                                .bool("notify_on_failure", "Also notify on failure", true))
                        .group("delivery", "Delivery", "channels", "notify_on_failure")
                        .build());
    }
}
