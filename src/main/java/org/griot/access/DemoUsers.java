package org.griot.access;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's users, one per role (password {@value #PASSWORD}). They exist only in the demo profile;
 * the production profile refuses to start while any of them, or this password, is in the database.
 */
@Component
@Profile("demo")
@Order(0)
class DemoUsers implements ApplicationRunner {

    static final String PASSWORD = "griot-demo-2026";

    static final Map<String, Set<Role>> USERS = Map.of(
            "agent", EnumSet.of(Role.AGENT),
            "supervisor", EnumSet.of(Role.SUPERVISOR),
            "analyst", EnumSet.of(Role.ANALYST),
            "crisis", EnumSet.of(Role.CRISIS),
            "auditor", EnumSet.of(Role.AUDITOR),
            "admin", EnumSet.of(Role.ADMIN),
            "operator", EnumSet.of(Role.CLIENT_VIEWER));

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final UserAccountRepository users;
    private final UserAdministration administration;

    DemoUsers(UserAccountRepository users, UserAdministration administration) {
        this.users = users;
        this.administration = administration;
    }

    @Override
    public void run(ApplicationArguments args) {
        USERS.forEach((username, roles) -> {
            if (!users.exists(username)) {
                administration.createUnchecked(username, "Démo " + username, PASSWORD, roles);
                log.info("Demo user {} created with roles {}", username, roles);
            }
        });
        log.info("Demo users: {} (password: {})", USERS.keySet().stream().sorted().toList(), PASSWORD);
    }
}
