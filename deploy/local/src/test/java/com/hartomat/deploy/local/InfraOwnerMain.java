package com.hartomat.deploy.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Starts the infrastructure, writes its work directory to a marker file, then waits to be killed. */
public final class InfraOwnerMain {

    private InfraOwnerMain() {
    }

    public static void main(String[] args) throws Exception {
        LocalInfra infra = LocalInfra.start(List.of(new TopicSpec("owner.v1", 1, false)));
        Files.writeString(Path.of(args[0]), infra.workDir().toString());
        Thread.sleep(Long.MAX_VALUE);
    }
}
