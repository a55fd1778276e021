package com.hartomat.workflow.model;

import static com.hartomat.workflow.model.ReferenceGraphs.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkflowCanonicalizerTest {

    static final WorkflowValidator VALIDATOR = new WorkflowValidator(NodeCatalog.standard());

    static Stream<Arguments> legacyPresets() {
        return Stream.of(
                Arguments.of(json("{'type':'still','params':{'width':1024,'height':768,'samples':128,'engine':'cycles',"
                        + "'studio_lights':'soft'},'ui':{'execution_mode':'graph','zoom':1.5},'owner':'render-team'}"),
                        List.of("setup", "template", "render", "output")),
                Arguments.of(json("{'type':'turntable','params':{'fps':30,'frame_count':120,'rotation_axis':'z','width':800,"
                        + "'height':800,'legacy_codec_profile':'main'},'ui':{'execution_mode':'shadow'}}"),
                        List.of("setup", "template", "render", "output")),
                Arguments.of(json("{'type':'multi_angle','params':{'angles':[0,45,90],'width':1000,'height':1000},'ui':{}}"),
                        List.of("setup", "template", "render", "output")),
                Arguments.of(json("{'type':'still_with_exports','params':{'width':640,'height':640,'compress':false,"
                        + "'pack_textures':true,'export_format':'blend'},'ui':{'preset':'old','legacy':{'x':1}},'created_by':'ops'}"),
                        List.of("setup", "template", "render", "blend", "output")));
    }

    static List<String> nodeIds(JsonNode config) {
        List<String> ids = new ArrayList<>();
        config.get("nodes").forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legacyPresets")
    void legacyPresetBecomesAValidCanonicalDagWithTheReferenceNodeIds(JsonNode legacy, List<String> ids) {
        ObjectNode canonical = WorkflowCanonicalizer.canonicalize(legacy);
        assertEquals(ids, nodeIds(canonical));
        assertEquals(1, canonical.get("version").asInt());
        assertEquals(legacy.get("type").asText(), canonical.at("/ui/preset").asText());
        ValidationResult r = VALIDATOR.validate(canonical);
        assertTrue(r.valid(), r.errors().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legacyPresets")
    void canonicalizationIsIdempotent(JsonNode legacy, List<String> ids) {
        ObjectNode once = WorkflowCanonicalizer.canonicalize(legacy);
        assertEquals(once, WorkflowCanonicalizer.canonicalize(once));
        assertEquals(once, WorkflowCanonicalizer.canonicalize(WorkflowCanonicalizer.canonicalize(once)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legacyPresets")
    void roundTripLosesNothing(JsonNode legacy, List<String> ids) {
        assertEquals(legacy, WorkflowCanonicalizer.toLegacyPreset(WorkflowCanonicalizer.canonicalize(legacy)));
    }

    @Test
    void knownParamsGoToTheNodesThatUseThemAndUnknownOnesUnderUiLegacy() {
        ObjectNode c = WorkflowCanonicalizer.canonicalize(legacyPresets().toList().get(3).get()[0] instanceof JsonNode j ? j : null);
        assertEquals(json("{'width':640,'height':640}"), c.at("/nodes/2/params"));
        assertEquals(json("{'compress':false,'pack_textures':true}"), c.at("/nodes/3/params"));
        assertEquals(json("{'export_format':'blend'}"), c.at("/ui/legacy/params"));
        assertEquals("ops", c.at("/ui/legacy/created_by").asText());
        assertEquals("old", c.at("/ui/legacy/ui_preset").asText());
        assertEquals(json("{'x':1}"), c.at("/ui/legacy/ui_legacy"));
        ObjectNode still = WorkflowCanonicalizer.canonicalize(legacyPresets().toList().get(0).get()[0] instanceof JsonNode j ? j : null);
        assertEquals("graph", still.at("/ui/execution_mode").asText());
        assertEquals(1.5, still.at("/ui/zoom").asDouble());
        assertEquals("soft", still.at("/ui/legacy/params/studio_lights").asText());
    }

    @Test
    void referenceLegacyPresetCanonicalizesToTheGraphDispatchRuns() {
        ObjectNode c = WorkflowCanonicalizer.canonicalize(
                json("{'type':'still','params':{'width':1024,'height':768},'ui':{'execution_mode':'graph'}}"));
        GraphAnalysis a = VALIDATOR.validate(c).analysis();
        assertEquals("graph", a.executionMode());
        assertEquals(List.of("setup", "template", "render", "output"), a.topologicalOrder());
        assertEquals(1024, a.node("render").orElseThrow().params().get("width"));
    }

    @Test
    void multiAngleWithoutAnglesGetsDefaultAnglesAndStillRoundTrips() {
        JsonNode legacy = json("{'type':'multi_angle','params':{'width':512}}");
        ObjectNode c = WorkflowCanonicalizer.canonicalize(legacy);
        assertEquals(4, c.at("/nodes/2/params/angles").size());
        assertEquals("multi_angle", VALIDATOR.validate(c).analysis().node("render").orElseThrow().jobType());
        assertEquals(legacy, WorkflowCanonicalizer.toLegacyPreset(c));
    }

    @Test
    void canonicalInputIsReturnedUnchanged() {
        ObjectNode still = ReferenceGraphs.customStill(true, true);
        ((ObjectNode) still.get("nodes").get(0)).putObject("position").put("x", 10).put("y", 20);
        assertEquals(still, WorkflowCanonicalizer.canonicalize(still));
    }

    @Test
    void nonObjectsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WorkflowCanonicalizer.canonicalize(json("[1]")));
    }
}
