"""HartOMat render worker: the one Blender script the worker runs.

Run as: blender -b --factory-startup --python-exit-code 3 -P hartomat_scene.py -- <spec.json>

The spec (written by the Java worker) says what to build and what to write. Every line the
worker reads starts with a fixed prefix and carries one JSON object:
  HARTOMAT_PROGRESS {"frame": i, "frame_count": n, "percent": p, "stage": s}
  HARTOMAT_ERROR    {"code": "import_failed", "message": "..."}   (then the script raises)
  HARTOMAT_RESULT   {...}                                          (once, at the end)
"""
import json
import math
import os
import sys

import bpy

PROGRESS = "HARTOMAT_PROGRESS "
ERROR = "HARTOMAT_ERROR "
RESULT = "HARTOMAT_RESULT "

NAMED_ANGLES = {
    "front": (0.0, 10.0),
    "back": (180.0, 10.0),
    "left": (90.0, 10.0),
    "right": (-90.0, 10.0),
    "top": (0.0, 89.0),
    "iso": (45.0, 30.0),
}


def emit(prefix, payload):
    sys.stdout.write(prefix + json.dumps(payload, separators=(",", ":")) + "\n")
    sys.stdout.flush()


class StageError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


class Progress:
    def __init__(self, total):
        self.total = max(1, total)
        self.done = 0
        self.stage = "render"

    def frame_done(self, *_args):
        self.done = min(self.total, self.done + 1)
        emit(PROGRESS, {"frame": self.done, "frame_count": self.total,
                        "percent": round(100.0 * self.done / self.total, 2), "stage": self.stage})


# ---------------------------------------------------------------- scene set-up

def clear_scene():
    for obj in list(bpy.data.objects):
        bpy.data.objects.remove(obj, do_unlink=True)


def import_glb(path):
    import numpy as np
    if not hasattr(np, "bool"):
        np.bool = bool  # Blender 3.4's glTF importer still uses np.bool (removed in numpy 1.24)
    if not os.path.isfile(path):
        raise StageError("input_missing", "model not found: " + path)
    before = set(bpy.data.objects)
    try:
        result = bpy.ops.import_scene.gltf(filepath=path)
    except Exception as exc:  # the importer raises RuntimeError with its own message
        raise StageError("import_failed", "glTF import failed: %s" % exc)
    if "FINISHED" not in result:
        raise StageError("import_failed", "glTF import did not finish: %s" % result)
    imported = [o for o in bpy.data.objects if o not in before]
    if not any(o.type == "MESH" for o in imported):
        raise StageError("import_failed", "model has no meshes: " + path)
    return imported


def read_msh41(path):
    """Gmsh MSH 4.1 ASCII: nodes, triangles per surface, volumes with their bounding surfaces."""
    with open(path, "r") as handle:
        lines = handle.read().split("\n")
    i = 0
    volumes = {}
    nodes = {}
    triangles = {}
    while i < len(lines):
        line = lines[i].strip()
        if line == "$MeshFormat":
            version = lines[i + 1].split()
            if not version[0].startswith("4") or version[1] != "0":
                raise StageError("import_failed", "expected ASCII MSH 4.x, got " + lines[i + 1])
            i += 2
        elif line == "$Entities":
            counts = [int(v) for v in lines[i + 1].split()]
            i += 2
            i += counts[0] + counts[1] + counts[2]
            for _ in range(counts[3]):
                fields = lines[i].split()
                tag = int(fields[0])
                n_phys = int(fields[7])
                n_bound = int(fields[8 + n_phys])
                bound = [abs(int(v)) for v in fields[9 + n_phys: 9 + n_phys + n_bound]]
                volumes[tag] = bound
                i += 1
        elif line == "$Nodes":
            n_blocks = int(lines[i + 1].split()[0])
            i += 2
            for _ in range(n_blocks):
                dim, tag, parametric, count = (int(v) for v in lines[i].split())
                tags = [int(lines[i + 1 + k]) for k in range(count)]
                for k in range(count):
                    xyz = lines[i + 1 + count + k].split()
                    nodes[tags[k]] = (float(xyz[0]), float(xyz[1]), float(xyz[2]))
                i += 1 + 2 * count
        elif line == "$Elements":
            n_blocks = int(lines[i + 1].split()[0])
            i += 2
            for _ in range(n_blocks):
                dim, tag, etype, count = (int(v) for v in lines[i].split())
                if dim == 2 and etype == 2:
                    tris = triangles.setdefault(tag, [])
                    for k in range(count):
                        fields = lines[i + 1 + k].split()
                        tris.append((int(fields[1]), int(fields[2]), int(fields[3])))
                i += 1 + count
        else:
            i += 1
    return volumes, nodes, triangles


