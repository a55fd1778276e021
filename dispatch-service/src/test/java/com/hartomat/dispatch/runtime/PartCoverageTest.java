package com.hartomat.dispatch.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hartomat.contracts.messages.ContextKind;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

public class PartCoverageTest {

    /** Four occurrences of the gmsh-doc sample as occ_object_extract reports them in parsed_objects. */
    static final Map<String, Object> PARSED = Map.of("part_names", List.of("nut", "rod", "bolt"), "occurrences", List.of(
            Map.of("key", "as1/rod-assembly/nut_1", "part", "nut", "instance", "NUT::1"),
            Map.of("key", "as1/rod-assembly/nut_2", "part", "nut", "instance", "NUT::2"),
            Map.of("key", "as1/rod-assembly/rod", "part", "rod", "instance", "ROD"),
            Map.of("key", "as1/l-bracket-assembly_1/nut-bolt-assembly_1/bolt", "part", "bolt", "instance", "BOLT")));

    /** The same, with {@code objects} as dispatch's CAD intake stores it beside the parser's output. */
    public static final Map<String, Object> PARSED_FOR_NODES = Map.of("objects", List.of("nut", "rod", "bolt"),
            "occurrences", PARSED.get("occurrences"));

    public static ContextData context(List<Object> partMaterials, Object parsed) {
        return new ContextData(ContextKind.ORDER_LINE, UUID.randomUUID(), UUID.randomUUID(), "submitted", UUID.randomUUID(),
                "as1", "sample", partMaterials, "ot", UUID.randomUUID(), "as1.stp", "step_files/as1.stp", parsed);
    }

    @Test
    void aPartNameCoversEveryInstanceAPathOneOccurrenceOrAnAssembly() {
        List<PartCoverage.Occurrence> occurrences = PartCoverage.occurrences(context(List.of(), PARSED));

        assertEquals(List.of("as1/rod-assembly/rod", "as1/l-bracket-assembly_1/nut-bolt-assembly_1/bolt"),
                PartCoverage.unassigned(List.of(Map.of("part_name", "nut")), occurrences));
        assertEquals(List.of("as1/rod-assembly/nut_1", "as1/l-bracket-assembly_1/nut-bolt-assembly_1/bolt"),
                PartCoverage.unassigned(List.of(Map.of("part_name", "AS1/ROD-ASSEMBLY/NUT::2"),
                        Map.of("part_name", "ROD")), occurrences), "a path as written by hand and an instance name");
        assertEquals(List.of("as1/rod-assembly/nut_1", "as1/rod-assembly/nut_2", "as1/rod-assembly/rod"),
                PartCoverage.unassigned(List.of(Map.of("part_name", "as1/l-bracket-assembly_1")), occurrences),
                "an assembly's path covers the parts below it");
        assertEquals(List.of(), PartCoverage.unassigned(List.of(Map.of("part_name", "as1/")), occurrences),
                "the root's path with a trailing slash covers everything");
        assertEquals(4, PartCoverage.unassigned(List.of(Map.of("part_name", "as1")), occurrences).size(),
                "a bare root name is a part name, and no part is called that");
    }

    @Test
    void aCadFileParsedBeforePartKeysFallsBackToItsPartNames() {
        List<PartCoverage.Occurrence> occurrences = PartCoverage.occurrences(
                context(List.of(), Map.of("objects", List.of("Body", "Lid"))));

        assertEquals(List.of("Lid"), PartCoverage.unassigned(List.of(Map.of("part_name", "Body")), occurrences));
        assertEquals(List.of(), PartCoverage.occurrences(context(List.of(), null)));
    }
}
