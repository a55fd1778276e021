package com.hartomat.dispatch.publication;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hartomat.dispatch.support.Fixtures;
import com.hartomat.dispatch.support.Fixtures.Line;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Media assets as publication leaves them (rows + files in artifact storage): list, get, content with ranges. */
@QuarkusTest
class MediaAssetApiTest {

    static final Set<String> FIELDS = new TreeSet<>(List.of("id", "order_line_id", "order_id", "product_id",
            "cad_file_id", "run_id", "node_id", "job_id", "asset_type", "role", "path", "sha256", "media_type",
            "size_bytes", "width", "height", "frame_count", "duration_s", "publication_mode", "created_at"));

    @Inject
    AgroalDataSource db;

    Fixtures fx;
    Path root;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(db);
        root = Path.of(ConfigProvider.getConfig().getValue("hartomat.storage.root", String.class));
    }

    /** Writes the file (when {@code bytes} is not null) and inserts the row, as the run lifecycle would. */
    String asset(Line line, String assetType, String role, String path, String mediaType, byte[] bytes)
            throws Exception {
        if (bytes != null) {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        }
        return fx.scalar("INSERT INTO media_assets (id, order_line_id, order_id, product_id, run_id, node_id, job_id, "
                + "asset_type, role, path, sha256, media_type, size_bytes, width, height, frame_count, duration_s, "
                + "publication_mode) VALUES (?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::uuid, 'render', ?, ?, ?, ?, "
                + "'abc123', ?, ?, 640, 480, ?, ?, 'graph_authoritative_save') RETURNING id::text",
                UUID.randomUUID().toString(), line.orderLineId(), line.orderId(), line.productId(),
                UUID.randomUUID().toString(), "job-" + UUID.randomUUID(), assetType, role, path, mediaType,
                bytes == null ? null : (long) bytes.length, "turntable".equals(assetType) ? 96 : null,
                "turntable".equals(assetType) ? 4.0 : null).toString();
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    @Test
    void listFiltersByOrderLineProductAndAssetTypeNewestFirstAndPages() throws Exception {
        Line one = fx.bareLine(null);
        Line two = fx.bareLine(null);
        String still = asset(one, "still", "still", "renders/" + one.orderLineId() + "/still.png", "image/png", bytes(10));
        String video = asset(one, "turntable", "video", "renders/" + one.orderLineId() + "/turntable.mp4", "video/mp4",
                bytes(20));
        String other = asset(two, "still", "still", "renders/" + two.orderLineId() + "/still.png", "image/png", bytes(5));

        JsonPath all = given().queryParam("order_line_id", one.orderLineId()).get("/api/media-assets")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2, all.getLong("total"));
        assertEquals(List.of(video, still), all.getList("items.id"));
        assertEquals(1, all.getInt("page"));
        assertEquals(50, all.getInt("page_size"));
        Map<String, Object> first = all.getMap("items[0]");
        assertEquals(FIELDS, new TreeSet<>(first.keySet()));
        assertEquals(one.orderLineId(), first.get("order_line_id"));
        assertEquals(one.orderId(), first.get("order_id"));
        assertEquals(one.productId(), first.get("product_id"));
        assertEquals("turntable", first.get("asset_type"));
        assertEquals("video", first.get("role"));
        assertEquals("video/mp4", first.get("media_type"));
        assertEquals(20, first.get("size_bytes"));
        assertEquals(96, first.get("frame_count"));
        assertEquals(4.0f, first.get("duration_s"));
        assertEquals("graph_authoritative_save", first.get("publication_mode"));

        assertEquals(List.of(video), given().queryParam("order_line_id", one.orderLineId())
                .queryParam("asset_type", "turntable").get("/api/media-assets").then().statusCode(200)
                .extract().jsonPath().getList("items.id"));
        assertEquals(List.of(other), given().queryParam("product_id", two.productId()).get("/api/media-assets")
                .then().statusCode(200).extract().jsonPath().getList("items.id"));

        given().queryParam("order_line_id", one.orderLineId()).queryParam("page", 2).queryParam("page_size", 1)
                .get("/api/media-assets").then().statusCode(200)
                .body("total", equalTo(2)).body("page", equalTo(2)).body("page_size", equalTo(1))
                .body("items.id", equalTo(List.of(still)));
        given().queryParam("order_line_id", one.orderLineId()).queryParam("page", 5).queryParam("page_size", 1)
                .get("/api/media-assets").then().statusCode(200)
                .body("total", equalTo(2)).body("items", equalTo(List.of()));
        given().queryParam("order_line_id", one.orderLineId()).queryParam("page_size", 1000)
                .get("/api/media-assets").then().statusCode(200).body("page_size", equalTo(200));
    }

    @Test
    void badQueryParametersAre400WithCodeAndPath() {
        given().queryParam("order_line_id", "nope").get("/api/media-assets").then().statusCode(400)
                .body("code", equalTo("invalid_id")).body("path", equalTo("/order_line_id"));
        given().queryParam("product_id", "12").get("/api/media-assets").then().statusCode(400)
                .body("code", equalTo("invalid_id")).body("path", equalTo("/product_id"));
        given().queryParam("page", "0").get("/api/media-assets").then().statusCode(400)
                .body("code", equalTo("invalid_page")).body("path", equalTo("/page"));
        given().queryParam("page_size", "many").get("/api/media-assets").then().statusCode(400)
                .body("code", equalTo("invalid_page_size")).body("path", equalTo("/page_size"));
        given().get("/api/media-assets/not-a-uuid").then().statusCode(400)
                .body("code", equalTo("invalid_id")).body("path", equalTo("/id"));
    }

    @Test
    void oneAssetByIdOr404() throws Exception {
        Line line = fx.bareLine(null);
        String id = asset(line, "still", "still", "renders/" + line.orderLineId() + "/one.png", "image/png", bytes(3));

        given().get("/api/media-assets/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("path", equalTo("renders/" + line.orderLineId() + "/one.png"))
                .body("width", equalTo(640)).body("height", equalTo(480)).body("sha256", equalTo("abc123"));
        String unknown = UUID.randomUUID().toString();
        given().get("/api/media-assets/" + unknown).then().statusCode(404)
                .body("code", equalTo("media_asset_not_found"));
        given().get("/api/media-assets/" + unknown + "/content").then().statusCode(404)
                .body("code", equalTo("media_asset_not_found"));
    }

    @Test
    void contentIsStreamedWholeOrByRangeWithItsMediaType() throws Exception {
        Line line = fx.bareLine(null);
        byte[] video = bytes(1000);
        String id = asset(line, "turntable", "video", "renders/" + line.orderLineId() + "/turntable.mp4", "video/mp4",
                video);
        String content = "/api/media-assets/" + id + "/content";

        Response whole = given().get(content);
        assertEquals(200, whole.statusCode());
        assertEquals("video/mp4", whole.contentType());
        assertEquals("1000", whole.header("Content-Length"));
        assertEquals("bytes", whole.header("Accept-Ranges"));
        assertArrayEquals(video, whole.asByteArray());

        Response part = given().header("Range", "bytes=10-19").get(content);
        assertEquals(206, part.statusCode());
        assertEquals("video/mp4", part.contentType());
        assertEquals("bytes 10-19/1000", part.header("Content-Range"));
        assertEquals("10", part.header("Content-Length"));
        assertEquals("bytes", part.header("Accept-Ranges"));
        assertArrayEquals(Arrays.copyOfRange(video, 10, 20), part.asByteArray());

        Response tail = given().header("Range", "bytes=-100").get(content);
        assertEquals(206, tail.statusCode());
        assertEquals("bytes 900-999/1000", tail.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(video, 900, 1000), tail.asByteArray());

        Response open = given().header("Range", "bytes=990-").get(content);
        assertEquals(206, open.statusCode());
        assertEquals("bytes 990-999/1000", open.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(video, 990, 1000), open.asByteArray());

        Response several = given().header("Range", "bytes=0-1,5-6").get(content);
        assertEquals(200, several.statusCode());
        assertArrayEquals(video, several.asByteArray());

        given().header("Range", "bytes=1000-").get(content).then().statusCode(416)
                .header("Content-Range", "bytes */1000")
                .body("code", equalTo("range_not_satisfiable")).body("path", equalTo("/headers/Range"));
    }

    @Test
    void missingFileIs404AndAPathOutsideStorageIsRefused() throws Exception {
        Line line = fx.bareLine(null);
        String missing = asset(line, "still", "still", "renders/" + line.orderLineId() + "/gone.png", "image/png", null);
        given().get("/api/media-assets/" + missing + "/content").then().statusCode(404)
                .body("code", equalTo("content_missing")).body("path", equalTo("/path"));

        Path outside = root.getParent().resolve("outside-" + UUID.randomUUID() + ".bin");
        Files.write(outside, bytes(10));
        String escaping = asset(line, "still", "still", "../" + outside.getFileName(), "image/png", null);
        given().get("/api/media-assets/" + escaping + "/content").then().statusCode(403)
                .body("code", equalTo("path_outside_storage"));
        String absolute = asset(line, "still", "still", outside.toAbsolutePath().toString(), "image/png", null);
        given().get("/api/media-assets/" + absolute + "/content").then().statusCode(403)
                .body("code", equalTo("path_outside_storage"));

        Path link = root.resolve("renders/" + line.orderLineId() + "/link.png");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, outside);
        String linked = asset(line, "still", "still", "renders/" + line.orderLineId() + "/link.png", "image/png", null);
        given().get("/api/media-assets/" + linked + "/content").then().statusCode(403)
                .body("code", equalTo("path_outside_storage"));
    }

    @Test
    void openApiDescribesTheTypedRecordsInSnakeCase() {
        JsonPath api = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Object> asset = api.getMap("components.schemas.MediaAsset.properties");
        assertEquals(FIELDS, new TreeSet<>(asset.keySet()));
        Map<String, Object> notification = api.getMap("components.schemas.Notification.properties");
        assertEquals(new TreeSet<>(Set.of("id", "order_id", "order_line_id", "run_id", "job_id", "kind", "payload",
                "created_at")), new TreeSet<>(notification.keySet()));
        Map<String, Object> paths = api.getMap("paths");
        for (String path : List.of("/api/media-assets", "/api/media-assets/{id}", "/api/media-assets/{id}/content",
                "/api/notifications", "/api/workflows/runs/{id}/events", "/api/workflows/runs/events")) {
            assertEquals(true, paths.containsKey(path), path + " in " + paths.keySet());
        }
    }
}
