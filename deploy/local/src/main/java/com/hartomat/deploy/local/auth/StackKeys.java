package com.hartomat.deploy.local.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

/**
 * A stack's token signing key pair, kept in a folder: {@value #PRIVATE_KEY} (the RSA private key as a JWK, readable by
 * its owner only) and {@value #PUBLIC_KEYS} (the public half as a JWK set, what the services verify tokens with, the
 * way they read an identity provider's JWKS URL). Created on first use and reused after, so tokens minted earlier stay
 * valid across restarts of the stack.
 */
public final class StackKeys {

    public static final String PRIVATE_KEY = "signing-key.jwk.json";
    public static final String PUBLIC_KEYS = "jwks.json";

    private final RsaJsonWebKey key;
    private final Path privateKey;
    private final Path publicKeys;

    private StackKeys(RsaJsonWebKey key, Path privateKey, Path publicKeys) {
        this.key = key;
        this.privateKey = privateKey;
        this.publicKeys = publicKeys;
    }

    /** The key pair in {@code dir}, created there when absent (a file lock keeps concurrent first uses to one key). */
    public static StackKeys loadOrCreate(Path dir) {
        try {
            Files.createDirectories(dir);
            Path privateKey = dir.resolve(PRIVATE_KEY);
            Path publicKeys = dir.resolve(PUBLIC_KEYS);
            try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                RsaJsonWebKey key;
                if (Files.isRegularFile(privateKey)) {
                    key = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(Files.readString(privateKey));
                } else {
                    key = RsaJwkGenerator.generateJwk(2048);
                    key.setKeyId("hartomat-" + UUID.randomUUID());
                    key.setAlgorithm("RS256");
                    key.setUse("sig");
                    write(privateKey, key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE), true);
                }
                String jwks = new JsonWebKeySet(publicOnly(key)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
                if (!Files.isRegularFile(publicKeys) || !Files.readString(publicKeys).equals(jwks)) {
                    write(publicKeys, jwks, false);
                }
                return new StackKeys(key, privateKey, publicKeys);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing key in " + dir, e);
        } catch (JoseException e) {
            throw new IllegalStateException("the signing key in " + dir + " is not a usable RSA JWK", e);
        }
    }

    public RsaJsonWebKey key() {
        return key;
    }

    /** The private key file (a JWK), for a service that signs its own service tokens with the stack's key. */
    public Path privateKey() {
        return privateKey;
    }

    /** The public key set file (a JWKS), what every service verifies tokens with. */
    public Path publicKeys() {
        return publicKeys;
    }

    private static RsaJsonWebKey publicOnly(RsaJsonWebKey key) throws JoseException {
        RsaJsonWebKey pub = new RsaJsonWebKey(key.getRsaPublicKey());
        pub.setKeyId(key.getKeyId());
        pub.setAlgorithm(key.getAlgorithm());
        pub.setUse(key.getUse());
        return pub;
    }

    private static void write(Path target, String content, boolean ownerOnly) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        if (ownerOnly) {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the folder's own permissions apply
            }
        }
        Files.writeString(tmp, content);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
