package com.hartomat.contracts.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a render job asks the render worker to do. */
public enum JobType {
    LEGACY_RENDER, STILL, TURNTABLE, MULTI_ANGLE, EXPORT_BLEND, OCC_OBJECT_EXTRACT, OCC_GLB_EXPORT, STL_CACHE_GENERATE, GLB_BBOX, THUMBNAIL_SAVE, BLENDER_RENDER;

    @JsonValue
    public String wire() {
        return Wire.of(this);
    }

    @JsonCreator
    public static JobType fromWire(String wire) {
        return Wire.parse(JobType.class, wire);
    }
}
