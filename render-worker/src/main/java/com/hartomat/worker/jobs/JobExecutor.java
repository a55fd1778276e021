package com.hartomat.worker.jobs;

import com.hartomat.contracts.codec.Json;
import com.hartomat.contracts.messages.Artifact;
import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.Progress;
import com.hartomat.contracts.messages.RenderJob;
import com.hartomat.worker.blender.BlenderProbe;
import com.hartomat.worker.blender.BlenderRun;
import com.hartomat.worker.blender.BlenderRunner;
import com.hartomat.worker.blender.BoundedLog;
import com.hartomat.worker.blender.ChildProcess;
import com.hartomat.worker.blender.ScriptLine;
import com.hartomat.worker.cad.GlbBounds;
import com.hartomat.worker.cad.GmshMesher;
import com.hartomat.worker.cad.StepAssembly;
import com.hartomat.worker.cad.StepAssemblyParser;
import com.hartomat.worker.meshcache.MeshCache;
import com.hartomat.worker.meshcache.MeshCacheKey;
import com.hartomat.worker.storage.ArtifactStore;
import com.hartomat.worker.storage.OutputLayout;
import com.hartomat.worker.storage.ScratchDirs;
import com.hartomat.worker.storage.StoragePaths;
import com.hartomat.worker.tracing.JobTracing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Does one attempt of one job: resolves its inputs inside the storage root, runs gmsh and Blender as child
 * processes within the job's time limit, and describes what was written. Failures are {@link JobFailure}s
 * with a stable code.
 */
public final class JobExecutor implements AttemptRunner {

    private static final int LOG_TAIL = 8000;

    /** Faces meeting at a sharper angle keep a hard edge; flatter ones are shaded smooth (Blender's auto smooth). */
    static final double SMOOTH_ANGLE_DEG = 30.0;

    private final ArtifactStore store;
    private final StoragePaths paths;
    private final GmshMesher mesher;
    private final BlenderRunner blender;
    private final Path workRoot;
    private final Supplier<BlenderProbe.Result> blenderState;
    private final int logLimit;
    private final JobTracing tracing;
    /** Null when the mesh cache is off ({@code hartomat.worker.mesh-cache.enabled=false}): every job meshes. */
    private final MeshCache meshCache;

    public JobExecutor(ArtifactStore store, GmshMesher mesher, BlenderRunner blender, Path workRoot,
            Supplier<BlenderProbe.Result> blenderState, int logLimit, JobTracing tracing, MeshCache meshCache) {
        this.tracing = tracing;
        this.meshCache = meshCache;
        this.store = store;
        this.paths = store.paths();
        this.mesher = mesher;
        this.blender = blender;
        this.workRoot = workRoot;
        this.blenderState = blenderState;
        this.logLimit = logLimit;
    }

