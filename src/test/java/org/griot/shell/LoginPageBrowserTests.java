package org.griot.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.griot.IntegrationTest;
import org.griot.access.DemoUsersAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real browser (Debian's headless Chromium) against the running server: the French login page,
 * a login, the role's home page, and the switch to English. CI installs chromium (.ci/run); a
 * developer machine without it skips this class, CI never does.
 */
class LoginPageBrowserTests extends IntegrationTest {

    static WebDriver browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = HeadlessChromium.start("1280,900");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAnalystLogsInInFrenchSeesTheirHomeAndSwitchesToEnglish() {
        browser.get("http://localhost:" + port + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        assertThat(browser.getTitle()).isEqualTo("Connexion");
        assertThat(browser.findElement(By.id("login-submit")).getText()).isEqualTo("Se connecter");

        browser.findElement(By.id("username")).sendKeys("analyst");
        browser.findElement(By.id("password")).sendKeys(DemoUsersAccess.PASSWORD);
        browser.findElement(By.id("login-submit")).click();

        wait.until(ExpectedConditions.titleIs("Accueil"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Bienvenue, analyst");
        assertThat(browser.findElements(By.id("tile-home.tile.processes"))).hasSize(1);
        assertThat(browser.findElements(By.id("tile-home.tile.audit"))).isEmpty();

        browser.findElement(By.linkText("EN")).click();
        wait.until(ExpectedConditions.titleIs("Home"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Welcome, analyst");

        browser.findElement(By.id("tile-home.tile.processes")).click();
        wait.until(ExpectedConditions.titleIs("Processes"));
        assertThat(browser.getPageSource()).contains("sample-triage");
    }

    @Test
    void aWrongPasswordShowsTheErrorInFrench() {
        browser.manage().deleteAllCookies();
        browser.get("http://localhost:" + port + "/login");
        browser.findElement(By.id("username")).sendKeys("agent");
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        browser.findElement(By.id("login-submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".alert.error")));
        assertThat(browser.findElement(By.cssSelector(".alert.error")).getText())
                .startsWith("Connexion refusée : identifiant ou mot de passe incorrect");
    }
}
