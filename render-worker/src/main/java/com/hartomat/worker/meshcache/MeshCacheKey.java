package com.hartomat.worker.meshcache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.hartomat.worker.cad.TessellationSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a mesh cache entry is the result of: the STEP file's bytes (sha256) and the settings that shape the meshes
 * (tessellation and the unit scale applied on import). The settings are serialised canonically (sorted keys) and
 * hashed into a short fingerprint, so every component of {@link TessellationSettings}, present or added later, is
 * part of the key without this class naming it.
 *
 * @param stepSha256 lower-case hex sha256 of the STEP file as stored
 * @param fingerprint first 16 hex digits of the sha256 of the canonical settings JSON
 * @param settings the settings as they were hashed (written into the entry for operators)
 */
public record MeshCacheKey(String stepSha256, String fingerprint, Map<String, Object> settings) {

    /** Bumped when the entry layout or the meshing pipeline changes incompatibly: old entries are then never read. */
    public static final int LAYOUT_VERSION = 1;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    public MeshCacheKey {
        if (stepSha256 == null || !SHA256.matcher(stepSha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex sha256: " + stepSha256);
        }
    }

    public static MeshCacheKey of(String stepSha256, TessellationSettings tessellation, double unitScale) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("layout", LAYOUT_VERSION);
        settings.put("tessellation", CANONICAL.convertValue(tessellation, Map.class));
        settings.put("unit_scale", unitScale);
        return new MeshCacheKey(stepSha256, fingerprint(settings), settings);
    }

    /** The entry's directory below the cache root: {@code <sha[0..2]>/<sha>/<fingerprint>}. */
    public String relativeDir() {
        return stepSha256.substring(0, 2) + "/" + stepSha256 + "/" + fingerprint;
    }

    static String fingerprint(Map<String, Object> settings) {
        try {
            byte[] canonical = CANONICAL.writeValueAsString(settings).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)).substring(0, 16);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("mesh cache settings not serialisable: " + settings, e);
        }
    }
}
