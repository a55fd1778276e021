package com.hartomat.worker.cad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class StepAssemblyParserTest {

    static final Path SAMPLE = Path.of("/usr/share/doc/gmsh-doc/doc/gmsh/demos/api/as1-tu-203.stp.gz");

    static String sample() throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SAMPLE))) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void gmshDocSampleHasNineProductsThirteenInstancesAndEighteenPartOccurrences() throws IOException {
        StepAssembly assembly = StepAssemblyParser.parse(sample());

        assertEquals(9, assembly.products().size());
        assertEquals(13, assembly.instances().size());
        assertEquals(List.of("as1"), assembly.roots().stream().map(StepAssembly.Product::name).toList());
        assertEquals(List.of("nut", "rod", "bolt", "l-bracket", "plate"),
                assembly.parts().stream().map(StepAssembly.Product::name).toList());
        assertEquals(18, assembly.occurrences(), "18 solids in the expanded tree, as gmsh meshes them");
    }

    @Test
    void everyPartOccurrenceOfTheSampleHasAKeyFromItsPathInTheTree() throws IOException {
        StepAssembly assembly = StepAssemblyParser.parse(sample());

        List<StepAssembly.PartOccurrence> occurrences = assembly.partOccurrences();

        assertEquals(18, occurrences.size());
        assertEquals(18, occurrences.stream().map(StepAssembly.PartOccurrence::key).distinct().count());
        StepAssembly.PartOccurrence second = occurrences.get(1);
        assertEquals("as1/rod-assembly/nut_2", second.key());
        assertEquals("nut", second.part());
        assertEquals("NUT::2", second.instance());
        assertEquals(List.of("as1", "ROD-ASSEMBLY", "NUT::2"), second.path());
        assertEquals(8, occurrences.stream().filter(o -> o.part().equals("nut")).count());
        assertTrue(occurrences.stream().anyMatch(o -> o.key().equals("as1/l-bracket-assembly_2/nut-bolt-assembly_3/nut_3")));
        Map<String, Object> out = assembly.toOutput();
        assertEquals(occurrences.stream().map(StepAssembly.PartOccurrence::key).toList(), out.get("part_keys"));
        assertEquals(Map.of("key", "as1/rod-assembly/nut_2", "part", "nut", "instance", "NUT::2",
                "path", "as1/ROD-ASSEMBLY/NUT::2"), ((List<?>) out.get("occurrences")).get(1));
    }

    @Test
    void sampleInstancesCarryTheirNamesFromTheIdFieldAndLinkParentToChild() throws IOException {
        StepAssembly assembly = StepAssemblyParser.parse(sample());

        StepAssembly.Instance bracket = assembly.instances().stream()
                .filter(i -> i.name().equals("L-BRACKET-ASSEMBLY::2")).findFirst().orElseThrow();
        assertEquals("as1", assembly.product(bracket.parent()).name());
        assertEquals("l-bracket-assembly", assembly.product(bracket.child()).name());
        List<String> rodAssembly = assembly.childrenOf(assembly.instances().stream()
                .filter(i -> i.name().equals("ROD")).findFirst().orElseThrow().parent())
                .stream().map(StepAssembly.Instance::name).toList();
        assertEquals(List.of("NUT::1", "NUT::2", "ROD"), rodAssembly);
    }

    @Test
    void recordsSpanningLinesStringsWithSemicolonsAndCommentsAreParsed() {
        String step = """
                ISO-10303-21;
                HEADER; FILE_NAME('x;y','',(''),(''),'','','');
                ENDSEC;
                DATA;
                /* a comment; with a semicolon */
                #1=PRODUCT('P-1',
                  'Gear; left',
                  '',(#9));
                #2=PRODUCT_DEFINITION_FORMATION_WITH_SPECIFIED_SOURCE('','',#1,.NOT_KNOWN.);
                #3=PRODUCT_DEFINITION('design','',#2,#8);
                #4=PRODUCT('ASM','Box''s assembly','',(#9));
                #5=PRODUCT_DEFINITION_FORMATION('','',#4);
                #6=PRODUCT_DEFINITION_WITH_ASSOCIATED_DOCUMENTS('design','',#5,#8,());
                #7=NEXT_ASSEMBLY_USAGE_OCCURRENCE('NAUO1','Gear-1','',#6,
                   #3,$);
                #10=(GEOMETRIC_REPRESENTATION_CONTEXT(3)GLOBAL_UNIT_ASSIGNED_CONTEXT((#11))REPRESENTATION_CONTEXT('',''));
                ENDSEC;
                END-ISO-10303-21;
                """;
        StepAssembly assembly = StepAssemblyParser.parse(step);

        assertEquals(List.of("Gear; left", "Box's assembly"), assembly.products().stream().map(StepAssembly.Product::name).toList());
        assertEquals(1, assembly.instances().size());
        assertEquals("Gear-1", assembly.instances().get(0).name(), "SolidWorks-style: name field, generic NAUO id");
        assertEquals(List.of("Box's assembly"), assembly.roots().stream().map(StepAssembly.Product::name).toList());
    }

    @Test
    void instanceNameFallsBackToReferenceDesignatorThenToTheChildProduct() {
        String step = """
                ISO-10303-21;
                DATA;
                #1=PRODUCT('part','part','',(#9));
                #2=PRODUCT_DEFINITION_FORMATION('','',#1);
                #3=PRODUCT_DEFINITION('','',#2,#8);
                #4=PRODUCT('asm','','',(#9));
                #5=PRODUCT_DEFINITION_FORMATION('','',#4);
                #6=PRODUCT_DEFINITION('','',#5,#8);
                #7=NEXT_ASSEMBLY_USAGE_OCCURRENCE('1','','',#6,#3,'R12');
                #8=NEXT_ASSEMBLY_USAGE_OCCURRENCE('NAUO2','','',#6,#3,$);
                ENDSEC;
                """;
        StepAssembly assembly = StepAssemblyParser.parse(step);

        assertEquals(List.of("R12", "part"), assembly.instances().stream().map(StepAssembly.Instance::name).toList());
        assertEquals("asm", assembly.products().get(1).name(), "an empty product name falls back to the product id");
    }

    @Test
    void encodedNonAsciiNamesAreDecoded() {
        String step = """
                ISO-10303-21;
                DATA;
                #1=PRODUCT('w','Welle \\X2\\00FC00DF\\X0\\ \\X\\E4','',(#9));
                ENDSEC;
                """;
        assertEquals("Welle üß ä", StepAssemblyParser.parse(step).products().get(0).name());
    }

    @Test
    void textThatIsNotStepOrHasNoProductsIsRejected() {
        assertThrows(StepAssemblyParser.NotStep.class, () -> StepAssemblyParser.parse("solid cube\nendsolid"));
        assertThrows(StepAssemblyParser.NotStep.class,
                () -> StepAssemblyParser.parse("ISO-10303-21;\nDATA;\n#1=CARTESIAN_POINT('',(0.,0.,0.));\nENDSEC;\n"));
    }

    @Test
    void outputListsProductsInstancesAndTheExpandedTree() throws IOException {
        Map<String, Object> out = StepAssemblyParser.parse(sample()).toOutput();

        assertEquals(9, out.get("product_count"));
        assertEquals(13, out.get("instance_count"));
        assertEquals(18, out.get("part_occurrences"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tree = (List<Map<String, Object>>) out.get("tree");
        assertEquals("as1", tree.get(0).get("product"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> top = (List<Map<String, Object>>) tree.get(0).get("children");
        assertTrue(top.stream().anyMatch(c -> c.get("name").equals("PLATE") && c.get("product").equals("plate")));
        assertEquals(4, top.size(), "rod assembly, plate and two bracket assemblies");
    }
}
