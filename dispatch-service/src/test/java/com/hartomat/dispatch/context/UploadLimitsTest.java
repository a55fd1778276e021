package com.hartomat.dispatch.context;

import static com.hartomat.deploy.local.auth.AuthenticatedRequests.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** STEP uploads are bounded in size (JSON 413) and sniffed for ISO 10303-21 structure (422 saying why). */
@QuarkusTest
class UploadLimitsTest {

    static final long DEFAULT_LIMIT = 256L * 1024 * 1024;

    @Test
    void aFileWithOnlyTheStepOpeningLineIsRefusedWithTheReason() {
        byte[] fake = "ISO-10303-21;\nthis is not really STEP\n".getBytes(StandardCharsets.US_ASCII);
        given().multiPart("file", "fake.step", fake, "application/octet-stream").post("/api/cad-files")
                .then().statusCode(422).body("code", equalTo("invalid_step_file")).body("path", equalTo("/file"))
                .body("message", containsString("no HEADER section"));
    }

    @Test
    void aFileThatIsNotStepAtAllIsRefused() {
        given().multiPart("file", "cube.stp", "solid cube\nendsolid\n".getBytes(StandardCharsets.US_ASCII),
                "application/octet-stream").post("/api/cad-files")
                .then().statusCode(422).body("code", equalTo("invalid_step_file"))
                .body("message", containsString("not a STEP"));
    }

    @Test
    void anUploadDeclaringMoreThanTheLimitIsRefusedWithJson413BeforeItIsSent() throws IOException {
        JsonNode error = declare("/api/cad-files", "multipart/form-data; boundary=x", DEFAULT_LIMIT + 1);
        assertEquals("upload_too_large", error.get("code").asText());
        assertEquals("/file", error.get("path").asText());
        assertTrue(error.get("message").asText().contains(Long.toString(DEFAULT_LIMIT)), error.toString());
    }

    @Test
    void aJsonBodyDeclaringMoreThanItsLimitIsRefusedWithJson413() throws IOException {
        JsonNode error = declare("/api/products", "application/json", 11L * 1024 * 1024);
        assertEquals("payload_too_large", error.get("code").asText());
    }

    /** Sends only the request head with a declared length (no client library would send a lie) and reads the answer. */
    static JsonNode declare(String path, String contentType, long length) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                response.write(buffer, 0, n);
            }
            String text = response.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("HTTP/1.1 413"), text);
            assertTrue(text.toLowerCase().contains("content-type: application/json"), text);
            return new ObjectMapper().readTree(text.substring(text.indexOf("\r\n\r\n") + 4));
        }
    }
}
