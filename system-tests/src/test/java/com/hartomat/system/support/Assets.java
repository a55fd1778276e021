package com.hartomat.system.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Checks on published media assets: their file in storage and their content endpoint agree with the record. */
public final class Assets {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private Assets() {
    }

    /** {@code GET /api/media-assets/{id}/content} streams the file: media type and sha256 as recorded. */
    public static byte[] assertContentMatches(Scenario s, JsonNode asset) {
        String id = asset.path("id").asText();
        Api.Response content = s.dispatch.get("/api/media-assets/" + id + "/content");
        assertEquals(200, content.status(), "GET /api/media-assets/" + id + "/content: " + Api.excerpt(content.text(), 500));
        String mediaType = asset.path("media_type").asText();
        assertTrue(content.contentType().startsWith(mediaType),
                "content type " + content.contentType() + " for an asset of media type " + mediaType);
        assertEquals(asset.path("sha256").asText(), sha256(content.body()), "sha256 of the streamed content");
        assertTrue(Files.isRegularFile(s.storage(asset.path("path").asText())),
                "the asset's file " + asset.path("path").asText() + " exists in artifact storage");
        if ("image/png".equals(mediaType)) {
            assertArrayEquals(PNG, Arrays.copyOf(content.body(), PNG.length), "PNG signature");
        }
        return content.body();
    }

    public static List<JsonNode> ofType(List<JsonNode> assets, String assetType) {
        return assets.stream().filter(a -> assetType.equals(a.path("asset_type").asText())).toList();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
