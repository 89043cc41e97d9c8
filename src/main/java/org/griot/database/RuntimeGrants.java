package org.griot.database;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Production with two database accounts (docker/mariadb/runtime-grants.sql): right after Liquibase has
 * migrated the schema as the owner ({@code spring.liquibase.user}), the owner grants the runtime account
 * its rights on every table, INSERT/SELECT only on the audit trail, before anything else uses the
 * database. Off unless {@code griot.database.runtime-grants.apply=true}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "griot.database.runtime-grants.apply", havingValue = "true")
class RuntimeGrants {

    private static final Logger log = LoggerFactory.getLogger(RuntimeGrants.class);

    @Bean
    static BeanPostProcessor runtimeGrantsAfterLiquibase(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if ("liquibase".equals(name)) {
                    String url = environment.getProperty("spring.liquibase.url");
                    String owner = environment.getProperty("spring.liquibase.user");
                    if (url == null || url.isBlank() || owner == null || owner.isBlank()) {
                        throw new IllegalStateException("griot.database.runtime-grants.apply needs the owner account that "
                                + "migrates the schema: set SPRING_LIQUIBASE_URL, SPRING_LIQUIBASE_USER and _PASSWORD");
                    }
                    String runtime = environment.getProperty("griot.database.username");
                    String host = environment.getProperty("griot.database.runtime-grants.host", "%");
                    try {
                        apply(url, owner, environment.getProperty("spring.liquibase.password", ""), runtime, host);
                    } catch (SQLException e) {
                        throw new IllegalStateException("Could not grant the runtime account '" + runtime + "' its rights "
                                + "(is docker/mariadb/runtime-grants.sql installed in the database?): " + e.getMessage(), e);
                    }
                    log.info("Runtime account '{}'@'{}' granted its table rights (audit trail: INSERT/SELECT only)",
                            runtime, host);
                }
                return bean;
            }
        };
    }

    /** Calls the procedure of runtime-grants.sql as the schema's owner. */
    static void apply(String url, String owner, String ownerPassword, String runtimeUser, String runtimeHost)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, owner, ownerPassword);
                CallableStatement call = connection.prepareCall("{call griot_grant_runtime_rights(?, ?)}")) {
            call.setString(1, runtimeUser);
            call.setString(2, runtimeHost);
            call.execute();
        }
    }
}
