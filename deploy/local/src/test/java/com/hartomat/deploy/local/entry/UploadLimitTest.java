package com.hartomat.deploy.local.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UploadLimitTest {

    @Test
    void withoutTheVariableTheLimitIs256MiB() {
        assertEquals(268_435_456L, UploadLimit.fromEnvironment(Map.of()));
        assertEquals("hartomat.uploads.max-bytes", UploadLimit.KEY);
    }

    @Test
    void theVariableTakesBytesOrABinarySuffix() {
        assertEquals(1000L, UploadLimit.fromEnvironment(Map.of("HARTOMAT_UPLOADS_MAX_BYTES", "1000")));
        assertEquals(64L * 1024, UploadLimit.parse("64K"));
        assertEquals(512L * 1024 * 1024, UploadLimit.parse("512m"));
        assertEquals(2L * 1024 * 1024 * 1024, UploadLimit.parse("2G"));
    }

    @Test
    void aValueThatIsNoSizeIsRefusedWithTheKeyNamed() {
        for (String bad : new String[] {"lots", "-5", "0", "12T", "M"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UploadLimit.parse(bad), bad);
            assertTrue(e.getMessage().contains("hartomat.uploads.max-bytes"), e.getMessage());
        }
    }
}
