package com.hartomat.deploy.local.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackKeysTest {

    @TempDir
    Path dir;

    @Test
    void theKeyIsCreatedOnceAndReusedWithThePrivateHalfReadableByItsOwnerOnly() throws Exception {
        StackKeys first = StackKeys.loadOrCreate(dir);
        StackKeys again = StackKeys.loadOrCreate(dir);
        assertEquals(first.key().getKeyId(), again.key().getKeyId());
        assertEquals(first.key().getRsaPrivateKey(), again.key().getRsaPrivateKey());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.privateKey())));
        assertFalse(Files.readString(first.publicKeys()).contains("\"d\""), "the JWKS holds no private part");
    }

    @Test
    void aTokenVerifiesAgainstThePublishedKeySetWithIssuerAudienceAndExpiry() throws Exception {
        StackKeys keys = StackKeys.loadOrCreate(dir);
        String token = new TokenMint(keys.key(), TokenMint.LOCAL_ISSUER).sign("alice", List.of("operator"),
                Duration.ofMinutes(5));
        JwtClaims claims = consumer(keys).processToClaims(token);
        assertEquals("alice", claims.getSubject());
        assertEquals(List.of("operator"), claims.getStringListClaimValue("groups"));
    }

    @Test
    void anExpiredTokenOrOneForAnotherAudienceDoesNotVerify() throws Exception {
        StackKeys keys = StackKeys.loadOrCreate(dir);
        TokenMint mint = new TokenMint(keys.key(), TokenMint.LOCAL_ISSUER);
        Instant now = Instant.now();
        String expired = mint.sign("a", List.of("viewer"), TokenMint.AUDIENCE, now.minusSeconds(7200),
                now.minusSeconds(3600));
        String otherAudience = mint.sign("a", List.of("viewer"), "elsewhere", now, now.plusSeconds(600));
        assertThrows(InvalidJwtException.class, () -> consumer(keys).processToClaims(expired));
        assertThrows(InvalidJwtException.class, () -> consumer(keys).processToClaims(otherAudience));
    }

    private static JwtConsumer consumer(StackKeys keys) throws Exception {
        JsonWebKeySet set = new JsonWebKeySet(Files.readString(keys.publicKeys()));
        return new JwtConsumerBuilder().setVerificationKeyResolver(new JwksVerificationKeyResolver(set.getJsonWebKeys()))
                .setExpectedIssuer(TokenMint.LOCAL_ISSUER).setExpectedAudience(TokenMint.AUDIENCE)
                .setRequireExpirationTime().build();
    }
}
