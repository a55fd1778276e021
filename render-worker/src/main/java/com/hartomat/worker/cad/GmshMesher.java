package com.hartomat.worker.cad;

import com.hartomat.contracts.messages.FailureCode;
import com.hartomat.contracts.parts.PartKey;
import com.hartomat.worker.blender.BoundedLog;
import com.hartomat.worker.blender.ChildProcess;
import com.hartomat.worker.jobs.JobFailure;
import com.hartomat.worker.tracing.JobTracing;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STEP → surface meshes with the gmsh command line (MSH 4.1, one volume per solid). gmsh's OpenCASCADE
 * import logs each solid's assembly label path in volume-tag order ({@code - Label 'Shapes/as1/NUT::1/nut' (3D)});
 * those labels name the parts.
 */
public final class GmshMesher {

    private static final Pattern LABEL = Pattern.compile("- Label '(.*)' \\(3D\\)");

    /**
     * One solid's name: the assembly path, the instance (last but one segment), the part (last segment) and the
     * occurrence's {@link PartKey}.
     */
    public record PartLabel(String path, String instance, String part, String key) {
        public Map<String, String> toMap() {
            return Map.of("path", path, "instance", instance, "part", part, "key", key);
        }
    }

    /** The mesh file and the label of each volume tag. */
    public record Meshing(Path msh, int volumes, Map<Integer, PartLabel> labels) {
    }

    private final String executable;
    private final TessellationSettings settings;

    private final JobTracing tracing;

    public GmshMesher(String executable, TessellationSettings settings, JobTracing tracing) {
        this.tracing = tracing;
        this.executable = executable;
        this.settings = settings;
    }

    /** The settings every mesh of this mesher is made with (part of the mesh cache key). */
    public TessellationSettings settings() {
        return settings;
    }

    public Meshing mesh(Path step, Path workDir, Duration timeout, BoundedLog log, ChildProcess.Cancellation cancel)
            throws InterruptedException {
        Path msh = workDir.resolve("parts.msh");
        List<String> labelLines = new ArrayList<>();
        List<String> command = new ArrayList<>(List.of(executable, step.toString()));
        command.addAll(settings.gmshArguments());
        command.addAll(List.of("-format", "msh41", "-o", msh.toString()));
        ChildProcess.Outcome outcome;
        try {
            outcome = tracing.process("gmsh", null, () -> ChildProcess.run(command, workDir, timeout, log, line -> {
                if (line.contains("- Label '")) {
                    labelLines.add(line);
                }
            }, cancel));
        } catch (IOException e) {
            throw new JobFailure(FailureCode.IMPORT_FAILED, "gmsh could not be started (" + executable + "): "
                    + e.getMessage(), true, log.tail(4000));
        }
        if (outcome.cancelled()) {
            throw new JobFailure(FailureCode.CANCELLED, "meshing cancelled", true, log.tail(4000));
        }
        if (outcome.timedOut()) {
            throw new JobFailure(FailureCode.TIMEOUT, "meshing the STEP file exceeded " + timeout, true, log.tail(4000));
        }
        int volumes = outcome.exitCode() == 0 && Files.isRegularFile(msh) ? countVolumes(msh) : 0;
        if (outcome.exitCode() != 0 || volumes == 0) {
            throw new JobFailure(FailureCode.IMPORT_FAILED, "the STEP file could not be meshed: "
                    + (outcome.exitCode() != 0 ? "gmsh exited with " + outcome.exitCode() : "no solids found"),
                    false, log.tail(4000));
        }
        return new Meshing(msh, volumes, labels(labelLines, volumes));
    }

    /** The first {@code volumes} 3D labels name volume tags 1..n; later ones repeat sub-assembly shapes. */
    static Map<Integer, PartLabel> labels(List<String> lines, int volumes) {
        Map<Integer, PartLabel> labels = new LinkedHashMap<>();
        int tag = 1;
        for (String line : lines) {
            Matcher m = LABEL.matcher(line);
            if (!m.find() || tag > volumes) {
                continue;
            }
            labels.put(tag++, label(m.group(1)));
        }
        return labels;
    }

    static PartLabel label(String path) {
        String[] segments = path.split("/");
        String part = segments[segments.length - 1];
        String instance = segments.length >= 2 && !segments[segments.length - 2].equals("Shapes")
                ? segments[segments.length - 2] : part;
        return new PartLabel(path, instance, part, PartKey.of(keyNames(segments)));
    }

    /**
     * The names a part key is made of. gmsh's label path alternates instance and product names below the root
     * product ({@code Shapes/as1/ROD-ASSEMBLY/rod-assembly/NUT::1/nut}): the root, then every instance name.
     */
    static List<String> keyNames(String[] segments) {
        int start = segments.length > 1 && segments[0].equals("Shapes") ? 1 : 0;
        List<String> names = new ArrayList<>();
        names.add(segments[start]);
        for (int i = start + 1; i < segments.length; i += 2) {
            names.add(segments[i]);
        }
        return names;
    }

    /** The volume count from the {@code $Entities} header of an MSH 4.1 file. */
    static int countVolumes(Path msh) {
        try (BufferedReader in = Files.newBufferedReader(msh, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.trim().equals("$Entities")) {
                    String[] counts = in.readLine().trim().split("\\s+");
                    return Integer.parseInt(counts[3]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
