package com.hartomat.deploy.local.auth;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./hartomat token}: prints a bearer token signed with the local stack's key (created under
 * {@code .hartomat/run/auth} when absent, the one {@code ./hartomat up} configures the services to trust).
 */
public final class TokenCommand {

    private TokenCommand() {
    }

    /** The local stack's key pair, under the project's state folder. */
    public static StackKeys stackKeys(Path projectRoot) {
        return StackKeys.loadOrCreate(projectRoot.resolve(".hartomat/run/auth"));
    }

    /** A token of the local stack. */
    public static String token(Path projectRoot, TokenRequest request) {
        return new TokenMint(stackKeys(projectRoot).key(), TokenMint.LOCAL_ISSUER)
                .sign(request.subject(), request.roles(), request.ttl());
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: TokenCommand <project-root> --role <role> --sub <subject> [--ttl 1h]");
            System.exit(2);
        }
        TokenRequest request;
        try {
            request = TokenRequest.parse(List.of(Arrays.copyOfRange(args, 1, args.length)));
        } catch (IllegalArgumentException e) {
            System.err.println("./hartomat token: " + e.getMessage());
            System.err.println("usage: ./hartomat token --role viewer|author|operator|admin --sub <subject> [--ttl 1h]");
            System.exit(2);
            return;
        }
        System.out.println(token(Path.of(args[0]).toAbsolutePath().normalize(), request));
    }
}
