package com.hartomat.worker.meshcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hartomat.worker.cad.TessellationSettings;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MeshCacheKeyTest {

    static final String SHA = "ab" + "0123456789abcdef".repeat(3) + "0123456789abcd";

    @Test
    void theSameFileAndSettingsGiveTheSameKey() {
        assertEquals(MeshCacheKey.of(SHA, new TessellationSettings(20), 0.001),
                MeshCacheKey.of(SHA, new TessellationSettings(20), 0.001));
    }

    @Test
    void theEntryLivesUnderTheShaPrefixTheShaAndTheSettingsFingerprint() {
        MeshCacheKey key = MeshCacheKey.of(SHA, new TessellationSettings(20), 0.001);

        assertEquals("ab/" + SHA + "/" + key.fingerprint(), key.relativeDir());
        assertEquals(16, key.fingerprint().length());
    }

    @Test
    void theFingerprintOfTheDefaultSettingsIsStableSoEntriesOutliveAWorkerUpgrade() {
        // shared storage: workers of one version must agree on it, and a change orphans every entry (bump LAYOUT_VERSION)
        assertEquals("{layout=1, tessellation={curvatureElements=20}, unit_scale=0.001}",
                MeshCacheKey.of(SHA, new TessellationSettings(20), 0.001).settings().toString());
        assertEquals(MeshCacheKey.fingerprint(Map.of("unit_scale", 0.001, "layout", 1,
                        "tessellation", Map.of("curvatureElements", 20))),
                MeshCacheKey.of(SHA, new TessellationSettings(20), 0.001).fingerprint(), "map order does not matter");
    }

    @Test
    void anyTessellationSettingOrTheUnitScaleChangesTheFingerprintButNotTheShaPart() {
        MeshCacheKey base = MeshCacheKey.of(SHA, new TessellationSettings(20), 0.001);
        MeshCacheKey finer = MeshCacheKey.of(SHA, new TessellationSettings(40), 0.001);
        MeshCacheKey inches = MeshCacheKey.of(SHA, new TessellationSettings(20), 0.0254);

        assertNotEquals(base.fingerprint(), finer.fingerprint());
        assertNotEquals(base.fingerprint(), inches.fingerprint());
        assertEquals(base.stepSha256(), finer.stepSha256());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyComponentOfTheTessellationSettingsIsPartOfTheKey() {
        // a setting added to TessellationSettings later joins the key without touching MeshCacheKey
        Set<String> components = Arrays.stream(TessellationSettings.class.getRecordComponents())
                .map(RecordComponent::getName).collect(Collectors.toSet());

        Map<String, Object> hashed = (Map<String, Object>) MeshCacheKey.of(SHA, new TessellationSettings(20), 0.001)
                .settings().get("tessellation");

        assertEquals(components, hashed.keySet());
    }

    @Test
    void aDifferentFileIsADifferentEntry() {
        String other = "cd" + SHA.substring(2);
        assertNotEquals(MeshCacheKey.of(SHA, new TessellationSettings(20), 0.001).relativeDir(),
                MeshCacheKey.of(other, new TessellationSettings(20), 0.001).relativeDir());
    }

    @Test
    void onlyALowerCaseHexSha256IsAKeySoItCannotLeadOutOfTheCacheDirectory() {
        assertThrows(IllegalArgumentException.class, () -> MeshCacheKey.of("../../etc", new TessellationSettings(20), 0.001));
        assertThrows(IllegalArgumentException.class, () -> MeshCacheKey.of(SHA.toUpperCase(), new TessellationSettings(20), 0.001));
        assertThrows(IllegalArgumentException.class, () -> MeshCacheKey.of(null, new TessellationSettings(20), 0.001));
    }
}
