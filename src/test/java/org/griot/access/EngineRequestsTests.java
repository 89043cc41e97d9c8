package org.griot.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which requests through the engine's doors only read, and which may change the engine. */
class EngineRequestsTests {

    @ParameterizedTest(name = "{0} {1} changes the engine: {2}")
    @CsvSource({
            "GET, /camunda/app/cockpit/default/, false",
            "GET, /camunda/api/engine/engine/default/deployment, false",
            "HEAD, /engine-rest/engine, false",
            "POST, /camunda/api/engine/engine/default/process-instance, false",
            "POST, /camunda/api/engine/engine/default/process-instance/count, false",
            "POST, /camunda/api/engine/engine/default/history/process-instance/count, false",
            "POST, /engine-rest/process-instance, false",
            "POST, /engine-rest/engine/default/task/count, false",
            "POST, /camunda/api/cockpit/plugin/base/default/process-instance, false",
            "POST, /camunda/api/engine/engine/default/deployment/create, true",
            "DELETE, /camunda/api/engine/engine/default/deployment/abc, true",
            "POST, /camunda/api/engine/engine/default/process-instance/abc/modification, true",
            "POST, /camunda/api/engine/engine/default/process-instance/delete, true",
            "PUT, /camunda/api/engine/engine/default/process-instance/abc/variables/x, true",
            "POST, /camunda/api/engine/engine/default/user/create, true",
            "POST, /camunda/api/engine/engine/default/authorization/create, true",
            "POST, /camunda/api/engine/engine/default/task/create, true",
            "POST, /camunda/api/engine/engine/default/job/abc/retries, true",
            "POST, /camunda/api/admin/setup/default/user/create, true",
            "POST, /camunda/api/cockpit/plugin/other/default/process-instance, true",
            "POST, /engine-rest/deployment/create, true",
            "DELETE, /engine-rest/deployment/abc, true",
            "PATCH, /engine-rest/process-instance, true",
            "POST, /processes/deploy, false",
            "POST, /camundax/api/engine/engine/default/deployment/create, false"})
    void sortsReadsFromChanges(String method, String path, boolean changes) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        assertThat(EngineRequests.changesEngine(request)).isEqualTo(changes);
    }

    @ParameterizedTest(name = "{0} is an engine door: {1}")
    @CsvSource({"/camunda, true", "/camunda/app/, true", "/engine-rest/engine, true", "/camundax, false",
            "/engine-restx/engine, false", "/processes, false"})
    void knowsTheEnginesDoors(String path, boolean door) {
        assertThat(EngineRequests.isEngineDoor(new MockHttpServletRequest("GET", path))).isEqualTo(door);
    }

    @org.junit.jupiter.api.Test
    void readsThePathInsideTheApplication() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/griot/engine-rest/deployment/create");
        request.setContextPath("/griot");
        assertThat(EngineRequests.changesEngine(request)).isTrue();
    }
}