def build_parts_from_msh(path, labels, scale):
    import bmesh
    if not os.path.isfile(path):
        raise StageError("input_missing", "mesh not found: " + path)
    try:
        volumes, nodes, triangles = read_msh41(path)
    except StageError:
        raise
    except Exception as exc:
        raise StageError("import_failed", "unreadable mesh %s: %s" % (path, exc))
    if not volumes:
        raise StageError("import_failed", "the STEP file has no solids")
    created = []
    for tag in sorted(volumes):
        label = labels.get(str(tag)) or {}
        name = label.get("part") or ("part_%d" % tag)
        key = label.get("key") or name
        index = {}
        verts = []
        faces = []
        for surface in volumes[tag]:
            for tri in triangles.get(surface, []):
                face = []
                for node in tri:
                    if node not in index:
                        index[node] = len(verts)
                        x, y, z = nodes[node]
                        verts.append((x * scale, y * scale, z * scale))
                    face.append(index[node])
                faces.append(face)
        mesh = bpy.data.meshes.new(object_name(key))
        mesh.from_pydata(verts, [], faces)
        bm = bmesh.new()
        bm.from_mesh(mesh)
        bmesh.ops.remove_doubles(bm, verts=bm.verts, dist=1e-9)
        bmesh.ops.recalc_face_normals(bm, faces=bm.faces)
        bm.to_mesh(mesh)
        bm.free()
        obj = bpy.data.objects.new(object_name(key), mesh)
        obj["hartomat_key"] = key
        obj["hartomat_part"] = name
        obj["hartomat_instance"] = label.get("instance") or name
        obj["hartomat_path"] = label.get("path") or name
        obj["hartomat_volume"] = tag
        bpy.context.scene.collection.objects.link(obj)
        created.append(obj)
    return created


def object_name(key):
    """A part key as a Blender object name (at most 63 bytes); a longer key is cut and ends in a hash of the whole."""
    if len(key.encode("utf-8")) <= 63:
        return key
    import hashlib
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    head = key.encode("utf-8")[:54].decode("utf-8", "ignore")
    return head + "~" + digest


def base_name(name):
    """An object name without Blender's .NNN duplicate suffix."""
    head, dot, tail = name.rpartition(".")
    return head if dot and tail.isdigit() and len(tail) == 3 else name


def smooth_by_angle(objects, angle_deg):
    """Smooth shading with sharp edges above the angle kept: auto smooth in Blender 3.x, the 4.1+ operator otherwise."""
    if angle_deg is None:
        return
    for obj in objects:
        if obj.type != "MESH":
            continue
        mesh = obj.data
        if hasattr(mesh, "use_auto_smooth"):
            mesh.polygons.foreach_set("use_smooth", [True] * len(mesh.polygons))
            if not mesh.has_custom_normals:
                mesh.use_auto_smooth = True
                mesh.auto_smooth_angle = math.radians(float(angle_deg))
            mesh.update()
        else:  # Blender >= 4.1: auto smooth became a modifier behind this operator
            bpy.ops.object.select_all(action="DESELECT")
            obj.select_set(True)
            bpy.context.view_layer.objects.active = obj
            bpy.ops.object.shade_smooth_by_angle(angle=math.radians(float(angle_deg)))


def principled(name, definition):
    material = bpy.data.materials.get(name) or bpy.data.materials.new(name)
    material.use_nodes = True
    bsdf = material.node_tree.nodes.get("Principled BSDF")
    if "base_color" in definition:
        bsdf.inputs["Base Color"].default_value = definition["base_color"]
    if "metallic" in definition:
        bsdf.inputs["Metallic"].default_value = float(definition["metallic"])
    if "roughness" in definition:
        bsdf.inputs["Roughness"].default_value = float(definition["roughness"])
    return material


