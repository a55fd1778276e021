package com.hartomat.deploy.local.entry;

import java.nio.file.Path;

/** The committed route table, read from the module's working directory as Maven runs the tests. */
final class CommittedRoutes {

    static final Path FILE = Path.of("..", "routes", "routes.json");

    private CommittedRoutes() {
    }

    static RouteTable table() {
        return RouteTable.read(FILE);
    }
}
