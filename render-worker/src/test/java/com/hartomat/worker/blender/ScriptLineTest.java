package com.hartomat.worker.blender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptLineTest {

    @Test
    void progressLinesGiveFrameOfCountAndPercent() {
        ScriptLine line = ScriptLine.parse("HARTOMAT_PROGRESS {\"frame\":3,\"frame_count\":12,\"percent\":25.0,\"stage\":\"render\"}");
        assertEquals(new ScriptLine.Progress(3, 12, 25.0, "render"), line);
    }

    @Test
    void percentIsDerivedWhenMissingAndClampedToTheContractRange() {
        assertEquals(50.0, ((ScriptLine.Progress) ScriptLine.parse("HARTOMAT_PROGRESS {\"frame\":6,\"frame_count\":12}")).percent());
        assertEquals(100.0, ((ScriptLine.Progress) ScriptLine.parse("HARTOMAT_PROGRESS {\"percent\":140}")).percent());
    }

    @Test
    void errorAndResultLinesAreRecognised() {
        assertEquals(new ScriptLine.Error("import_failed", "bad mesh"),
                ScriptLine.parse("HARTOMAT_ERROR {\"code\":\"import_failed\",\"message\":\"bad mesh\"}"));
        ScriptLine result = ScriptLine.parse("HARTOMAT_RESULT {\"objects\":[\"nut\"]}");
        assertEquals(Map.of("objects", List.of("nut")), ((ScriptLine.Result) result).values());
    }

    @Test
    void malformedOrUnprefixedLinesArePlainLog() {
        assertInstanceOf(ScriptLine.Plain.class, ScriptLine.parse("HARTOMAT_PROGRESS {not json"));
        assertInstanceOf(ScriptLine.Plain.class, ScriptLine.parse("Fra:1 Mem:12.00M | Rendering 1 / 4 samples"));
    }
}