DEFAULT_MATERIAL = {"material": "hartomat_default",
                    "definition": {"base_color": [0.6, 0.6, 0.62, 1.0], "metallic": 0.0, "roughness": 0.5}}


def assignment_for(obj, by_key, by_name):
    """The assignment an object gets and why: its own key, the deepest assembly key above it, its instance name,
    then its part name (all instances of the part) or object name. An instance's assignment wins over its part's."""
    key = str(obj.get("hartomat_key", "")) or None
    if key is not None:
        if key in by_key:
            return by_key[key], "instance"
        parents = [k for k in by_key if key.startswith(k + "/")]
        if parents:
            return by_key[max(parents, key=len)], "assembly"
    instance = obj.get("hartomat_instance")
    if instance is not None and str(instance) in by_name:
        return by_name[str(instance)], "instance"
    for name in (obj.get("hartomat_part"), obj.name, base_name(obj.name)):
        if name is not None and str(name) in by_name:
            return by_name[str(name)], "part"
    return None, None


def apply_materials(objects, assignments, default):
    """Every mesh object gets exactly one material: its assignment's, or the default. Returns what was applied:
    materials_applied {part_name: [object names]} (as before), part_materials {key: {material, matched_by}}
    and unassigned (the keys that got the default)."""
    meshes = [o for o in objects if o.type == "MESH"]
    by_key = {}
    by_name = {}
    for assignment in assignments:
        if assignment.get("part_key"):
            by_key[assignment["part_key"]] = assignment
        else:
            by_name[str(assignment.get("part_name"))] = assignment
    default = default or DEFAULT_MATERIAL
    applied = {}
    part_materials = {}
    unassigned = []
    for obj in sorted(meshes, key=lambda o: o.name):
        assignment, matched_by = assignment_for(obj, by_key, by_name)
        key = str(obj.get("hartomat_key", "")) or obj.name
        if assignment is None:
            material = principled(default.get("material") or "hartomat_default", default.get("definition") or {})
            if key not in unassigned:
                unassigned.append(key)
            matched_by = "default"
        else:
            material = principled(assignment.get("material") or assignment.get("part_name"),
                                  assignment.get("definition") or {})
            applied.setdefault(assignment.get("part_name"), []).append(obj.name)
        obj.data.materials.clear()
        obj.data.materials.append(material)
        part_materials[key] = {"material": material.name, "matched_by": matched_by}
    return {"materials_applied": applied, "part_materials": part_materials, "unassigned": unassigned}


def world_bounds(objects):
    from mathutils import Vector
    lo = [math.inf] * 3
    hi = [-math.inf] * 3
    depsgraph = bpy.context.evaluated_depsgraph_get()
    for obj in objects:
        if obj.type != "MESH":
            continue
        evaluated = obj.evaluated_get(depsgraph)
        matrix = evaluated.matrix_world
        for vertex in evaluated.data.vertices:
            world = matrix @ Vector(vertex.co)
            for axis in range(3):
                lo[axis] = min(lo[axis], world[axis])
                hi[axis] = max(hi[axis], world[axis])
    if lo[0] == math.inf:
        raise StageError("import_failed", "nothing to frame: no mesh vertices")
    return lo, hi


def setup_render(spec):
    scene = bpy.context.scene
    render = spec.get("render", {})
    scene.render.engine = render.get("engine", "CYCLES")
    scene.render.resolution_x = int(render.get("width", 512))
    scene.render.resolution_y = int(render.get("height", 512))
    scene.render.resolution_percentage = 100
    scene.render.film_transparent = bool(render.get("transparent_background", False))
    scene.render.image_settings.file_format = "PNG"
    scene.render.image_settings.color_mode = "RGBA" if scene.render.film_transparent else "RGB"
    if scene.render.engine == "CYCLES":
        scene.cycles.device = "CPU"
        scene.cycles.samples = int(render.get("samples", 16))
        scene.cycles.seed = int(render.get("seed", 0))
        scene.cycles.use_animated_seed = False
        scene.cycles.use_denoising = False  # this build has no OpenImageDenoise
        scene.cycles.use_adaptive_sampling = False
    elif scene.render.engine == "BLENDER_EEVEE":
        scene.eevee.taa_render_samples = int(render.get("samples", 16))


