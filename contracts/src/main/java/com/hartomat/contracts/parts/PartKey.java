package com.hartomat.contracts.parts;

import java.util.List;
import java.util.Locale;

/**
 * The stable identity of one part occurrence: the names along its path in the assembly tree (the root product's name,
 * then each instance name down to the part), each segment normalised, joined with {@code /}, e.g.
 * {@code as1/l-bracket-assembly_2/nut-bolt-assembly_1/nut_3}. Two instances of one part differ in at least one
 * segment, so they get different keys. The render worker's STEP parser and its gmsh labels derive it from the same
 * names, so {@code parsed_objects}, the GLB's objects and the material assignments agree on it; dispatch uses it to
 * tell which occurrences a product's part materials cover. Part of the job contract: a material assignment's
 * {@code part_name} that is a path is read as a key ({@link #normalise}).
 */
public final class PartKey {

    private PartKey() {
    }

    /** The key of a path of raw names (root product first, then instance names). */
    public static String of(List<String> names) {
        StringBuilder key = new StringBuilder();
        for (String name : names) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(segment(name));
        }
        return key.toString();
    }

    /**
     * A name as a key segment: lower case, OpenCASCADE's instance counter {@code ::n} as {@code _n}, anything but
     * letters, digits, {@code -} and {@code _} as {@code _} (so a segment never holds {@code /} or Blender's
     * {@code .NNN} suffix), runs of {@code _} collapsed.
     */
    public static String segment(String name) {
        String lower = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace("::", "_");
        StringBuilder out = new StringBuilder();
        lower.codePoints().forEach(c -> {
            boolean keep = Character.isLetterOrDigit(c) || c == '-' || c == '_';
            if (keep && !(c == '_' && out.length() > 0 && out.charAt(out.length() - 1) == '_')) {
                out.appendCodePoint(c);
            } else if (!keep && (out.length() == 0 || out.charAt(out.length() - 1) != '_')) {
                out.append('_');
            }
        });
        String s = out.toString().replaceAll("^_+|_+$", "");
        return s.isEmpty() ? "part" : s;
    }

    /**
     * A key as written by hand in a material assignment ({@code AS1/ROD-ASSEMBLY/NUT::1}) in its normal form, or
     * null when the name is no path (it names a part or an instance instead).
     */
    public static String normalise(String assignment) {
        if (assignment == null || !assignment.contains("/")) {
            return null;
        }
        return of(List.of(assignment.split("/")));
    }
}
