package com.hartomat.deploy.local.entry;

import java.util.List;
import java.util.Optional;

/**
 * nginx's own rule for choosing a location (https://nginx.org/en/docs/http/ngx_http_core_module.html#location), for the
 * modifiers the generator uses: an exact ({@code =}) match ends the search; otherwise the longest matching prefix is
 * remembered, then the regular expressions are tried in the order they appear in the file and the first that matches
 * wins; when none does, the remembered prefix does. {@link NginxConfig} checks the route table's examples against this
 * before it writes a file, so a table whose order nginx would read differently is refused instead of misrouting.
 */
final class NginxLocationSelection {

    private NginxLocationSelection() {
    }

    static Optional<NginxLocation> select(List<NginxLocation> locations, String uri) {
        NginxLocation longestPrefix = null;
        for (NginxLocation location : locations) {
            if (location.kind() == NginxLocation.Kind.EXACT && location.matches(uri)) {
                return Optional.of(location);
            }
            if (location.kind() == NginxLocation.Kind.PREFIX && location.matches(uri)
                    && (longestPrefix == null || location.pattern().length() > longestPrefix.pattern().length())) {
                longestPrefix = location;
            }
        }
        for (NginxLocation location : locations) {
            if (location.kind() == NginxLocation.Kind.REGEX && location.matches(uri)) {
                return Optional.of(location);
            }
        }
        return Optional.ofNullable(longestPrefix);
    }
}