def ensure_lighting(preset, center, radius):
    scene = bpy.context.scene
    if any(o.type == "LIGHT" for o in scene.objects):
        return
    if scene.world is None:
        scene.world = bpy.data.worlds.new("World")
    scene.world.use_nodes = True
    background = scene.world.node_tree.nodes.get("Background")
    strength = {"studio": 0.6, "soft": 1.0, "dark": 0.1}.get(preset or "studio", 0.6)
    if background is not None:
        background.inputs["Color"].default_value = (0.8, 0.8, 0.8, 1.0)
        background.inputs["Strength"].default_value = strength
    sun_data = bpy.data.lights.new("hartomat_key", "SUN")
    sun_data.energy = 3.0
    sun = bpy.data.objects.new("hartomat_key", sun_data)
    sun.rotation_euler = (math.radians(50), math.radians(10), math.radians(30))
    sun.location = (center[0], center[1], center[2] + 2 * radius)
    scene.collection.objects.link(sun)


def camera_object(template_camera):
    scene = bpy.context.scene
    if template_camera and scene.camera is not None:
        return scene.camera, False
    data = bpy.data.cameras.new("hartomat_camera")
    cam = bpy.data.objects.new("hartomat_camera", data)
    scene.collection.objects.link(cam)
    scene.camera = cam
    return cam, True


def view_tangents(cam):
    """tan(half field of view) across and up the frame, for the render's aspect (sensor fit AUTO: the sensor spans
    the longer side)."""
    render = bpy.context.scene.render
    w, h = render.resolution_x, render.resolution_y
    data = cam.data
    if data.sensor_fit == "VERTICAL":
        sensor, horizontal = data.sensor_height, False
    else:
        sensor, horizontal = data.sensor_width, data.sensor_fit == "HORIZONTAL" or w >= h
    t = sensor / 2.0 / data.lens
    return (t, t * h / w) if horizontal else (t * w / h, t)


def world_points(meshes):
    """Every vertex of the meshes in world space, as an N×3 array: what the camera is fitted to."""
    import numpy as np
    bpy.context.view_layer.update()
    chunks = []
    for obj in meshes:
        count = len(obj.data.vertices)
        if count == 0:
            continue
        co = np.empty(count * 3, dtype=np.float64)
        obj.data.vertices.foreach_get("co", co)
        matrix = np.array(obj.matrix_world, dtype=np.float64)
        chunks.append(co.reshape(count, 3) @ matrix[:3, :3].T + matrix[:3, 3])
    return np.concatenate(chunks)


def frame_camera(cam, points, azimuth_deg, elevation_deg, margin=0.05):
    """Fills the frame with the points (the model's vertices) seen from the angle: the view is aimed so that their
    projection is centred, and the camera stands as close as it can with every point inside the frame, less the
    margin on the limiting side. Tighter than a bounding sphere or box, which leave a product small in the frame."""
    import numpy as np
    from mathutils import Vector
    az = math.radians(azimuth_deg)
    el = math.radians(elevation_deg)
    direction = Vector((math.sin(az) * math.cos(el), -math.cos(az) * math.cos(el), math.sin(el)))
    rotation = (-direction).to_track_quat("-Z", "Y")
    d = np.array(direction)
    r = np.array(rotation @ Vector((1.0, 0.0, 0.0)))
    u = np.array(rotation @ Vector((0.0, 1.0, 0.0)))
    lo, hi = points.min(axis=0), points.max(axis=0)
    size = max(1e-6, float(np.linalg.norm(hi - lo)))
    grow = 1.0 + margin
    tan_x, tan_y = view_tangents(cam)
    target = (lo + hi) / 2.0
    x, y = (points - target) @ r, (points - target) @ u
    target = target + r * (x.min() + x.max()) / 2.0 + u * (y.min() + y.max()) / 2.0
    if cam.data.type == "ORTHO":
        render = bpy.context.scene.render
        aspect = render.resolution_y / render.resolution_x
        p = points - target
        half_x = float(np.abs(p @ r).max()) * grow
        half_y = float(np.abs(p @ u).max()) * grow
        cam.data.ortho_scale = 2.0 * max(half_x, half_y / aspect) if aspect <= 1 else 2.0 * max(half_x * aspect, half_y)
        distance = float((p @ d).max()) + size
    else:
        for _ in range(6):  # perspective shifts the projection's centre: re-aim until it is centred
            p = points - target
            x, y, z = p @ r, p @ u, p @ d
            distance = float(max((z + np.abs(x) * grow / tan_x).max(), (z + np.abs(y) * grow / tan_y).max()))
            depth = distance - z
            sx, sy = x / depth, y / depth
            shift_x, shift_y = (sx.min() + sx.max()) / 2.0, (sy.min() + sy.max()) / 2.0
            if abs(shift_x) < 1e-4 * tan_x and abs(shift_y) < 1e-4 * tan_y:
                break
            target = target + r * shift_x * distance + u * shift_y * distance
        p = points - target
        x, y, z = p @ r, p @ u, p @ d
        distance = float(max((z + np.abs(x) * grow / tan_x).max(), (z + np.abs(y) * grow / tan_y).max()))
    cam.location = Vector(target) + direction * distance
    cam.rotation_euler = rotation.to_euler()
    depth = distance - (points - target) @ d
    cam.data.clip_start = max(float(depth.min()) * 0.5, float(depth.max()) / 10000.0, 1e-4)
    cam.data.clip_end = float(depth.max()) * 1.5 + size


