package org.griot.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.griot.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** Web hardening: security headers on every page, 404 for unknown URLs, 4xx for malformed uploads. */
class WebHardeningIntegrationTests extends IntegrationTest {

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    @Test
    void griotsPagesCarryAStrictContentSecurityPolicyAndTheOtherSecurityHeaders() throws Exception {
        for (String page : List.of("/", "/processes", "/admin/users", "/login")) {
            mvc.perform(get(page).with(user("web-admin").roles("ADMIN", "ANALYST")))
                    .andExpect(header().string("Content-Security-Policy", SecurityConfiguration.PAGE_POLICY))
                    .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                    .andExpect(header().string("X-Frame-Options", "SAMEORIGIN"))
                    .andExpect(header().string("Referrer-Policy", "same-origin"));
        }
        assertThat(SecurityConfiguration.PAGE_POLICY).contains("script-src 'self';", "frame-ancestors 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        mvc.perform(get("/api/processes").with(user("web-analyst").roles("ANALYST")))
                .andExpect(header().string("Content-Security-Policy", SecurityConfiguration.API_POLICY))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
        // Camunda's webapps keep their own policy (ours would break them): one policy, Camunda's.
        HttpSession admin = HttpSession.loggedIn(port, "admin", DemoUsers.PASSWORD);
        assertThat(admin.get("/camunda/app/cockpit/default/")).isEqualTo(200);
    }

    /** The policy forbids inline scripts, handlers and styles: the templates must hold none. */
    @Test
    void noTemplateHoldsInlineScriptsHandlersOrStyles() throws IOException {
        Pattern inline = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>|\\son[a-z]+\\s*=|\\sth:on[a-z]+\\s*=|\\sstyle\\s*="
                + "|\\sth:style\\s*=|<style|javascript:", Pattern.CASE_INSENSITIVE);
        List<Path> templates;
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            templates = files.filter(p -> p.toString().endsWith(".html")).toList();
        }
        assertThat(templates).hasSizeGreaterThan(10);
        for (Path template : templates) {
            Matcher found = inline.matcher(Files.readString(template));
            assertThat(found.find()).as("%s holds inline code: %s", template, found.hitEnd() ? "" : found.group()).isFalse();
        }
    }

    @Test
    void anUnknownUrlIsNotFoundForALoggedInUserAndStillALoginForAnonymous() throws Exception {
        for (String role : List.of("AGENT", "SUPERVISOR", "ANALYST", "CRISIS", "AUDITOR", "ADMIN", "CLIENT_VIEWER")) {
            mvc.perform(get("/no-such-area").with(user("u").roles(role))).andExpect(status().isNotFound());
            mvc.perform(get("/no/such/page/at/all.html").with(user("u").roles(role))).andExpect(status().isNotFound());
        }
        // Inside an area the role may enter, an unknown page is a 404 too; inside one it may not, still 403.
        mvc.perform(get("/processes/no/such/page/at/all").with(user("u").roles("ANALYST"))).andExpect(status().isNotFound());
        mvc.perform(get("/processes/no/such/page/at/all").with(user("u").roles("AGENT"))).andExpect(status().isForbidden());
        HttpSession agent = HttpSession.loggedIn(port, "agent", DemoUsers.PASSWORD);
        assertThat(agent.get("/no-such-area")).isEqualTo(404);
        // A page that exists stays a 403 for the wrong role: only unknown URLs changed.
        assertThat(agent.get("/admin/users")).isEqualTo(403);
        mvc.perform(get("/admin/users").with(user("u").roles("AGENT"))).andExpect(status().isForbidden());
        mvc.perform(post("/admin/users").with(csrf()).with(user("u").roles("AGENT"))).andExpect(status().isForbidden());
        mvc.perform(get("/no-such-area")).andExpect(status().is3xxRedirection());
    }

    @Test
    void aMalformedWavUploadIsRefusedWithItsReasonNeverA500() throws Exception {
        byte[] hostile = "RIFF\0\0\0\0WAVELIST\u00f0\u00ff\u00ff\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (byte[] file : List.of(hostile, "not audio at all".getBytes(), new byte[0])) {
            String page = mvc.perform(multipart("/prompts/upload").file(new MockMultipartFile("file", "menu.wav", "audio/wav", file))
                            .param("promptId", "main-menu").param("language", "fr").param("transcript", "Bonjour")
                            .with(user("web-analyst").roles("ANALYST")).with(csrf()))
                    .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString();
            assertThat(page).containsAnyOf("WAV", "wav", "empty", "vide");
        }
        mvc.perform(post("/prompts/upload").param("promptId", "main-menu").with(user("web-analyst").roles("ANALYST"))
                .with(csrf())).andExpect(status().is4xxClientError());
    }

    @Test
    void theHttpBindAddressIsConfigurableAndEmptyMeansEveryInterface() {
        ServerProperties everywhere = new Binder(new MapConfigurationPropertySource(Map.of("server.address", "")))
                .bind("server", ServerProperties.class).orElseGet(ServerProperties::new);
        assertThat(everywhere.getAddress()).isNull();
        ServerProperties local = new Binder(new MapConfigurationPropertySource(Map.of("server.address", "127.0.0.1")))
                .bind("server", ServerProperties.class).get();
        assertThat(local.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    }
}
