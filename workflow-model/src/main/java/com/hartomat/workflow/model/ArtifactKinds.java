package com.hartomat.workflow.model;

/** The terminal artifact kinds a graph can produce; output types name one of these as their contract. */
public final class ArtifactKinds {

    public static final String STILL_IMAGE = "still_image";
    public static final String MULTI_ANGLE_STILLS = "multi_angle_stills";
    public static final String TURNTABLE_VIDEO = "turntable_video";
    public static final String BLEND_ASSET = "blend_asset";
    public static final String CAD_THUMBNAIL = "cad_thumbnail";
    public static final String GLB_PREVIEW = "glb_preview";
    public static final String STL_MESH = "stl_mesh";
    public static final String PART_TREE = "part_tree";
    public static final String PREVIEW_IMAGE = "preview_image";

    public static final java.util.List<String> ALL = java.util.List.of(STILL_IMAGE, MULTI_ANGLE_STILLS, TURNTABLE_VIDEO,
            BLEND_ASSET, CAD_THUMBNAIL, GLB_PREVIEW, STL_MESH, PART_TREE, PREVIEW_IMAGE);

    private ArtifactKinds() {
    }
}
