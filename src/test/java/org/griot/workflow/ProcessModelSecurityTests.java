package org.griot.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.griot.IntegrationTest;
import org.griot.access.DemoUsersAccess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A hostile analyst uploads models that try to run code on the server, through every door: Griot's API
 * and screen, the engine's REST API and the engine's Java API. Each is refused with its reason, and
 * nothing ran: the marker file the hostile code would write never appears, not even after the timer
 * of a timer-started model would have fired.
 */
class ProcessModelSecurityTests extends IntegrationTest {

    @TempDir
    static Path folder;
    static Path marker;

    @Autowired
    MockMvc mvc;

    @Autowired
    RepositoryService repository;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @BeforeAll
    static void markerPath() {
        marker = folder.resolve("pwned");
        System.setProperty(HostileModels.MARKER_PROPERTY, marker.toString());
    }

    @Test
    void everyHostileModelUploadedByAnAnalystIsRefusedWithItsReasonAndNothingRuns() throws Exception {
        List<HostileModels.Hostile> hostile = HostileModels.all(marker);
        for (HostileModels.Hostile model : hostile) {
            mvc.perform(multipart("/api/processes").file(file(model.fileName(), model.bpmn()))
                            .with(httpBasic("analyst", DemoUsersAccess.PASSWORD)))
                    .andExpect(status().isUnprocessableEntity())
                    .andExpect(jsonPath("$.rejected").value(model.fileName()))
                    .andExpect(jsonPath("$.problems[*].message", hasItem(containsString(model.reason()))))
                    .andExpect(jsonPath("$.problems[0].line").isNumber());
        }

        // Longer than the timer start event (1 s) plus the job executor's longest idle wait (5 s).
        Thread.sleep(7_000);
        assertThat(marker).doesNotExist();
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKeyLike("hostile%").count()).isZero();
        try (Stream<Path> files = Files.list(PROCESSES)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("hostile"));
        }
        assertThat(jdbc.sql("select count(distinct target) from audit_event where action = 'PROCESS_DEPLOYMENT_REJECTED'"
                + " and actor = 'analyst' and target like 'process:hostile%'").query(Integer.class).single())
                .isEqualTo(hostile.size());
    }

    @Test
    void theDeploymentScreenShowsTheReasons() throws Exception {
        HostileModels.Hostile model = HostileModels.all(marker).stream()
                .filter(h -> h.key().equals("hostile-class-task")).findFirst().orElseThrow();

        mvc.perform(multipart("/processes/deploy").file(file(model.fileName(), model.bpmn()))
                        .with(user("ana").roles("ANALYST")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("hostile-class-task.bpmn")))
                .andExpect(content().string(containsString("camunda:class makes the engine load and run a Java class")));
        assertThat(marker).doesNotExist();
    }

    @Test
    void theEnginesJavaApiRefusesThemToo() {
        for (HostileModels.Hostile model : HostileModels.all(marker)) {
            assertThatThrownBy(() -> repository.createDeployment().addString(model.fileName(), model.bpmn()).deploy())
                    .as(model.key()).isInstanceOf(ProcessEngineException.class).hasMessageContaining(model.reason());
        }
        assertThat(marker).doesNotExist();
    }

    @Test
    void theEnginesRestApiRefusesThemWithTheReasons() throws Exception {
        HostileModels.Hostile model = HostileModels.all(marker).stream()
                .filter(h -> h.key().equals("hostile-juel-reflection")).findFirst().orElseThrow();
        String boundary = "griot-" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nhostile\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + model.fileName()
                + "\"\r\nContent-Type: application/xml\r\n\r\n" + model.bpmn() + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/engine-rest/deployment/create"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", basic("admin"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("newInstance");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKeyLike("hostile%").count()).isZero();
        assertThat(marker).doesNotExist();
    }

    @Test
    void aModelOverTheSizeCapIsRefusedWith413BeforeItIsRead() throws Exception {
        String padding = "<!--" + "x".repeat(2 * 1024 * 1024) + "-->";
        String big = ProcessDeploymentIntegrationTests.greeting("Big").replace("<bpmn:startEvent", padding + "<bpmn:startEvent");

        mvc.perform(multipart("/api/processes").file(file("big.bpmn", big)).with(httpBasic("analyst", DemoUsersAccess.PASSWORD)))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.problems[0].message", containsString("uploads are limited to 2097152 bytes")));
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("greeting").list())
                .noneMatch(d -> "Big".equals(d.getName()));
    }

    @Test
    void anUploadOverTheServersMultipartLimitIs413Too() throws Exception {
        String boundary = "griot-" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.bpmn\"\r\n"
                + "Content-Type: application/xml\r\n\r\n" + "x".repeat(11 * 1024 * 1024) + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/processes"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", basic("analyst"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("too large");
    }

    @Test
    void anUnknownProcessIs404WithItsKeyNeverAServerError() throws Exception {
        mvc.perform(get("/api/processes/no-such-process").with(httpBasic("analyst", DemoUsersAccess.PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error", containsString("no-such-process")));
        mvc.perform(post("/api/processes/no-such-process").with(httpBasic("analyst", DemoUsersAccess.PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error", containsString("no-such-process")));
        mvc.perform(post("/api/processes/no-such-process/promote").with(httpBasic("analyst", DemoUsersAccess.PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/processes/no-such-process").with(user("ana").roles("ANALYST")))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("no-such-process")));
        mvc.perform(post("/processes/no-such-process/promote").with(user("ana").roles("ANALYST")).with(csrf()))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("no-such-process")));
        mvc.perform(post("/processes/no-such-process/rollback").with(user("ana").roles("ANALYST")).with(csrf()))
                .andExpect(status().isNotFound());
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + DemoUsersAccess.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    static MockMultipartFile file(String name, String content) {
        return new MockMultipartFile("file", name, "application/xml", content.getBytes(StandardCharsets.UTF_8));
    }
}
