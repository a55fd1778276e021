package com.hartomat.deploy.local.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EntryPointPlanTest {

    private static final Optional<Path> NGINX = Optional.of(Path.of("/usr/sbin/nginx"));

    @Test
    void withNginxAndAFreePortTheEntryPointStarts() {
        assertEquals(new EntryPointPlan.Start(Path.of("/usr/sbin/nginx")),
                EntryPointPlan.decide(NGINX, false, 8080, false));
    }

    @Test
    void withoutNginxTheStackStartsWithoutItNamingThePackage() {
        String reason = assertInstanceOf(EntryPointPlan.Skip.class,
                EntryPointPlan.decide(Optional.empty(), false, 8080, false)).reason();
        assertTrue(reason.contains("apt-get install -y nginx") && reason.contains("without root"), reason);
        assertTrue(reason.contains("starting without the entry point"), reason);
    }

    @Test
    void aTakenPortIsNamedWithTheVariableThatPicksAnother() {
        String reason = assertInstanceOf(EntryPointPlan.Skip.class, EntryPointPlan.decide(NGINX, true, 8080, true)).reason();
        assertTrue(reason.contains("port 8080 is taken") && reason.contains("HARTOMAT_ENTRY_PORT"), reason);
    }

    @Test
    void thePortComesFromHartomatEntryPortOrIs8080() {
        assertEquals(8080, EntryPointSettings.portFromEnvironment(Map.of()));
        assertEquals(9090, EntryPointSettings.portFromEnvironment(Map.of("HARTOMAT_ENTRY_PORT", "9090")));
        for (String bad : new String[] {"http", "0", "70000"}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> EntryPointSettings.portFromEnvironment(Map.of("HARTOMAT_ENTRY_PORT", bad)));
            assertTrue(e.getMessage().contains("HARTOMAT_ENTRY_PORT"), e.getMessage());
        }
    }
}
