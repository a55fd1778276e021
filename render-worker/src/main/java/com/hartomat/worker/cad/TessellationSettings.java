package com.hartomat.worker.cad;

import java.util.List;

/**
 * How a STEP file is tessellated: everything that changes the meshes gmsh produces. The mesh cache key is derived from
 * this value's components (all of them, by serialisation), so a setting added here changes the key by itself.
 *
 * @param curvatureElements gmsh {@code -clcurv}: elements per 2π of curvature
 */
public record TessellationSettings(int curvatureElements) {

    /** gmsh's command-line arguments for these settings (between the input file and the output options). */
    public List<String> gmshArguments() {
        return List.of("-2", "-clcurv", Integer.toString(curvatureElements));
    }
}
