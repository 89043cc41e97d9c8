package org.griot.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.util.EnumSet;
import org.griot.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

class LoginIntegrationTests extends IntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    UserAdministration administration;

    @Test
    void aDemoUserLogsInAndTheLoginIsAudited() throws Exception {
        mvc.perform(formLogin("/login").user("supervisor").password(DemoUsers.PASSWORD))
                .andExpect(authenticated().withUsername("supervisor").withRoles("SUPERVISOR"))
                .andExpect(redirectedUrl("/"));

        assertThat(jdbc.sql("select count(*) from audit_event where action = 'LOGIN_SUCCEEDED' and actor = 'supervisor'")
                .query(Integer.class).single()).isPositive();
        assertThat(users.find("supervisor").orElseThrow().lastLoginAt()).isNotNull();
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() {
        String hash = users.passwordHash("agent").orElseThrow();
        assertThat(hash).startsWith("{bcrypt}$2a$").doesNotContain(DemoUsers.PASSWORD);
        assertThat(encoder.matches(DemoUsers.PASSWORD, hash)).isTrue();
    }

    @Test
    void anUnknownUserFailsLikeAWrongPasswordAndIsAudited() throws Exception {
        mvc.perform(formLogin("/login").user("nobody-here").password("whatever-123"))
                .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error"));
        assertThat(jdbc.sql("select after_state from audit_event where action = 'LOGIN_FAILED' and actor = 'nobody-here'")
                .query(String.class).single()).isEqualTo("reason=unknown user");
    }

    @Test
    @WithMockUser(username = "root-admin", roles = "ADMIN")
    void roleChangesAreCheckedForSeparationOfDutiesAndAuditedWithBeforeAndAfter() {
        administration.create("newagent", "New Agent", "a-long-password", EnumSet.of(Role.AGENT));

        assertThatThrownBy(() -> administration.changeRoles("newagent", EnumSet.of(Role.AUDITOR, Role.ADMIN)))
                .isInstanceOfSatisfying(UserAdministrationException.class,
                        e -> assertThat(e.code()).isEqualTo("separation-of-duties"));
        assertThatThrownBy(() -> administration.create("viewer2", "Viewer", "a-long-password",
                EnumSet.of(Role.CLIENT_VIEWER, Role.SUPERVISOR))).isInstanceOf(UserAdministrationException.class);
        assertThatThrownBy(() -> administration.create("shortpw", "Short", "short", EnumSet.of(Role.AGENT)))
                .isInstanceOfSatisfying(UserAdministrationException.class, e -> assertThat(e.code()).isEqualTo("password"));

        administration.changeRoles("newagent", EnumSet.of(Role.AGENT, Role.SUPERVISOR));

        var change = jdbc.sql("""
                select actor, before_state, after_state from audit_event
                where action = 'USER_ROLES_CHANGED' and target = 'user:newagent' order by id desc limit 1""")
                .query().singleRow();
        assertThat(change.get("actor")).isEqualTo("root-admin");
        assertThat((String) change.get("before_state")).contains("roles=[AGENT]");
        assertThat((String) change.get("after_state")).contains("roles=[AGENT, SUPERVISOR]");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'USER_CREATED' and target = 'user:newagent'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    @WithMockUser(username = "sup", roles = "SUPERVISOR")
    void onlyAdministratorsAdministerUsers() {
        assertThatThrownBy(() -> administration.create("sneaky", "Sneaky", "a-long-password", EnumSet.of(Role.ADMIN)))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        assertThat(users.exists("sneaky")).isFalse();
    }

    @Test
    void theProductionProfileRefusesToStartWithDemoCredentials() {
        var guard = new ProductionCredentialsGuard(users, encoder, administration,
                new SecurityProperties(null, null));

        assertThatThrownBy(guard::afterPropertiesSet)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("demo");
    }
}
