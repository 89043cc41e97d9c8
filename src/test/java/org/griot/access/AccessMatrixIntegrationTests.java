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
    record Area(String name, Via via, MockHttpServletRequestBuilder request, String method, String path, String body,
            String contentType, Set<Role> allowed) {
        static Area mvc(String name, MockHttpServletRequestBuilder request, Set<Role> allowed) {
            return new Area(name, Via.MOCK_MVC, request, null, null, null, null, allowed);
        }

        static Area http(String name, Via via, String path, Set<Role> allowed) {
            return new Area(name, via, null, "GET", path, null, null, allowed);
        }

        /** A request that would change the engine (or query it with a POST body) over real HTTP. */
        static Area http(String name, Via via, String method, String path, String json, Set<Role> allowed) {
            return new Area(name, via, null, method, path, json, json == null ? null : "application/json", allowed);
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
            // Unknown URLs answer 404 to every logged-in role: WebHardeningIntegrationTests.
            Area.http("Prometheus metrics", Via.HTTP_BASIC, "/actuator/prometheus", EnumSet.of(Role.ADMIN)));

    /** Readers of the engine (GET and query POSTs through the webapp): those who read the models. */
    static final Set<Role> ENGINE_READERS = EnumSet.of(Role.ANALYST, Role.AUDITOR, Role.ADMIN);
    static final String CAMUNDA_API = "/camunda/api/engine/engine/default";
    /** Engine users and authorizations the ADMIN rows of the matrix really create (removed after each case). */
    static final String PROBE = "matrixprobe" + Long.toString(System.nanoTime(), 36);
    /** The setup wizard's first administrator: never created, the door is closed to everyone. */
    static final String WIZARD_USER = userJson(PROBE + "wizard");

    static String userJson(String id) {
        return "{\"profile\":{\"id\":\"" + id + "\",\"firstName\":\"Matrix\",\"lastName\":\"Probe\"},"
                + "\"credentials\":{\"password\":\"probe-password-123\"}}";
    }

    /** Camunda's webapps, webapp API and REST API: one door, reads for the readers, changes for ADMIN. */
    static final List<Area> ENGINE_DOORS = List.of(
            Area.http("Camunda cockpit", Via.BROWSER_SESSION, "/camunda/app/cockpit/default/", ENGINE_READERS),
            Area.http("Camunda admin app", Via.BROWSER_SESSION, "/camunda/app/admin/default/", EnumSet.of(Role.ADMIN)),
            Area.http("Camunda setup wizard page", Via.BROWSER_SESSION, "/camunda/app/admin/default/setup/",
                    EnumSet.noneOf(Role.class)),
            Area.http("Camunda setup wizard (create first admin)", Via.BROWSER_SESSION, "POST",
                    "/camunda/api/admin/setup/default/user/create", WIZARD_USER, EnumSet.noneOf(Role.class)),
            Area.http("Camunda webapp API (read)", Via.BROWSER_SESSION, "/camunda/api/engine/engine/", ENGINE_READERS),
            Area.http("Camunda webapp API (list deployments)", Via.BROWSER_SESSION, CAMUNDA_API + "/deployment", ENGINE_READERS),
            Area.http("Camunda webapp API (query instances)", Via.BROWSER_SESSION, "POST", CAMUNDA_API + "/process-instance/count",
                    "{}", ENGINE_READERS),
            Area.http("Camunda webapp API (deploy)", Via.BROWSER_SESSION, "POST", CAMUNDA_API + "/deployment/create", "{}",
                    EnumSet.of(Role.ADMIN)),
            Area.http("Camunda webapp API (delete deployment)", Via.BROWSER_SESSION, "DELETE",
                    CAMUNDA_API + "/deployment/no-such-deployment?cascade=true", null, EnumSet.of(Role.ADMIN)),
            Area.http("Camunda webapp API (create user)", Via.BROWSER_SESSION, "POST", CAMUNDA_API + "/user/create",
                    userJson(PROBE + "webapp"), EnumSet.of(Role.ADMIN)),
            Area.http("Camunda webapp API (authorizations)", Via.BROWSER_SESSION, "POST", CAMUNDA_API + "/authorization/create",
                    "{\"type\":1,\"permissions\":[\"READ\"],\"userId\":\"" + PROBE + "\",\"resourceType\":0,\"resourceId\":\"*\"}",
                    EnumSet.of(Role.ADMIN)),
            Area.http("Camunda REST (read)", Via.HTTP_BASIC, "/engine-rest/engine", EnumSet.of(Role.ADMIN)),
            Area.http("Camunda REST (query instances)", Via.HTTP_BASIC, "POST", "/engine-rest/process-instance/count", "{}",
                    EnumSet.of(Role.ADMIN)),
            Area.http("Camunda REST (deploy)", Via.HTTP_BASIC, "POST", "/engine-rest/deployment/create", "{}",
                    EnumSet.of(Role.ADMIN)),
            Area.http("Camunda REST (delete deployment)", Via.HTTP_BASIC, "DELETE",
                    "/engine-rest/deployment/no-such-deployment?cascade=true", null, EnumSet.of(Role.ADMIN)),
            Area.http("Camunda REST (create user)", Via.HTTP_BASIC, "POST", "/engine-rest/user/create", userJson(PROBE + "rest"),
                    EnumSet.of(Role.ADMIN)));

    /** One browser session per role, logged in once (a form login costs a bcrypt check). */
    static final Map<Role, HttpSession> SESSIONS = new java.util.concurrent.ConcurrentHashMap<>();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.camunda.bpm.engine.IdentityService identity;

    @Autowired
    org.camunda.bpm.engine.AuthorizationService authorizations;

    /** What the ADMIN rows created through the engine's doors goes again; the wizard's user never existed. */
    @org.junit.jupiter.api.AfterEach
    void removeProbes() {
        assertThat(identity.createUserQuery().userId(PROBE + "wizard").count()).isZero();
        for (String id : List.of(PROBE + "webapp", PROBE + "rest")) {
            if (identity.createUserQuery().userId(id).count() > 0) {
                identity.deleteUser(id);
            }
        }
        authorizations.createAuthorizationQuery().userIdIn(PROBE).list()
                .forEach(a -> authorizations.deleteAuthorization(a.getId()));
    }

    @LocalServerPort
    int port;

    static Stream<Arguments> roleByArea() {
        List<Arguments> cases = new ArrayList<>();
        for (Area area : Stream.concat(AREAS.stream(), ENGINE_DOORS.stream()).toList()) {
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
            case BROWSER_SESSION -> sessionOf(role).send(area.method(), area.path(), area.body(), area.contentType());
            case HTTP_BASIC -> HttpSession.anonymous(port).sendWithBasic(area.method(), area.path(), area.body(),
                    area.contentType(), demoUserOf(role), DemoUsers.PASSWORD);
        };
        if (area.allowed().contains(role)) {
            // Allowed: anything but 401/403/5xx (a POST without its file answers 400; a redirect is fine).
            assertThat(statusCode).as("%s should reach %s", role, area).isNotIn(401, 403).isLessThan(500);
        } else {
            assertThat(statusCode).as("%s must be refused %s", role, area).isEqualTo(403);
        }
    }

    private HttpSession sessionOf(Role role) throws Exception {
        HttpSession session = SESSIONS.get(role);
        if (session == null) {
            session = HttpSession.loggedIn(port, demoUserOf(role), DemoUsers.PASSWORD);
            // Camunda's webapp hands out its CSRF token (cookie XSRF-TOKEN) on its pages, as a browser gets it.
            session.get("/camunda/app/cockpit/default/");
            SESSIONS.put(role, session);
        }
        return session;
    }

    @Test
    void anonymousCallersPassNoEngineDoor() throws Exception {
        for (Area area : ENGINE_DOORS) {
            int statusCode = HttpSession.anonymous(port).send(area.method(), area.path(), area.body(), area.contentType());
            assertThat(statusCode).as("anonymous on %s", area).isIn(302, 401);
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
