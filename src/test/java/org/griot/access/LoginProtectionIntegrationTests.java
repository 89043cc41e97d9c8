package org.griot.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.griot.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Login protection that cannot be turned against users: throttling per (account, source), one answer
 * for every refusal, one form per user name, sessions that end with the account's rights. The sources
 * are distinct loopback addresses (the server listens on all of them; Griot trusts no X-Forwarded-For).
 */
class LoginProtectionIntegrationTests extends IntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserAdministration administration;

    @LocalServerPort
    int port;

    @Test
    void anAnonymousFloodFromOneSourceDoesNotKeepTheAdministratorOutFromHisOwn() throws Exception {
        // Flood until the source's 6th checked failure (then it waits 4 s), however slow the machine: a fixed
        // flood duration could end just as a shorter wait expires.
        Instant giveUp = Instant.now().plusSeconds(120);
        int attempts = 0;
        int before = checkedFailuresFrom("127.0.0.2");
        while (checkedFailuresFrom("127.0.0.2") - before < 6) {
            assertThat(Instant.now()).isBefore(giveUp);
            assertThat(basicFrom("127.0.0.2", "/engine-rest/engine", "admin", "guess-" + attempts).status()).isEqualTo(401);
            attempts++;
        }
        // The flood's source now waits: even the right password is refused there...
        assertThat(basicFrom("127.0.0.2", "/engine-rest/engine", "admin", DemoUsers.PASSWORD).status()).isEqualTo(401);
        // ...while the administrator, from his own address, logs in at once, by HTTP Basic and by the form.
        assertThat(basicFrom("127.0.0.3", "/engine-rest/engine", "admin", DemoUsers.PASSWORD).status()).isEqualTo(200);
        HttpSession admin = HttpSession.loggedIn(port, "admin", DemoUsers.PASSWORD);
        assertThat(admin.get("/admin/users")).isEqualTo(200);

        // Attempts inside the 1 s and 2 s waits were refused without checking the password.
        assertThat(attempts).isGreaterThan(6);
        List<String> reasons = jdbc.sql("""
                select after_state from audit_event where action = 'LOGIN_FAILED' and actor = 'admin'
                and remote_address = '127.0.0.2'""").query(String.class).list();
        assertThat(reasons).anyMatch(r -> r.startsWith("reason=bad credentials"))
                .anyMatch(r -> r.startsWith("reason=throttled"));
        // Refusals inside a wait checked no password and are audited once per wait, not once per attempt.
        assertThat(reasons.size()).isLessThan(attempts);
        assertThat(jdbc.sql("select count(*) from user_account where username = 'admin' and locked_until is not null")
                .query(Integer.class).single()).isZero();
    }

    private int checkedFailuresFrom(String source) {
        return checkedFailures("admin", source);
    }

    private int checkedFailures(String account, String source) {
        return jdbc.sql("""
                select count(*) from audit_event where action = 'LOGIN_FAILED' and actor = ?
                and remote_address = ? and after_state like 'reason=bad credentials%'""")
                .param(account).param(source).query(Integer.class).single();
    }

    @Test
    void unknownWrongDisabledAndThrottledGetTheSameAnswer() throws Exception {
        asAdmin(() -> {
            administration.create("protect-off", "Disabled", "right-password-1", EnumSet.of(Role.AGENT));
            administration.update("protect-off", "Disabled", false);
            administration.create("protect-slow", "Throttled", "right-password-2", EnumSet.of(Role.AGENT));
        });
        // Until its 6th checked failure (a 4 s wait, long enough for a slow machine), whatever was refused unchecked.
        Instant giveUp = Instant.now().plusSeconds(120);
        for (int i = 0; checkedFailures("protect-slow", "127.0.0.4") < 6; i++) {
            assertThat(Instant.now()).as("time to the 6th checked failure").isBefore(giveUp);
            basicFrom("127.0.0.4", "/engine-rest/engine", "protect-slow", "wrong-" + i);
        }
        // Then the throttled account with its right password first.
        Response throttled = basicFrom("127.0.0.4", "/engine-rest/engine", "protect-slow", "right-password-2");
        List<Response> answers = List.of(throttled,
                basicFrom("127.0.0.4", "/engine-rest/engine", "nobody-at-all", "right-password-1"),
                basicFrom("127.0.0.4", "/engine-rest/engine", "admin", "wrong-password-9"),
                basicFrom("127.0.0.4", "/engine-rest/engine", "protect-off", "right-password-1"));
        for (Response answer : answers) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).isEqualTo(answers.get(0).header("WWW-Authenticate"));
            assertThat(answer.comparableBody()).isEqualTo(answers.get(0).comparableBody());
        }

        RequestPostProcessor fromElsewhere = from("127.0.0.5");
        for (int i = 0; checkedFailures("protect-slow", "127.0.0.5") < 6; i++) {
            assertThat(Instant.now()).as("time to the 6th checked failure").isBefore(giveUp.plusSeconds(120));
            mvc.perform(login("protect-slow", "wrong-" + i, fromElsewhere));
        }
        for (String[] login : List.of(new String[] {"protect-slow", "right-password-2"},
                new String[] {"nobody-at-all", "right-password-1"}, new String[] {"admin", "wrong-password-9"},
                new String[] {"protect-off", "right-password-1"})) {
            mvc.perform(login(login[0], login[1], fromElsewhere))
                    .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error"));
        }
        assertThat(jdbc.sql("select after_state from audit_event where action = 'LOGIN_FAILED' and actor in "
                + "('nobody-at-all', 'protect-off', 'protect-slow')").query(String.class).list())
                .anyMatch(r -> r.startsWith("reason=unknown user")).anyMatch(r -> r.startsWith("reason=account disabled"))
                .anyMatch(r -> r.startsWith("reason=throttled"));
    }

    @Test
    void caseSpacesAndFullWidthFormsAreTheSameUserAndLookAlikesCannotBeCreated() throws Exception {
        for (String typed : List.of("ADMIN", " admin", "Admin ", "\uFF41\uFF44\uFF4D\uFF49\uFF4E")) {
            mvc.perform(login(typed, DemoUsers.PASSWORD, from("127.0.0.6")))
                    .andExpect(authenticated().withUsername("admin"));
        }
        assertThat(basicFrom("127.0.0.6", "/engine-rest/engine", "\uFF21DMIN", DemoUsers.PASSWORD).status()).isEqualTo(200);

        asAdmin(() -> {
            for (String lookAlike : List.of("Admin", " admin", "\uFF41\uFF44\uFF4D\uFF49\uFF4E", "ADMIN\u3000")) {
                assertThatThrownBy(() -> administration.create(lookAlike, "Look-alike", "a-long-password", Set.of(Role.ADMIN)))
                        .as(lookAlike).isInstanceOfSatisfying(UserAdministrationException.class,
                                e -> assertThat(e.code()).isEqualTo("username-taken"));
            }
            for (String lookAlike : List.of("\u0430dmin", "ad\u200Bmin", "adm\u0456n", "admin\u00AD")) {
                assertThatThrownBy(() -> administration.create(lookAlike, "Look-alike", "a-long-password", Set.of(Role.ADMIN)))
                        .as(lookAlike).isInstanceOfSatisfying(UserAdministrationException.class,
                                e -> assertThat(e.code()).isEqualTo("username"));
            }
            assertThat(administration.create("  Protect.Mixed ", "Mixed", "a-long-password", Set.of(Role.AGENT)).username())
                    .isEqualTo("protect.mixed");
        });
        assertThat(jdbc.sql("select count(*) from user_account where username like '%dmin%'").query(Integer.class).single())
                .isEqualTo(1);
        mvc.perform(login("PROTECT.MIXED", "a-long-password", from("127.0.0.6")))
                .andExpect(authenticated().withUsername("protect.mixed"));
    }

    @Test
    void theSessionsOfADisabledUserOrOfOneWhoseRolesChangedEnd() throws Exception {
        asAdmin(() -> {
            administration.create("protect-sess1", "Session one", "session-password-1", EnumSet.of(Role.SUPERVISOR));
            administration.create("protect-sess2", "Session two", "session-password-2", EnumSet.of(Role.SUPERVISOR));
        });
        HttpSession disabled = HttpSession.loggedIn(port, "protect-sess1", "session-password-1");
        HttpSession demoted = HttpSession.loggedIn(port, "protect-sess2", "session-password-2");
        HttpSession bystander = HttpSession.loggedIn(port, "supervisor", DemoUsers.PASSWORD);
        for (HttpSession session : List.of(disabled, demoted, bystander)) {
            assertThat(session.get("/callbacks")).isEqualTo(200);
        }

        asAdmin(() -> {
            administration.update("protect-sess1", "Session one", false);
            administration.changeRoles("protect-sess2", EnumSet.of(Role.AGENT));
        });

        assertThat(disabled.get("/callbacks")).isEqualTo(302);
        assertThat(disabled.get("/")).isEqualTo(302); // logged out, not only the one request
        assertThat(demoted.get("/callbacks")).isEqualTo(302);
        assertThat(bystander.get("/callbacks")).isEqualTo(200);
        assertThatThrownBy(() -> HttpSession.loggedIn(port, "protect-sess1", "session-password-1"))
                .hasMessageContaining("failed");
        HttpSession again = HttpSession.loggedIn(port, "protect-sess2", "session-password-2");
        assertThat(again.get("/callbacks")).isEqualTo(403); // an AGENT now
    }

    @Test
    void theUsersPageWorksWhileAnAccountIsLocked() throws Exception {
        asAdmin(() -> administration.create("protect-locked", "Locked", "locked-password-1", EnumSet.of(Role.AGENT)));
        jdbc.sql("update user_account set failed_attempts = 7, locked_until = ? where username = 'protect-locked'")
                .param(java.sql.Timestamp.from(Instant.now().plus(Duration.ofHours(1)))).update();

        mvc.perform(get("/admin/users").with(user("root").roles("ADMIN"))).andExpect(status().isOk());
        mvc.perform(get("/admin/users/protect-locked").with(user("root").roles("ADMIN"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("/admin/users/protect-locked/unlock")));
        // Failed logins alone lock nothing any more: no unlock button for an account that is not locked.
        asAdmin(() -> administration.create("protect-slow-page", "Slow", "slow-password-1", EnumSet.of(Role.AGENT)));
        jdbc.sql("update user_account set failed_attempts = 3 where username = 'protect-slow-page'").update();
        mvc.perform(get("/admin/users/protect-slow-page").with(user("root").roles("ADMIN"))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("/unlock"))));
        // An administrator's lock still holds (and answers like any refusal)...
        mvc.perform(login("protect-locked", "locked-password-1", from("127.0.0.7")))
                .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error"));
        // ...until the administrator lifts it.
        asAdmin(() -> administration.unlock("protect-locked"));
        mvc.perform(login("protect-locked", "locked-password-1", from("127.0.0.7")))
                .andExpect(authenticated());
    }

    /** A form login as the browser posts it, from the given source address. */
    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder login(String username,
            String password, RequestPostProcessor source) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/login")
                .param("username", username).param("password", password)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .with(source);
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private static void asAdmin(Runnable work) {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("protect-admin", null,
                List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
        try {
            work.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    record Response(int status, String head, String body) {
        String header(String name) {
            return head.lines().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1)).findFirst()
                    .map(l -> l.substring(name.length() + 1).trim()).orElse(null);
        }

        /** The body without what differs between any two answers (time stamps, chunk sizes). */
        String comparableBody() {
            return body.replaceAll("\"timestamp\":\"[^\"]*\"", "").replaceAll("(?m)^[0-9a-f]+\r?$", "");
        }
    }

    /** One HTTP Basic request over a socket bound to the given local (loopback) address. */
    private Response basicFrom(String source, String path, String username, String password) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(10_000);
            String credentials = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Basic " + credentials
                    + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            String response = buffer.toString(StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String head = split < 0 ? response : response.substring(0, split);
            String body = split < 0 ? "" : response.substring(split + 4);
            return new Response(Integer.parseInt(head.substring(9, 12)), head, body);
        }
    }
}
