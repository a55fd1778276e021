package com.hartomat.dispatch.runtime;

import com.hartomat.contracts.parts.PartKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which part occurrences of a CAD file a list of material assignments covers, by the rules the render worker applies
 * (docs/render-worker.md, "Part identity"): an assignment whose {@code part_name} is a path names that occurrence (and,
 * for an assembly, every part below it); otherwise it names an instance or a part (all its instances). The
 * occurrences come from {@code parsed_objects.occurrences}; a CAD file parsed before part keys existed has only part
 * names, each then standing for itself.
 */
public final class PartCoverage {

    private PartCoverage() {
    }

    /** One part occurrence: its key, its part (product) name and its instance name. */
    public record Occurrence(String key, String part, String instance) {
    }

    public static List<Occurrence> occurrences(ContextData context) {
        if (context.parsedObjects() instanceof Map<?, ?> parsed && parsed.get("occurrences") instanceof List<?> list) {
            List<Occurrence> out = new ArrayList<>();
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> m && m.get("key") != null) {
                    out.add(new Occurrence(String.valueOf(m.get("key")), Objects.toString(m.get("part"), null),
                            Objects.toString(m.get("instance"), null)));
                }
            }
            return out;
        }
        return context.partNames().stream().distinct().map(n -> new Occurrence(n, n, n)).toList();
    }

    /** The keys of the occurrences no assignment covers, in the CAD file's order. */
    public static List<String> unassigned(List<?> assignments, List<Occurrence> occurrences) {
        List<String> names = new ArrayList<>();
        for (Object entry : assignments) {
            if (entry instanceof Map<?, ?> m && m.get("part_name") != null) {
                names.add(String.valueOf(m.get("part_name")));
            }
        }
        return occurrences.stream().filter(o -> names.stream().noneMatch(n -> covers(n, o))).map(Occurrence::key).toList();
    }

    public static boolean covers(String partName, Occurrence occurrence) {
        String key = PartKey.normalise(partName);
        if (key != null) {
            return occurrence.key().equals(key) || occurrence.key().startsWith(key + "/");
        }
        return partName.equals(occurrence.key()) || partName.equals(occurrence.instance()) || partName.equals(occurrence.part());
    }
}