def swept_points(points, center, axis, steps=72, bins=256):
    """The outer surface a turntable sweeps: the vertices binned along the rotation axis, each bin's largest distance
    from the axis taken all round at both ends of the bin. Encloses the model in every frame (so no frame cuts it
    off), and hugs it far closer than a box around the sweep."""
    import numpy as np
    index = "XYZ".index(axis.upper())
    a, b = [i for i in range(3) if i != index]
    p = points - np.array(center)
    along = p[:, index]
    reach = np.hypot(p[:, a], p[:, b])
    lo, hi = float(along.min()), float(along.max())
    edges = np.linspace(lo, hi, bins + 1) if hi > lo else np.array([lo, hi])
    slot = np.clip(np.searchsorted(edges, along, side="right") - 1, 0, len(edges) - 2)
    widest = np.zeros(len(edges) - 1)
    np.maximum.at(widest, slot, reach)
    angles = np.linspace(0.0, 2 * math.pi, steps, endpoint=False)
    # a circle of radius r drawn with `steps` chords lies inside r / cos(pi / steps): widen to keep every point inside
    grow = 1.0 / math.cos(math.pi / steps)
    rings = []
    for k in np.nonzero(widest > 0)[0]:
        for level in (edges[k], edges[k + 1]):
            ring = np.zeros((steps, 3))
            ring[:, a] = np.cos(angles) * widest[k] * grow
            ring[:, b] = np.sin(angles) * widest[k] * grow
            ring[:, index] = level
            rings.append(ring)
    if not rings:
        return points
    return np.concatenate(rings) + np.array(center)


def angle_of(value):
    if isinstance(value, str):
        if value not in NAMED_ANGLES:
            raise StageError("render_failed", "unknown camera angle '%s'" % value)
        az, el = NAMED_ANGLES[value]
        return value, az, el
    az, el = NAMED_ANGLES.get(value.get("preset", ""), (0.0, 10.0))
    return value.get("name") or value.get("preset"), float(value.get("azimuth", az)), float(value.get("elevation", el))


def render_still(path):
    scene = bpy.context.scene
    scene.render.filepath = path
    result = bpy.ops.render.render(write_still=True)
    if "FINISHED" not in result or not os.path.isfile(path):
        raise StageError("render_failed", "render wrote no image to " + path)


