package com.hartomat.registry.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The console's sign-in settings from the configuration (served by {@link ConsoleSettingsResource}). */
class ConsoleSettingsTest {

    @Test
    void aConfiguredIssuerNamesTheProviderTheClientAndTheScope() {
        ConsoleSettings settings = ConsoleSettings.of(Optional.of(" https://sso.example.com/realms/hartomat "),
                "hartomat-console", "openid profile", "realm_access/roles");
        assertEquals(new ConsoleSettings.Oidc("https://sso.example.com/realms/hartomat", "hartomat-console",
                "openid profile"), settings.oidc());
        assertEquals("realm_access/roles", settings.rolesClaim());
    }

    @Test
    void noIssuerOrABlankOneMeansNoProvider() {
        assertNull(ConsoleSettings.of(Optional.empty(), "hartomat-console", "openid", "groups").oidc());
        assertNull(ConsoleSettings.of(Optional.of("  "), "hartomat-console", "openid", "groups").oidc(),
                "an empty environment variable switches the provider off");
    }
}
