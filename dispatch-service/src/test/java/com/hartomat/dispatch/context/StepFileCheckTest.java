package com.hartomat.dispatch.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.dispatch.support.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StepFileCheckTest {

    static Optional<String> problem(String text) throws IOException {
        return StepFileCheck.problem(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void aMinimalStepFileIsAccepted() throws IOException {
        assertEquals(Optional.empty(), problem(Fixtures.minimalStep("x")));
    }

    @Test
    void stringsAndCommentsMayHoldSemicolonsAndKeywords() throws IOException {
        String step = "\uFEFF".replace("\uFEFF", "\u00EF\u00BB\u00BF") + "ISO-10303-21;\n/* a comment; ENDSEC; */\nHEADER;\n"
                + "FILE_NAME('a;b','it''s; ENDSEC;',(''),(''),'','','');\nFILE_SCHEMA(('CONFIG_CONTROL_DESIGN'));\nENDSEC;\n"
                + "DATA('one',('AP203'));\n#10 = PRODUCT('ENDSEC;','x','',(#2));\nENDSEC;\nDATA;\n#11=SHAPE_REPRESENTATION('',(),#3);\n"
                + "ENDSEC;\nEND-ISO-10303-21;";
        assertEquals(Optional.empty(), problem(step));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ISO-10303-21;\\n| no HEADER section",
        "solid cube\\nfacet normal 0 0 1\\n| not a STEP",
        "ISO-10303-21;\\nDATA;\\n#1=POINT();\\nENDSEC;\\nEND-ISO-10303-21;| no HEADER",
        "ISO-10303-21;\\nHEADER;\\nFILE_NAME('x');\\nENDSEC;\\nDATA;\\n#1=A();\\nENDSEC;\\nEND-ISO-10303-21;| no FILE_SCHEMA",
        "ISO-10303-21;\\nHEADER;\\nFILE_SCHEMA(('A'));\\nENDSEC;\\nEND-ISO-10303-21;| no DATA section",
        "ISO-10303-21;\\nHEADER;\\nFILE_SCHEMA(('A'));\\nENDSEC;\\nDATA;\\nENDSEC;\\nEND-ISO-10303-21;| no entity instance",
        "ISO-10303-21;\\nHEADER;\\nFILE_SCHEMA(('A'));\\nENDSEC;\\nDATA;\\n#1=A();\\nENDSEC;\\n| does not end with",
        "ISO-10303-21;\\nHEADER;\\nFILE_SCHEMA(('A'));\\nENDSEC;\\nDATA;\\n#1=A('open| not closed",
        "ISO-10303-21;\\nHEADER;\\nFILE_SCHEMA(('A'));\\nENDSEC;\\nDATA;\\nPOINT();\\nENDSEC;\\nEND-ISO-10303-21;| no entity instance (#n=...)",
    })
    void whatIsNotAStepFileIsNamed(String text, String reason) throws IOException {
        // the first case is the 39-byte sort of upload that used to be stored with 201
        Optional<String> problem = problem(text.replace("\\n", "\n"));
        assertTrue(problem.isPresent() && problem.get().contains(reason.strip()), problem.toString());
    }

    @Test
    void theBundledSampleAssemblyIsAStepFile() throws IOException {
        Path sample = Path.of("/usr/share/doc/gmsh-doc/doc/gmsh/demos/api/as1-tu-203.stp.gz");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(sample), "gmsh-doc is not installed");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(sample))) {
            assertEquals(Optional.empty(), StepFileCheck.problem(in));
        }
    }
}