    /** The per-attempt context: log, deadline, progress and cancellation. */
    public record Attempt(String jobId, int number, Duration timeout, ProgressSink progress, BoundedLog log,
            ChildProcess.Cancellation cancellation, Instant deadline) {
        public static Attempt start(String jobId, int number, Duration timeout, ProgressSink progress, int logLimit) {
            return new Attempt(jobId, number, timeout, progress, new BoundedLog(logLimit), new ChildProcess.Cancellation(),
                    Instant.now().plus(timeout));
        }

        Duration remaining() {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new JobFailure(FailureCode.TIMEOUT, "job exceeded its time limit of " + timeout, true, log.tail(LOG_TAIL));
            }
            return left;
        }
    }

    public int logLimit() {
        return logLimit;
    }

    @Override
    public JobResult execute(RenderJob job, Attempt attempt) throws InterruptedException {
        Path work = workRoot.resolve(safe(job.jobId()) + "-a" + attempt.number());
        try {
            Files.createDirectories(work);
            return switch (job.jobType()) {
                case OCC_OBJECT_EXTRACT -> extractObjects(job);
                case OCC_GLB_EXPORT, STL_CACHE_GENERATE -> exportGlb(job, attempt, work);
                case GLB_BBOX -> glbBbox(job, attempt, work);
                case STILL, BLENDER_RENDER, THUMBNAIL_SAVE, TURNTABLE, MULTI_ANGLE, EXPORT_BLEND, LEGACY_RENDER ->
                        renderScene(job, attempt, work);
            };
        } catch (IOException e) {
            throw new JobFailure(FailureCode.RENDER_FAILED, "I/O error: " + e.getMessage(), true, attempt.log().tail(LOG_TAIL));
        } catch (JobFailure failure) {
            throw failure.withLogTail(attempt.log().tail(LOG_TAIL));
        } catch (RuntimeException unexpected) {
            throw new JobFailure(FailureCode.RENDER_FAILED, "worker error: " + unexpected, true, attempt.log().tail(LOG_TAIL));
        } finally {
            ScratchDirs.deleteQuietly(work);
        }
    }

    // ------------------------------------------------------------------ CAD intake

    private JobResult extractObjects(RenderJob job) throws IOException {
        Path step = paths.existingFile("inputs.step_path", text(job.inputs(), "step_path", true));
        StepAssembly assembly;
        try {
            assembly = StepAssemblyParser.parse(readStepText(step));
        } catch (StepAssemblyParser.NotStep e) {
            throw new JobFailure(FailureCode.IMPORT_FAILED, "STEP file not readable: " + e.getMessage(), false, null);
        }
        Map<String, Object> parsed = assembly.toOutput();
        Path out = paths.resolve("output", OutputLayout.stem(job) + ".json");
        Files.createDirectories(out.getParent());
        Files.write(out, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(parsed));
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("parsed_objects", parsed);
        outputs.put("task_name", job.taskName());
        return new JobResult(List.of(store.describe("parsed_objects", out, ArtifactStore.JSON, null, null, null)), outputs);
    }

    private JobResult exportGlb(RenderJob job, Attempt attempt, Path work) throws IOException, InterruptedException {
        Path step = paths.existingFile("inputs.step_path", text(job.inputs(), "step_path", true));
        String stem = OutputLayout.stem(job);
        Path glb = paths.resolve("output", stem + ".glb");
        Path stlDir = paths.resolve("output", stem + "_stl");
        Files.createDirectories(glb.getParent());
        boolean stl = job.jobType() == JobType.STL_CACHE_GENERATE;
        if (stl) {
            ScratchDirs.deleteQuietly(stlDir);
        }
        Map<String, Object> nodeOutputs = new LinkedHashMap<>();
        nodeOutputs.put("glb_path", paths.relativize(glb));
        if (meshCache != null) {
            MeshCache.Obtained mesh = cachedMeshes(job, step, attempt, work);
            // the job's artifacts are its own copies: they outlive an evicted or cleaned-up cache entry
            Files.copy(mesh.entry().glb(), glb, StandardCopyOption.REPLACE_EXISTING);
            if (stl) {
                Files.createDirectories(stlDir);
                for (Path part : mesh.entry().stls()) {
                    Files.copy(part, stlDir.resolve(part.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            nodeOutputs.put("parts", mesh.entry().parts());
            // objects are named by part key: the keys are the parts' names, sorted as the scene script reports them
            nodeOutputs.put("part_keys", mesh.entry().parts().stream().distinct().sorted().toList());
            nodeOutputs.put("bbox", mesh.entry().bbox());
            putMeshCache(nodeOutputs, mesh);
        } else {
            requireBlender();
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("model", meshModel(job, step, attempt, work));
            spec.put("shading", Map.of("smooth_angle_deg", SMOOTH_ANGLE_DEG));
            Map<String, Object> outputs = new LinkedHashMap<>();
            outputs.put("glb", glb.toString());
            if (stl) {
                outputs.put("stl_dir", stlDir.toString());
            }
            spec.put("outputs", outputs);
            Map<String, Object> result = runBlender(spec, attempt, work);
            nodeOutputs.put("parts", result.get("objects"));
            nodeOutputs.put("part_keys", result.get("part_keys"));
            nodeOutputs.put("bbox", GlbBounds.of(glb).toOutput());
            nodeOutputs.put("mesh_cache", "off");
        }
        List<Artifact> artifacts = new ArrayList<>();
        artifacts.add(store.describe("glb", glb, ArtifactStore.GLB, null, null, null));
        if (stl) {
            try (Stream<Path> files = Files.list(stlDir)) {
                for (Path file : files.sorted().toList()) {
                    artifacts.add(store.describe("stl", file, ArtifactStore.STL, null, null, null));
                }
            }
        }
        nodeOutputs.put("task_name", job.taskName());
        return new JobResult(artifacts, nodeOutputs);
    }

    /**
     * The STEP file's meshes from the mesh cache; on a miss meshed here (gmsh, then one Blender run exporting the GLB
     * and one STL per part) and published for every worker on this storage.
     */
    private MeshCache.Obtained cachedMeshes(RenderJob job, Path step, Attempt attempt, Path work) throws IOException,
            InterruptedException {
        MeshCacheKey key = MeshCacheKey.of(ArtifactStore.sha256(step), mesher.settings(),
                unitScale(text(job.params(), "units", false)));
        return meshCache.obtain(key, (glb, stlDir) -> {
            requireBlender();
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("model", meshModel(job, step, attempt, work));
            spec.put("shading", Map.of("smooth_angle_deg", SMOOTH_ANGLE_DEG));
            spec.put("outputs", Map.of("glb", glb.toString(), "stl_dir", stlDir.toString()));
            Map<String, Object> result = runBlender(spec, attempt, work);
            Object objects = result.get("objects");
            return objects instanceof List<?> names ? names.stream().map(String::valueOf).toList() : List.of();
        });
    }

    /** {@code mesh_cache} ({@code hit} or {@code miss}) and the entry's directory relative to the storage root. */
    private void putMeshCache(Map<String, Object> nodeOutputs, MeshCache.Obtained mesh) {
        nodeOutputs.put("mesh_cache", mesh.result().wire());
        nodeOutputs.put("mesh_cache_entry", paths.relativize(mesh.entry().dir()));
    }

    private JobResult glbBbox(RenderJob job, Attempt attempt, Path work) throws IOException, InterruptedException {
        String glbPath = text(job.inputs(), "glb_path", false);
        String stepPath = text(job.inputs(), "step_path", false);
        if (glbPath == null && stepPath != null && meshCache != null) {
            // no GLB named: the box the mesh cache measured on the STEP file's GLB (meshed here on a miss)
            MeshCache.Obtained mesh = cachedMeshes(job, paths.existingFile("inputs.step_path", stepPath), attempt, work);
            Map<String, Object> outputs = new LinkedHashMap<>();
            outputs.put("bbox", mesh.entry().bbox());
            putMeshCache(outputs, mesh);
            outputs.put("task_name", job.taskName());
            return new JobResult(List.of(), outputs);
        }
        Path glb = paths.existingFile("inputs.glb_path", text(job.inputs(), "glb_path", true));
        GlbBounds.Box box;
        try {
            box = GlbBounds.of(glb);
        } catch (GlbBounds.NotGlb e) {
            throw new JobFailure(FailureCode.IMPORT_FAILED, "GLB not readable: " + e.getMessage(), false, null);
        }
        return new JobResult(List.of(), Map.of("bbox", box.toOutput(), "task_name", job.taskName()));
    }

    private Map<String, Object> meshModel(RenderJob job, Path step, Attempt attempt, Path work) throws IOException,
            InterruptedException {
        Path readable = step;
        if (step.getFileName().toString().toLowerCase().endsWith(".gz")) {
            readable = work.resolve("model.step");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(step))) {
                Files.copy(in, readable);
            } catch (IOException e) {
                throw new JobFailure(FailureCode.IMPORT_FAILED, "compressed STEP not readable: " + e.getMessage(), false, null);
            }
        }
        attempt.progress().progress(new Progress(null, null, 0.0, "meshing"));
        GmshMesher.Meshing meshing = mesher.mesh(readable, work, attempt.remaining(), attempt.log(), attempt.cancellation());
        Map<String, Object> labels = new LinkedHashMap<>();
        meshing.labels().forEach((tag, label) -> labels.put(tag.toString(), label.toMap()));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("msh", meshing.msh().toString());
        model.put("labels", labels);
        model.put("scale", unitScale(text(job.params(), "units", false)));
        return model;
    }

    static double unitScale(String units) {
        if (units == null) {
            return 0.001;
        }
        return switch (units.toLowerCase()) {
            case "mm" -> 0.001;
            case "cm" -> 0.01;
            case "m" -> 1.0;
            case "in", "inch" -> 0.0254;
            default -> throw JobFailure.invalid("params.units must be mm, cm, m or in, got " + units);
        };
    }

    // ------------------------------------------------------------------ rendering

    private enum Output { STILL, TURNTABLE, ANGLES, BLEND, GLB }

    private static List<Output> outputsOf(RenderJob job) {
        return switch (job.jobType()) {
            case STILL, BLENDER_RENDER, THUMBNAIL_SAVE -> List.of(Output.STILL);
            case TURNTABLE -> List.of(Output.TURNTABLE);
            case MULTI_ANGLE -> List.of(Output.ANGLES);
            case EXPORT_BLEND -> List.of(Output.BLEND);
            case LEGACY_RENDER -> {
                if (job.preset() == null) {
                    throw JobFailure.invalid("legacy_render jobs name a preset (still, turntable, multi_angle, still_with_exports)");
                }
                yield switch (job.preset()) {
                    case "still" -> List.of(Output.STILL);
                    case "turntable" -> List.of(Output.TURNTABLE);
                    case "multi_angle" -> List.of(Output.ANGLES);
                    case "still_with_exports" -> List.of(Output.STILL, Output.BLEND, Output.GLB);
                    default -> throw JobFailure.invalid("unknown legacy preset " + job.preset());
                };
            }
            default -> throw new IllegalStateException(job.jobType() + " is not a scene job");
        };
    }

    private JobResult renderScene(RenderJob job, Attempt attempt, Path work) throws IOException, InterruptedException {
        requireBlender();
        List<Output> wanted = outputsOf(job);
        int defaultSize = job.jobType() == JobType.THUMBNAIL_SAVE ? 256 : 512;
        RenderSettings settings = RenderSettings.from(job.params(), defaultSize);
        if (wanted.contains(Output.TURNTABLE)) {
            settings.requireEvenSize();
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("render", settings.toSpec());
        spec.put("camera", CameraSettings.from(job.params()));
        spec.put("template", template(job.inputs()));
        spec.put("materials", materials(job.inputs()));
        Map<String, Object> defaultMaterial = SceneInputs.defaultMaterial(job.inputs().get("default_material"));
        if (defaultMaterial != null) {
            spec.put("default_material", defaultMaterial);
        }
        spec.put("shading", Map.of("smooth_angle_deg", SMOOTH_ANGLE_DEG));
        Map<String, Object> bbox = bboxMetres(job.inputs());
        if (bbox != null) {
            spec.put("bbox_m", bbox);
        }
        String glbPath = text(job.inputs(), "glb_path", false);
        String stepPath = text(job.inputs(), "step_path", false);
        MeshCache.Obtained mesh = null;
        if (glbPath != null) {
            spec.put("model", Map.of("glb", paths.existingFile("inputs.glb_path", glbPath).toString()));
        } else if (stepPath != null && meshCache != null) {
            mesh = cachedMeshes(job, paths.existingFile("inputs.step_path", stepPath), attempt, work);
            spec.put("model", Map.of("glb", mesh.entry().glb().toString()));
        } else if (stepPath != null) {
            spec.put("model", meshModel(job, paths.existingFile("inputs.step_path", stepPath), attempt, work));
        } else {
            throw JobFailure.invalid("the job names no model: inputs.glb_path or inputs.step_path is required");
        }

        String stem = OutputLayout.stem(job);
        Path still = paths.resolve("output", stem + ".png");
        Path video = paths.resolve("output", stem + ".mp4");
        Path frames = paths.resolve("output", stem + "_frames");
        Path blend = paths.resolve("output", stem + ".blend");
        Path glb = paths.resolve("output", stem + ".glb");
        Files.createDirectories(still.getParent());
        Map<String, Object> outputs = new LinkedHashMap<>();
        Map<String, Path> anglePaths = new LinkedHashMap<>();
        if (wanted.contains(Output.STILL)) {
            outputs.put("still", still.toString());
        }
        if (wanted.contains(Output.ANGLES)) {
            List<Map<String, Object>> angles = new ArrayList<>();
            for (Object angle : settings.angles()) {
                String name = RenderSettings.angleName(angle);
                if (anglePaths.containsKey(name)) {
                    throw JobFailure.invalid("params.angles names '" + name + "' twice");
                }
                Path path = paths.resolve("output", stem + "_" + name + ".png");
                anglePaths.put(name, path);
                angles.add(Map.of("angle", angle, "path", path.toString()));
            }
            outputs.put("angles", angles);
        }
        if (wanted.contains(Output.BLEND)) {
            outputs.put("blend", Map.of("path", blend.toString(), "compress", settings.compress(),
                    "pack_textures", settings.packTextures()));
        }
        if (wanted.contains(Output.GLB)) {
            outputs.put("glb", glb.toString());
        }
        if (wanted.contains(Output.TURNTABLE)) {
            ScratchDirs.deleteQuietly(frames);
            outputs.put("turntable", Map.of("frame_count", settings.frameCount(), "fps", settings.fps(),
                    "axis", settings.rotationAxis(), "frames_dir", frames.toString(), "mp4", video.toString()));
        }
        spec.put("outputs", outputs);

        Map<String, Object> result = runBlender(spec, attempt, work);

        List<Artifact> artifacts = new ArrayList<>();
        if (wanted.contains(Output.STILL)) {
            artifacts.add(store.describe(stillRole(job.jobType()), still, ArtifactStore.PNG, null, null, null));
        }
        for (Map.Entry<String, Path> angle : anglePaths.entrySet()) {
            artifacts.add(store.describe("angle:" + angle.getKey(), angle.getValue(), ArtifactStore.PNG, null, null, null));
        }
        if (wanted.contains(Output.BLEND)) {
            artifacts.add(store.describe("blend", blend, ArtifactStore.BLEND, null, null, null));
        }
        if (wanted.contains(Output.GLB)) {
            artifacts.add(store.describe("glb", glb, ArtifactStore.GLB, null, null, null));
        }
        if (wanted.contains(Output.TURNTABLE)) {
            artifacts.add(store.describe("video", video, ArtifactStore.MP4, settings.width(), settings.height(),
                    settings.frameCount()));
            try (Stream<Path> files = Files.list(frames)) {
                for (Path frame : files.sorted().toList()) {
                    artifacts.add(store.describe("frame", frame, ArtifactStore.PNG, null, null, null));
                }
            }
        }
        Map<String, Object> nodeOutputs = new LinkedHashMap<>();
        nodeOutputs.put("task_name", job.taskName());
        if (job.preset() != null) {
            nodeOutputs.put("preset", job.preset());
        }
        nodeOutputs.put("objects", result.get("objects"));
        nodeOutputs.put("part_keys", result.get("part_keys"));
        for (String key : List.of("materials_applied", "part_materials", "unassigned")) {
            if (result.get(key) != null) {
                nodeOutputs.put(key, result.get(key));
            }
        }
        nodeOutputs.put("render", settings.toSpec());
        if (mesh != null) {
            putMeshCache(nodeOutputs, mesh);
        }
        if (wanted.contains(Output.TURNTABLE)) {
            nodeOutputs.put("frame_count", settings.frameCount());
            nodeOutputs.put("fps", settings.fps());
        }
        return new JobResult(artifacts, nodeOutputs);
    }

    private static String stillRole(JobType type) {
        return switch (type) {
            case THUMBNAIL_SAVE -> "thumbnail";
            case BLENDER_RENDER -> "render";
            default -> "still";
        };
    }

    private Map<String, Object> template(Map<String, Object> inputs) {
        Object raw = inputs.get("template");
        Map<String, Object> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        if (!(raw instanceof Map<?, ?> template)) {
            throw JobFailure.invalid("inputs.template must be an object");
        }
        Object path = template.get("template_path");
        if (path != null) {
            out.put("path", paths.existingFile("inputs.template.template_path", path.toString()).toString());
        }
        out.put("use_materials", SceneInputs.useMaterials(path, template.get("use_materials")));
        SceneInputs.camera(template.get("camera_preset"), out);
        if (template.get("lighting_preset") != null) {
            out.put("lighting_preset", template.get("lighting_preset").toString());
        }
        return out;
    }

    private static List<Object> materials(Map<String, Object> inputs) {
        Object raw = inputs.get("material_assignments");
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw JobFailure.invalid("inputs.material_assignments must be a list");
        }
        return SceneInputs.materials(list);
    }

    /** inputs.bbox ({min, max, units: "mm"}) in metres for framing, or null when absent. */
    static Map<String, Object> bboxMetres(Map<String, Object> inputs) {
        Object raw = inputs.get("bbox");
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Map<?, ?> box) || !(box.get("min") instanceof List<?> min) || !(box.get("max") instanceof List<?> max)
                || min.size() != 3 || max.size() != 3) {
            throw JobFailure.invalid("inputs.bbox must be {min: [x,y,z], max: [x,y,z], units}");
        }
        double scale = unitScale(box.get("units") == null ? "mm" : box.get("units").toString());
        List<Double> lo = new ArrayList<>();
        List<Double> hi = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            if (!(min.get(i) instanceof Number a) || !(max.get(i) instanceof Number b) || a.doubleValue() > b.doubleValue()) {
                throw JobFailure.invalid("inputs.bbox corners must be numbers with min <= max");
            }
            lo.add(a.doubleValue() * scale);
            hi.add(b.doubleValue() * scale);
        }
        return Map.of("min", lo, "max", hi);
    }

    // ------------------------------------------------------------------ Blender

    /** Fails fast, before any meshing, when the start-up probe found no usable Blender. */
    private void requireBlender() {
        BlenderProbe.Result state = blenderState.get();
        if (!state.available()) {
            throw new JobFailure(FailureCode.BLENDER_UNAVAILABLE, state.reason(), true, null);
        }
    }

    private Map<String, Object> runBlender(Map<String, Object> spec, Attempt attempt, Path work) throws IOException,
            InterruptedException {
        requireBlender();
        Path specFile = work.resolve("spec.json");
        Files.write(specFile, Json.mapper().writeValueAsBytes(spec));
        AtomicReference<ScriptLine.Error> error = new AtomicReference<>();
        AtomicReference<Map<String, Object>> result = new AtomicReference<>();
        AtomicReference<BlenderRun> run = new AtomicReference<>();
        try {
            tracing.process("blender", attempt.jobId(), () -> {
                run.set(blender.run(specFile, work, attempt.remaining(), attempt.log(), line -> {
                    ScriptLine parsed = ScriptLine.parse(line);
                    if (parsed instanceof ScriptLine.Progress p) {
                        attempt.progress().progress(new Progress(p.frame(), p.frameCount(), p.percent(), p.stage()));
                    } else if (parsed instanceof ScriptLine.Error e) {
                        error.set(e);
                    } else if (parsed instanceof ScriptLine.Result r) {
                        result.set(r.values());
                    }
                }, attempt.cancellation()));
                return run.get().asOutcome();
            });
        } catch (IOException e) {
            throw new JobFailure(FailureCode.BLENDER_UNAVAILABLE, "Blender could not be started: " + e.getMessage(), true,
                    null);
        }
        BlenderRun outcome = run.get();
        if (outcome.cancelled()) {
            throw new JobFailure(FailureCode.CANCELLED, "the worker released the job while Blender was running", true, null);
        }
        if (outcome.timedOut()) {
            throw new JobFailure(FailureCode.TIMEOUT, "Blender exceeded the job's time limit of " + attempt.timeout()
                    + "; its process tree was killed", true, null);
        }
        if (outcome.overMemory()) {
            throw new JobFailure(FailureCode.RENDER_FAILED, "Blender's memory (RSS " + outcome.overMemoryRssBytes() / (1024 * 1024)
                    + " MiB) passed the warm pool's ceiling; the process was killed and replaced", true, null);
        }
        if (outcome.exitCode() != 0 || outcome.crashed()) {
            ScriptLine.Error classified = error.get();
            if (classified != null) {
                FailureCode code = code(classified.code());
                throw new JobFailure(code, classified.message(), code == FailureCode.BLENDER_UNAVAILABLE, null);
            }
            boolean scriptError = outcome.exitCode() == 3 && !outcome.crashed();
            throw new JobFailure(FailureCode.RENDER_FAILED, scriptError
                    ? "the Blender script raised an error (exit 3); see the log tail"
                    : "Blender exited with " + outcome.exitCode() + (outcome.crashed() ? " in the middle of the job" : ""),
                    !scriptError, null);
        }
        if (result.get() == null) {
            throw new JobFailure(FailureCode.RENDER_FAILED, "Blender finished without a result line", true, null);
        }
        return result.get();
    }

    private static FailureCode code(String wire) {
        try {
            return FailureCode.fromWire(wire);
        } catch (IllegalArgumentException e) {
            return FailureCode.RENDER_FAILED;
        }
    }

    // ------------------------------------------------------------------ helpers

    static String readStepText(Path step) throws IOException {
        if (step.getFileName().toString().toLowerCase().endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(step))) {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new JobFailure(FailureCode.IMPORT_FAILED, "compressed STEP not readable: " + e.getMessage(), false, null);
            }
        }
        return Files.readString(step, StandardCharsets.ISO_8859_1);
    }

    private static String text(Map<String, Object> map, String key, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                throw JobFailure.invalid("inputs." + key + " is required for this job type");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            throw JobFailure.invalid(key + " must be a string");
        }
        return s;
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
