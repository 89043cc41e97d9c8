package org.griot.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.griot.IntegrationTest;
import org.griot.callback.CallbackRequest;
import org.griot.callback.CallbackRequests;
import org.griot.routing.Acd;
import org.griot.routing.QueuePolicy;
import org.griot.routing.RoutingAdministration;
import org.griot.routing.AgentState;
import org.griot.shell.HeadlessChromium;
import org.griot.telephony.simulator.SimulatedCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The agent desk in a real browser (headless Chromium) against the whole application and the fake
 * Asterisk: the demo agent logs in on desk phone 2999, becomes available, a GOLD customer dials 1919
 * and asks for an agent; the call is connected, the screen pop arrives by server push with the
 * subscriber, the IVR path, the routing rule and the last contact; the agent hangs up, wraps up with
 * a disposition and notes, and finds the call in their history.
 */
class AgentDeskBrowserTests extends IntegrationTest {

    static final String CALLER = "22997000002"; // demo subscriber Koffi Agbodjan, segment GOLD
    static final String PHONE = "2999";
    static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Acd acd;

    @Autowired
    RoutingAdministration administration;

    @Autowired
    CallbackRequests callbacks;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = HeadlessChromium.start("1400,1200");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAgentTakesACallWithItsScreenPopAndWrapsItUp() throws Exception {
        jdbc.sql("delete from caller_profile where caller_number = ?").param(CALLER).update();
        // A previous interaction, two days ago, handled by a colleague: the screen pop shows it.
        Instant before = Instant.now().minus(2, ChronoUnit.DAYS);
        jdbc.sql("""
                insert into contact (channel, call_id, caller_number, queue_id, priority, state, arrived_at, queued_at,
                answered_at, ended_at, agent_id, reason, outcome, disposition, notes)
                values ('VOICE', 'earlier-call', ?, 'general', 5, 'ENDED', ?, ?, ?, ?, 'afi', 'choice', 'ANSWERED', 'BILLING',
                'Contestation de facture')""")
                .params(CALLER, Timestamp.from(before), Timestamp.from(before), Timestamp.from(before.plusSeconds(30)),
                        Timestamp.from(before.plusSeconds(300)))
                .update();
        PBX.phone(PHONE).answersAfterRings(1);
        WebDriverWait wait = logIn();

        browser.findElement(By.id("tile-home.tile.desk")).click();
        wait.until(ExpectedConditions.titleIs("Poste agent"));
        browser.findElement(By.id("extension")).sendKeys(PHONE);
        browser.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.textToBe(By.id("agent-state"), "En pause"));
        assertThat(browser.findElement(By.id("pause-reason")).getText()).contains("début de session");
        browser.findElement(By.id("available")).click();
        wait.until(ExpectedConditions.textToBe(By.id("agent-state"), "Disponible"));
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-desk-live")));
        assertThat(browser.findElement(By.id("no-task")).getText()).isEqualTo("Aucune tâche pour l’instant.");

        SimulatedCall call = PBX.call(CALLER, "1919").press("1").press("0").start();

        // Pushed: no click, no reload.
        wait.until(ExpectedConditions.textToBe(By.id("agent-state"), "En communication"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("screen-pop")));
        assertThat(browser.findElement(By.id("pop-number")).getText()).isEqualTo(CALLER);
        assertThat(browser.findElement(By.id("pop-name")).getText()).isEqualTo("Koffi Agbodjan");
        assertThat(browser.findElement(By.id("pop-why")).getText())
                .contains("Everyone else goes to the general queue", "Gold customers are served before standard ones");
        assertThat(browser.findElement(By.id("pop-ivr")).getText()).contains("Main menu");
        assertThat(browser.findElement(By.id("pop-history")).getText()).contains("BILLING", "afi", "Contestation de facture");
        assertThat(browser.findElement(By.id("task-call")).getText()).contains("Appel en cours", CALLER, "general");

