package org.griot.access;

import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * In production, refuses to start while a demo user or the demo password exists, and creates the
 * first administrator from {@code griot.security.bootstrap-admin} when there is none yet.
 */
@Component
@Profile("prod")
class ProductionCredentialsGuard implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ProductionCredentialsGuard.class);

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final UserAdministration administration;
    private final SecurityProperties properties;

    ProductionCredentialsGuard(UserAccountRepository users, PasswordEncoder passwordEncoder,
            UserAdministration administration, SecurityProperties properties) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.administration = administration;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        for (String demoUser : DemoUsers.USERS.keySet()) {
            String hash = users.passwordHash(demoUser).orElse(null);
            if (hash != null && passwordEncoder.matches(DemoUsers.PASSWORD, hash)) {
                throw new IllegalStateException("Refusing to start in production: the demo user '" + demoUser
                        + "' still has the demo password. Change or remove it (demo profile) before running with prod.");
            }
        }
        for (String hash : users.allPasswordHashes()) {
            if (passwordEncoder.matches(DemoUsers.PASSWORD, hash)) {
                throw new IllegalStateException(
                        "Refusing to start in production: a user has the demo password. Reset it before running with prod.");
            }
        }
        SecurityProperties.BootstrapAdmin bootstrap = properties.bootstrapAdmin();
        if (bootstrap != null && bootstrap.username() != null && !bootstrap.username().isBlank()) {
            if (DemoUsers.PASSWORD.equals(bootstrap.password())) {
                throw new IllegalStateException("Refusing to start in production: the bootstrap admin uses the demo password.");
            }
            if (!users.anyWithRole(Role.ADMIN)) {
                administration.createUnchecked(bootstrap.username(), "Administrator", bootstrap.password(),
                        EnumSet.of(Role.ADMIN));
                log.warn("First administrator '{}' created from griot.security.bootstrap-admin; remove that setting now.",
                        bootstrap.username());
            }
        }
        if (!users.anyWithRole(Role.ADMIN)) {
            log.warn("No administrator exists: set griot.security.bootstrap-admin.username/password for the first start.");
        }
    }
}