def render_turntable(spec_turntable, objects, center):
    scene = bpy.context.scene
    frames = int(spec_turntable["frame_count"])
    axis = "XYZ".index(spec_turntable.get("axis", "Z").upper())
    pivot = bpy.data.objects.new("hartomat_pivot", None)
    pivot.location = center
    scene.collection.objects.link(pivot)
    bpy.context.view_layer.update()
    for obj in objects:
        if obj.parent is None and obj.type != "CAMERA" and obj.type != "LIGHT":
            world = obj.matrix_world.copy()
            obj.parent = pivot
            obj.matrix_world = world
    scene.frame_start = 1
    scene.frame_end = frames
    scene.render.fps = int(spec_turntable.get("fps", 24))
    pivot.rotation_euler[axis] = 0.0
    pivot.keyframe_insert("rotation_euler", index=axis, frame=1)
    pivot.rotation_euler[axis] = 2 * math.pi
    pivot.keyframe_insert("rotation_euler", index=axis, frame=frames + 1)
    for curve in pivot.animation_data.action.fcurves:
        for point in curve.keyframe_points:
            point.interpolation = "LINEAR"
    frames_dir = spec_turntable["frames_dir"]
    os.makedirs(frames_dir, exist_ok=True)
    scene.render.filepath = os.path.join(frames_dir, "frame_")
    scene.render.use_file_extension = True
    result = bpy.ops.render.render(animation=True)
    if "FINISHED" not in result:
        raise StageError("render_failed", "turntable render did not finish")
    files = sorted(f for f in os.listdir(frames_dir) if f.startswith("frame_") and f.endswith(".png"))
    if len(files) != frames:
        raise StageError("render_failed", "expected %d frames, found %d" % (frames, len(files)))
    encode_mp4(frames_dir, files, spec_turntable["mp4"], scene)


def encode_mp4(frames_dir, files, mp4_path, source):
    """H.264 from the PNG frames through the sequencer: Blender's own FFMPEG, no ffmpeg binary."""
    encode = bpy.data.scenes.new("hartomat_encode")
    encode.render.resolution_x = source.render.resolution_x
    encode.render.resolution_y = source.render.resolution_y
    encode.render.resolution_percentage = 100
    encode.render.fps = source.render.fps
    encode.frame_start = 1
    encode.frame_end = len(files)
    sequencer = encode.sequence_editor_create()
    strip = sequencer.sequences.new_image("frames", os.path.join(frames_dir, files[0]), 1, 1)
    for name in files[1:]:
        strip.elements.append(name)
    encode.render.image_settings.file_format = "FFMPEG"
    encode.render.ffmpeg.format = "MPEG4"
    encode.render.ffmpeg.codec = "H264"
    encode.render.ffmpeg.constant_rate_factor = "HIGH"
    encode.render.ffmpeg.gopsize = 12
    out_dir = mp4_path + ".parts"
    os.makedirs(out_dir, exist_ok=True)
    encode.render.filepath = os.path.join(out_dir, "video")
    encode.render.use_file_extension = True
    encode.render.use_sequencer = True
    result = bpy.ops.render.render(animation=True, scene=encode.name)
    written = [f for f in os.listdir(out_dir) if f.endswith(".mp4")]
    if "FINISHED" not in result or len(written) != 1:
        raise StageError("render_failed", "video encoding wrote %s" % written)
    os.replace(os.path.join(out_dir, written[0]), mp4_path)
    os.rmdir(out_dir)


def save_blend(blend):
    if blend.get("pack_textures"):
        bpy.ops.file.pack_all()
    bpy.ops.wm.save_as_mainfile(filepath=blend["path"], compress=bool(blend.get("compress", False)), copy=True)
    if not os.path.isfile(blend["path"]):
        raise StageError("render_failed", "no .blend written to " + blend["path"])


def export_glb(path, objects):
    bpy.ops.object.select_all(action="DESELECT")
    for obj in objects:
        obj.select_set(True)
    result = bpy.ops.export_scene.gltf(filepath=path, export_format="GLB", use_selection=True,
                                       export_extras=True, export_apply=True)
    if "FINISHED" not in result or not os.path.isfile(path):
        raise StageError("render_failed", "GLB export failed: " + path)


def export_stl_parts(directory, objects):
    os.makedirs(directory, exist_ok=True)
    written = {}
    for obj in objects:
        if obj.type != "MESH":
            continue
        bpy.ops.object.select_all(action="DESELECT")
        obj.select_set(True)
        bpy.context.view_layer.objects.active = obj
        path = os.path.join(directory, safe_name(obj.name) + ".stl")
        bpy.ops.export_mesh.stl(filepath=path, use_selection=True, ascii=False)
        written[obj.name] = path
    return written


def safe_name(name):
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)


# ---------------------------------------------------------------- main

