package org.griot.access;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.griot.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Each role against each protected area: allowed (the page or API answers) or 403. */
class AccessMatrixIntegrationTests extends IntegrationTest {

    /** How an area is reached: through MockMvc, or over real HTTP (servlets other than Spring MVC). */
    enum Via { MOCK_MVC, BROWSER_SESSION, HTTP_BASIC }

    /** An area, the request that reaches it, and the roles allowed in. */
    record Area(String name, Via via, MockHttpServletRequestBuilder request, String path, Set<Role> allowed) {
        static Area mvc(String name, MockHttpServletRequestBuilder request, Set<Role> allowed) {
            return new Area(name, Via.MOCK_MVC, request, null, allowed);
        }

        static Area http(String name, Via via, String path, Set<Role> allowed) {
            return new Area(name, via, null, path, allowed);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Area> AREAS = List.of(
            Area.mvc("home", get("/"), EnumSet.allOf(Role.class)),
            Area.mvc("processes (read)", get("/processes"), EnumSet.of(Role.ANALYST, Role.ADMIN, Role.AUDITOR)),
            Area.mvc("processes (deploy)", post("/processes/deploy").with(csrf()), EnumSet.of(Role.ANALYST, Role.ADMIN)),
            Area.mvc("rules (read)", get("/rules"), EnumSet.of(Role.ANALYST, Role.ADMIN, Role.AUDITOR)),
            Area.mvc("rules (reload)", post("/rules/reload").with(csrf()), EnumSet.of(Role.ANALYST, Role.ADMIN)),
            Area.mvc("IVR simulator", get("/ivr/simulator"), EnumSet.of(Role.ANALYST)),
            Area.mvc("IVR simulator (dial)", post("/ivr/simulator/calls").with(csrf()), EnumSet.of(Role.ANALYST)),
            Area.mvc("IVR map", get("/ivr/map"), EnumSet.of(Role.ANALYST, Role.SUPERVISOR, Role.AUDITOR)),
            Area.mvc("audit trail", get("/audit"), EnumSet.of(Role.AUDITOR)),
            Area.mvc("user administration", get("/admin/users"), EnumSet.of(Role.ADMIN)),
            Area.mvc("segments (VIP list) import", post("/admin/segments").with(csrf()), EnumSet.of(Role.ADMIN)),
            Area.mvc("promote a process to production", post("/processes/no-such-process/rollback").with(csrf()),
                    EnumSet.of(Role.ANALYST)),
            Area.mvc("processes API", get("/api/processes"), EnumSet.of(Role.ANALYST, Role.ADMIN, Role.AUDITOR)),
            Area.mvc("rules API (upload)", post("/api/rules"), EnumSet.of(Role.ANALYST, Role.ADMIN)),
            Area.mvc("unknown URL", get("/no-such-area"), EnumSet.noneOf(Role.class)),
            Area.http("Camunda webapp", Via.BROWSER_SESSION, "/camunda/app/cockpit/default/", EnumSet.of(Role.ANALYST, Role.ADMIN)),
            Area.http("Camunda webapp API", Via.BROWSER_SESSION, "/camunda/api/engine/engine/", EnumSet.of(Role.ANALYST, Role.ADMIN)),
            Area.http("Camunda REST", Via.HTTP_BASIC, "/engine-rest/engine", EnumSet.of(Role.ADMIN)),
            Area.http("Prometheus metrics", Via.HTTP_BASIC, "/actuator/prometheus", EnumSet.of(Role.ADMIN)));

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    static Stream<Arguments> roleByArea() {
        List<Arguments> cases = new ArrayList<>();
        for (Area area : AREAS) {
            for (Role role : Role.values()) {
                cases.add(Arguments.of(area, role));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("roleByArea")
    void eachRoleReachesOnlyItsAreas(Area area, Role role) throws Exception {
        int statusCode = switch (area.via()) {
            case MOCK_MVC -> mvc.perform(area.request().with(user("u-" + role.name().toLowerCase()).roles(role.name())))
                    .andReturn().getResponse().getStatus();
            case BROWSER_SESSION -> HttpSession.loggedIn(port, demoUserOf(role), DemoUsers.PASSWORD).get(area.path());
            case HTTP_BASIC -> HttpSession.anonymous(port).getWithBasic(area.path(), demoUserOf(role), DemoUsers.PASSWORD);
        };
        if (area.allowed().contains(role)) {
            // Allowed: anything but 401/403/5xx (a POST without its file answers 400; a redirect is fine).
            assertThat(statusCode).as("%s should reach %s", role, area).isNotIn(401, 403).isLessThan(500);
        } else {
            assertThat(statusCode).as("%s must be refused %s", role, area).isEqualTo(403);
        }
    }

    static String demoUserOf(Role role) {
        return DemoUsers.USERS.entrySet().stream().filter(e -> e.getValue().equals(EnumSet.of(role))).findFirst()
                .orElseThrow().getKey();
    }

    @Test
    void anonymousBrowsersAreSentToTheLoginPageAndMachinesAreChallenged() throws Exception {
        mvc.perform(get("/processes")).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/login")));
        assertThat(HttpSession.anonymous(port).get("/engine-rest/engine")).isEqualTo(401);
        assertThat(HttpSession.anonymous(port).get("/actuator/prometheus")).isEqualTo(401);
        assertThat(HttpSession.anonymous(port).get("/camunda/app/cockpit/default/")).isEqualTo(302);
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/login")).andExpect(status().isOk());
    }

    @Test
    void machineClientsAuthenticateWithHttpBasicAndTheirFailuresAreCounted() throws Exception {
        HttpSession anonymous = HttpSession.anonymous(port);
        assertThat(anonymous.getWithBasic("/engine-rest/engine", "admin", DemoUsers.PASSWORD)).isEqualTo(200);
        assertThat(anonymous.body()).contains("default");
        assertThat(anonymous.getWithBasic("/actuator/prometheus", "admin", DemoUsers.PASSWORD)).isEqualTo(200);
        assertThat(anonymous.body()).contains("griot_rules_decision");
        assertThat(anonymous.get("/engine-rest/engine")).isEqualTo(401);
        assertThat(anonymous.getWithBasic("/engine-rest/engine", "admin", "wrong-password")).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'LOGIN_FAILED' and actor = 'admin'")
                .query(Integer.class).single()).isPositive();
        jdbc.sql("update user_account set failed_attempts = 0 where username = 'admin'").update();
    }

    @Test
    void everyRoleHasADemoUser() {
        assertThat(DemoUsers.USERS.values().stream().flatMap(Set::stream).toList())
                .containsExactlyInAnyOrder(Role.values());
        assertThat(Map.copyOf(DemoUsers.USERS)).hasSize(Role.values().length);
    }
}