        browser.findElement(By.id("hangup")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("wrap-up-form")));
        assertThat(call.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(browser.findElement(By.id("agent-state")).getText()).isEqualTo("Après-appel");
        new Select(browser.findElement(By.id("disposition"))).selectByValue("INFO");
        browser.findElement(By.id("notes")).sendKeys("Client informé du nouveau forfait");
        browser.findElement(By.id("save-wrap-up")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("saved")));
        assertThat(browser.findElement(By.id("agent-state")).getText()).isEqualTo("Disponible");
        assertThat(browser.findElement(By.id("recent")).getText()).contains(CALLER, "INFO", "Client informé du nouveau forfait");
        assertThat(acd.history(CALLER, 1)).singleElement().satisfies(contact -> {
            assertThat(contact.disposition()).isEqualTo("INFO");
            assertThat(contact.agentId()).isEqualTo("agent");
            assertThat(contact.outcome()).isEqualTo("ANSWERED");
        });

        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertThat(acd.agent("agent").orElseThrow().state()).isEqualTo(AgentState.LOGGED_OUT);
    }

    @Test
    @org.springframework.security.test.context.support.WithMockUser(username = "desk-tests", roles = "SUPERVISOR")
    void anAgentReturnsAMessageInPreviewModeListensToItAndDials() throws Exception {
        String customer = "22997000003"; // demo subscriber Rachida Soulé
        QueuePolicy before = acd.policy("general");
        administration.savePolicy(new QueuePolicy("general", 0, QueuePolicy.CallbackMode.PREVIEW,
                java.util.List.of(Duration.ofMinutes(5)), 2, QueuePolicy.ServiceMode.NORMAL));
        java.nio.file.Path folder = java.nio.file.Path.of(callbacks.voicemailFolder());
        java.nio.file.Files.createDirectories(folder);
        java.nio.file.Files.copy(java.nio.file.Path.of("prompts/fr/goodbye.wav"), folder.resolve("desk-test-message.wav"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        PBX.phone("2998").answersAfterRings(1);
        PBX.customer(customer).answersAfterRings(1);
        long request = callbacks.request(new CallbackRequests.Ask(customer, customer, "general", CallbackRequest.Origin.VOICEMAIL,
                "fr", Instant.now().minusSeconds(300), null, null, folder.resolve("desk-test-message").toString()));
        try {
            WebDriverWait wait = logIn();
            browser.findElement(By.id("tile-home.tile.desk")).click();
            wait.until(ExpectedConditions.titleIs("Poste agent"));
            browser.findElement(By.id("extension")).sendKeys("2998");
            browser.findElement(By.id("login")).click();
            wait.until(ExpectedConditions.textToBe(By.id("agent-state"), "En pause"));
            browser.findElement(By.id("available")).click();

            // The callback is offered (pushed): the record, the message to listen to, and the dial button.
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("callback-info")));
            assertThat(browser.findElement(By.id("agent-state")).getText()).isEqualTo("Appel présenté (sonnerie)");
            assertThat(browser.findElement(By.id("callback-info")).getText()).contains("message laissé", customer);
            assertThat(browser.findElement(By.id("pop-name")).getText()).isEqualTo("Rachida Soulé");
            assertThat(browser.findElement(By.id("task-call")).getText()).contains("Rappel à faire");
            String src = browser.findElement(By.id("voicemail")).getAttribute("src");
            Object fetched = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch(arguments[0]).then(r => done(r.status + ' ' + r.headers.get('content-type')));", src);
            assertThat(fetched).isEqualTo("200 audio/wav");

            browser.findElement(By.id("dial-callback")).click();
            wait.until(ExpectedConditions.textToBe(By.id("agent-state"), "En communication"));
            browser.findElement(By.id("hangup")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("wrap-up-form")));
            new Select(browser.findElement(By.id("disposition"))).selectByValue("INFO");
            browser.findElement(By.id("save-wrap-up")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("saved")));

            long deadline = System.nanoTime() + 15_000_000_000L;
            while (System.nanoTime() < deadline
                    && callbacks.find(request).orElseThrow().state() != CallbackRequest.State.SERVED) {
                Thread.sleep(50);
            }
            assertThat(callbacks.find(request).orElseThrow().state()).isEqualTo(CallbackRequest.State.SERVED);
            browser.findElement(By.id("logout")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        } finally {
            administration.savePolicy(before);
            callbacks.cancel(request, "end of test");
        }
    }

    private WebDriverWait logIn() {
        return HeadlessChromium.logIn(browser, port, "agent");
    }
}
