package org.griot.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Groups;
import org.griot.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One door to the engine: Camunda's webapps and REST API change the engine for ADMIN only, every change
 * is in Griot's audit (who, method, path, status), refusals are audited, and the setup wizard is gone.
 */
class EngineDoorIntegrationTests extends IntegrationTest {

    private static final String API = "/camunda/api/engine/engine/default";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdentityService identity;

    @Autowired
    RepositoryService repository;

    @LocalServerPort
    int port;

    @Test
    void anAdministratorsEngineChangesAreInGriotsAuditWithMethodPathAndStatus() throws Exception {
        HttpSession admin = camundaSession("admin");
        String user = "{\"profile\":{\"id\":\"enginedoorprobe\",\"firstName\":\"Probe\",\"lastName\":\"Door\"},"
                + "\"credentials\":{\"password\":\"probe-password-123\"}}";

        assertThat(admin.send("POST", API + "/user/create", user, "application/json")).isEqualTo(204);
        assertThat(identity.createUserQuery().userId("enginedoorprobe").count()).isEqualTo(1);
        assertThat(admin.send("DELETE", API + "/user/enginedoorprobe", null, null)).isEqualTo(204);
        assertThat(HttpSession.anonymous(port).sendWithBasic("DELETE", "/engine-rest/deployment/no-such-deployment", null,
                null, "admin", DemoUsers.PASSWORD)).isEqualTo(404);

        assertThat(engineChanges("admin")).contains(
                Map.of("target", "POST " + API + "/user/create", "after_state", "status=204", "outcome", "SUCCESS"),
                Map.of("target", "DELETE " + API + "/user/enginedoorprobe", "after_state", "status=204", "outcome", "SUCCESS"),
                Map.of("target", "DELETE /engine-rest/deployment/no-such-deployment", "after_state", "status=404",
                        "outcome", "FAILURE"));
    }

    @Test
    void refusedEngineChangesAreAuditedAsDeniedAndChangeNothing() throws Exception {
        long deployments = repository.createDeploymentQuery().count();
        HttpSession analyst = camundaSession("analyst");

        assertThat(analyst.send("POST", API + "/deployment/create", "{}", "application/json")).isEqualTo(403);
        assertThat(analyst.send("DELETE", API + "/deployment/" + repository.createDeploymentQuery().list().get(0).getId()
                + "?cascade=true", null, null)).isEqualTo(403);
        assertThat(HttpSession.anonymous(port).sendWithBasic("DELETE", "/engine-rest/deployment/any", null, null,
                "auditor", DemoUsers.PASSWORD)).isEqualTo(403);

        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(denials("analyst")).contains("POST " + API + "/deployment/create");
        assertThat(denials("auditor")).contains("DELETE /engine-rest/deployment/any");
        assertThat(engineChanges("analyst")).isEmpty();
    }

    @Test
    void pathTricksDoNotTurnAChangeIntoARead() throws Exception {
        HttpSession analyst = camundaSession("analyst");
        for (String path : List.of(API + "/process-instance/count/../../deployment/create",
                API + "/process-instance/%2e%2e/deployment/create", API + "/process-instance;x=y/../deployment/create",
                API + "//deployment/create", API + "/process-instance/abc/modification",
                API.toUpperCase() + "/deployment/create", "/camunda/api/cockpit/plugin/base/../../engine/engine/default/user/create")) {
            assertThat(analyst.send("POST", path, "{}", "application/json")).as(path).isIn(400, 403);
        }
        assertThat(engineChanges("analyst")).isEmpty();
    }

    @Test
    void readsAreOpenToReadersAndNotAuditedAsChanges() throws Exception {
        HttpSession auditor = camundaSession("auditor");
        assertThat(auditor.send("POST", API + "/process-instance/count", "{}", "application/json")).isEqualTo(200);
        assertThat(auditor.body()).contains("count");
        assertThat(auditor.send("GET", API + "/deployment", null, null)).isEqualTo(200);
        assertThat(engineChanges("auditor")).isEmpty();
    }

    @Test
    void theEnginesAdministratorsAreGriotsAdminsAndTheSetupWizardNeverAppears() throws Exception {
        assertThat(identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).list())
                .extracting(u -> u.getId()).contains("admin").doesNotContain("analyst", "auditor");
        long engineUsers = identity.createUserQuery().count();

        HttpSession admin = camundaSession("admin");
        assertThat(admin.get("/camunda/app/admin/default/")).isEqualTo(200); // not a redirect to the wizard
        assertThat(admin.get("/camunda/app/admin/default/setup/")).isEqualTo(403);
        String firstAdmin = "{\"profile\":{\"id\":\"wizard\",\"firstName\":\"W\",\"lastName\":\"Z\"},"
                + "\"credentials\":{\"password\":\"wizard-password-1\"}}";
        assertThat(admin.send("POST", "/camunda/api/admin/setup/default/user/create", firstAdmin, "application/json"))
                .isEqualTo(403);
        assertThat(camundaSession("analyst").send("POST", "/camunda/api/admin/setup/default/user/create", firstAdmin,
                "application/json")).isEqualTo(403);

        assertThat(identity.createUserQuery().userId("wizard").count()).isZero();
        assertThat(identity.createUserQuery().count()).isEqualTo(engineUsers);
        assertThat(denials("admin")).contains("POST /camunda/api/admin/setup/default/user/create");
    }

    private HttpSession camundaSession(String username) throws Exception {
        HttpSession session = HttpSession.loggedIn(port, username, DemoUsers.PASSWORD);
        session.get("/camunda/app/cockpit/default/"); // Camunda's CSRF token, as a browser gets it
        return session;
    }

    private List<Map<String, Object>> engineChanges(String actor) {
        return jdbc.sql("select target, after_state, outcome from audit_event where action = 'ENGINE_CHANGED' and actor = ?")
                .param(actor).query().listOfRows();
    }

    private List<String> denials(String actor) {
        return jdbc.sql("select target from audit_event where action = 'ACCESS_DENIED' and actor = ?").param(actor)
                .query(String.class).list();
    }
}
