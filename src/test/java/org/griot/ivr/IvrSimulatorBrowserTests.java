package org.griot.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import org.griot.IntegrationTest;
import org.griot.shell.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The IVR simulator in a real browser (Debian's headless Chromium): an analyst dials 1919 from a VIP
 * number, presses 1 on the keypad and 0 on the keyboard, hears the welcome prompt, follows the step
 * on the diagram and reads the outcome — all pushed by Server-Sent Events. Skipped only where
 * chromium is missing and not in CI, as {@code LoginPageBrowserTests}.
 */
class IvrSimulatorBrowserTests extends IntegrationTest {

    static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = HeadlessChromium.start("1400,1000");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAnalystDialsFromAVipNumberPressesOneThenZeroAndSeesTheVipQueue() {
        jdbc.sql("delete from caller_profile where caller_number = '22997000001'").update();
        WebDriverWait wait = logIn();

        browser.findElement(By.id("tile-home.tile.simulator")).click();
        wait.until(ExpectedConditions.titleIs("Simulateur SVI"));
        assertThat(browser.findElement(By.id("serviceNumber")).getAttribute("value")).isEqualTo("1919");
        assertThat(browser.findElement(By.id("env-staging")).isSelected()).isTrue();
        browser.findElement(By.id("callerNumber")).sendKeys("22997000001");
        browser.findElement(By.id("dial")).click();

        wait.until(ExpectedConditions.titleIs("Appel simulé"));
        assertThat(browser.findElement(By.id("call-id")).getText()).startsWith("sim-");
        assertThat(browser.findElement(By.id("call-version")).getText()).startsWith("ivr-1919 v");
        wait.until(d -> hasClass(d.findElement(By.id("el-choose-language")), "current"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "Pour le français, tapez 1"));
        assertThat(browser.findElement(By.id("silence")).isEnabled()).isTrue();

        browser.findElement(By.id("key-1")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"),
                "Bienvenue au service client 1919"));
        wait.until(d -> hasClass(d.findElement(By.id("el-main-menu")), "current"));
        assertThat(browser.findElement(By.id("transcript")).getText()).contains("griot/fr/welcome");
        assertThat(hasClass(browser.findElement(By.id("el-welcome")), "visited")).isTrue();
        assertThat(hasClass(browser.findElement(By.id("el-choose-language")), "current")).isFalse();
        assertThat(browser.findElements(By.cssSelector("#diagram .bpmn-node.current"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#diagram .bpmn-flow.visited"))).isNotEmpty();

        new Actions(browser).sendKeys("0").perform(); // the keyboard works as the keypad

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outcome")));
        assertThat(browser.findElement(By.id("outcome-queue")).getText()).isEqualTo("vip");
        assertThat(browser.findElement(By.id("outcome-priority")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("outcome-kind")).getText()).isEqualTo("Mis en file d’attente pour un conseiller");
        assertThat(browser.findElement(By.id("outcome-rules")).getText()).contains("Priority numbers (VIP list)");
        assertThat(hasClass(browser.findElement(By.id("el-queued-for-agent")), "final")).isTrue();
        assertThat(hasClass(browser.findElement(By.id("el-route-to-agent")), "visited")).isTrue();
        assertThat(browser.findElement(By.id("transcript")).getText()).contains("Veuillez patienter, un conseiller va vous répondre.");
        assertThat(browser.findElement(By.id("key-5")).isEnabled()).isFalse();
    }

    @Test
    void theIvrMapShowsTheDiagramWithBadgesAndTheTable() {
        WebDriverWait wait = logIn();
        browser.findElement(By.id("tile-home.tile.ivrMap")).click();
        wait.until(ExpectedConditions.titleIs("Carte du SVI"));
        assertThat(browser.findElements(By.cssSelector("#diagram #el-main-menu .badge-visits"))).hasSize(1);
        assertThat(browser.findElement(By.id("row-main-menu")).getText()).contains("Main menu", "main-menu");
        assertThat(browser.findElement(By.id("map-summary")).getText()).startsWith("ivr-1919 v");
    }

    private WebDriverWait logIn() {
        return HeadlessChromium.logIn(browser, port, "analyst");
    }

    private static boolean hasClass(WebElement element, String cssClass) {
        return (" " + element.getAttribute("class") + " ").contains(" " + cssClass + " ");
    }
}
