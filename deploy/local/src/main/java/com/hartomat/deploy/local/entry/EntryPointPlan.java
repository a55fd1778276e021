package com.hartomat.deploy.local.entry;

import java.nio.file.Path;
import java.util.Optional;

/** Whether {@code ./hartomat up} starts the entry point, or why it goes on without it. */
public sealed interface EntryPointPlan {

    /** Start nginx from this binary. */
    record Start(Path nginx) implements EntryPointPlan {
    }

    /** Go on without the entry point; {@code reason} says why and what to do, in one line. */
    record Skip(String reason) implements EntryPointPlan {
    }

    static EntryPointPlan decide(Optional<Path> nginx, boolean portTaken, int port, boolean root) {
        String without = ": starting without the entry point; the services answer on their own ports";
        if (nginx.isEmpty()) {
            return new Skip(root
                    ? "nginx is not installed and could not be installed (apt-get install -y nginx)" + without
                    : "the entry point needs nginx, which is not installed and cannot be installed without root"
                            + " (as root: apt-get install -y nginx)" + without);
        }
        if (portTaken) {
            return new Skip("port " + port + " is taken by another program, so the entry point cannot listen there"
                    + " (" + EntryPointSettings.PORT_ENVIRONMENT + "=<port> ./hartomat up picks another)" + without);
        }
        return new Start(nginx.get());
    }
}