def run(spec):
    outputs = spec.get("outputs", {})
    total = (1 if outputs.get("still") else 0) + len(outputs.get("angles", [])) \
        + (int(outputs["turntable"]["frame_count"]) if outputs.get("turntable") else 0)
    progress = Progress(total)
    result = {}

    template = spec.get("template") or {}
    if template.get("path"):
        if not os.path.isfile(template["path"]):
            raise StageError("input_missing", "template not found: " + template["path"])
        try:
            bpy.ops.wm.open_mainfile(filepath=template["path"])
        except Exception as exc:
            raise StageError("import_failed", "template could not be opened: %s" % exc)
        for obj in list(bpy.data.objects):
            if obj.type == "MESH" and obj.get("hartomat_placeholder"):
                bpy.data.objects.remove(obj, do_unlink=True)
    else:
        clear_scene()

    model = spec.get("model", {})
    if model.get("msh"):
        objects = build_parts_from_msh(model["msh"], model.get("labels", {}), float(model.get("scale", 0.001)))
    elif model.get("glb"):
        objects = import_glb(model["glb"])
    else:
        raise StageError("input_missing", "the job names no model")
    meshes = [o for o in objects if o.type == "MESH"]
    result["objects"] = sorted(o.name for o in meshes)
    result["part_keys"] = sorted({str(o.get("hartomat_key", "")) or o.name for o in meshes})
    smooth_by_angle(meshes, (spec.get("shading") or {}).get("smooth_angle_deg", 30.0))

    if template.get("use_materials", True) and "materials" in spec:
        result.update(apply_materials(meshes, spec["materials"], spec.get("default_material")))

    lo, hi = world_bounds(meshes)
    result["bbox_m"] = {"min": lo, "max": hi}
    if outputs.get("glb"):
        export_glb(outputs["glb"], objects)
    if outputs.get("stl_dir"):
        result["stl"] = export_stl_parts(outputs["stl_dir"], meshes)

    needs_scene = outputs.get("still") or outputs.get("angles") or outputs.get("turntable") or outputs.get("blend")
    if needs_scene:
        frame_box = spec.get("bbox_m") or {"min": lo, "max": hi}
        center = [(a + b) / 2.0 for a, b in zip(frame_box["min"], frame_box["max"])]
        radius = max(1e-6, 0.5 * math.dist(frame_box["min"], frame_box["max"]))
        box = world_points(meshes)
        if outputs.get("turntable"):
            box = swept_points(box, center, outputs["turntable"].get("axis", "Z"))
        setup_render(spec)
        ensure_lighting(template.get("lighting_preset"), center, radius)
        camera = spec.get("camera") or {}
        auto_fit = camera.get("framing") == "auto_fit"
        cam, _ = camera_object(bool(template.get("path")) and template.get("use_template_camera", True)
                               and not auto_fit)
        _, az, el = angle_of(template.get("camera_preset") or "iso")
        if auto_fit:
            az = camera.get("azimuth_deg", az)
            el = camera.get("elevation_deg", el)
        margin = camera.get("framing_margin", 0.05)
        if cam.name == "hartomat_camera":
            if "focal_length_mm" in camera and cam.data.type == "PERSP":
                cam.data.lens = camera["focal_length_mm"]
            frame_camera(cam, box, az, el, margin)
        bpy.app.handlers.render_post.append(lambda scene, *_: progress.frame_done() if scene.name != "hartomat_encode" else None)
        if outputs.get("still"):
            render_still(outputs["still"])
        for angle in outputs.get("angles", []):
            name, angle_az, angle_el = angle_of(angle["angle"])
            frame_camera(cam, box, angle_az, angle_el, margin)
            render_still(angle["path"])
        if outputs.get("blend"):
            if cam.name == "hartomat_camera":
                frame_camera(cam, box, az, el, margin)
            save_blend(outputs["blend"])
        if outputs.get("turntable"):
            render_turntable(outputs["turntable"], objects, center)
    emit(RESULT, result)


def main():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    if len(argv) != 1:
        emit(ERROR, {"code": "invalid_job", "message": "usage: -- <spec.json>"})
        raise SystemExit(2)
    with open(argv[0], "r") as handle:
        spec = json.load(handle)
    try:
        run(spec)
    except StageError as exc:
        emit(ERROR, {"code": exc.code, "message": str(exc)})
        raise


# the warm loop (hartomat_warm.py) loads this file under another name and calls run(spec) itself
if __name__ == "__main__":
    main()
