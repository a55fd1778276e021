package com.hartomat.registry.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hartomat.api.errors.ApiException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BodySizeLimitTest {

    @Test
    void aBodyOfExactlyTheLimitIsReadWhole() throws Exception {
        InputStream in = new BodySizeLimit.Counting(new ByteArrayInputStream(new byte[100]), 100);
        assertEquals(100, in.readAllBytes().length);
    }

    @Test
    void oneByteOverTheLimitIsA413PayloadTooLarge() {
        InputStream in = new BodySizeLimit.Counting(new ByteArrayInputStream(new byte[101]), 100);
        ApiException e = assertThrows(ApiException.class, in::readAllBytes);
        assertEquals(413, e.status());
        assertEquals("payload_too_large", e.code());
        assertEquals("", e.path());
    }

    @Test
    void singleByteReadsAreCountedToo() throws Exception {
        InputStream in = new BodySizeLimit.Counting(new ByteArrayInputStream(new byte[3]), 2);
        in.read();
        in.read();
        assertThrows(ApiException.class, in::read);
    }
}
