package org.griot.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.griot.ivr.IvrSimulatorIntegrationTests.WAIT;
import static org.griot.ivr.IvrSimulatorIntegrationTests.awaitWaitingAt;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.griot.IntegrationTest;
import org.griot.audit.AuditTrail;
import org.griot.decision.RulesHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.FileSystemUtils;

/**
 * Staging on a whole call: a prompt uploaded, or a routing rule changed, is heard/applied by staging
 * calls of the browser simulator only; production calls keep the released versions until an analyst
 * promotes them; rollback restores them. Uploads are checked and a refused one keeps nothing.
 */
class IvrStagingIntegrationTests extends IntegrationTest {

    private static final String PROMPT = "main-menu";
    private static final String LANGUAGE = "fon";
    private static final String NEW_WORDS = "Main menu, staged version (test)";
    private static final Path STAGED_RULE = RULES.resolve("griot/ivr/staging-desk.drl");

    @Autowired
    IvrSimulator simulator;

    @Autowired
    PromptReleases prompts;

    @Autowired
    PromptCatalog catalog;

    @Autowired
    PromptsProperties properties;

    @Autowired
    RulesHost rules;

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @AfterEach
    void backToTheShippedPromptsAndRules() throws Exception {
        jdbc.sql("delete from prompt_release where prompt_id = ?").param(PROMPT).update();
        jdbc.sql("delete from prompt_version where prompt_id = ?").param(PROMPT).update();
        FileSystemUtils.deleteRecursively(PROMPTS.resolve("uploads"));
        prompts.refresh();
        Files.deleteIfExists(STAGED_RULE);
        rules.reload("test");
        jdbc.sql("delete from caller_profile where caller_number like '229971000%'").update();
    }

    @Test
    void anUploadedPromptIsHeardOnStagingOnlyUntilPromotedAndARollbackRestoresTheShippedOne() throws Exception {
        byte[] wav = wav(8000, 1, 16, 4000);
        PromptReleases.Version uploaded = as("ana", () -> prompts.upload(PROMPT, LANGUAGE, NEW_WORDS, wav));

        assertThat(uploaded.version()).isEqualTo(1);
        assertThat(uploaded.durationMillis()).isEqualTo(500);
        Path file = PROMPTS.resolve("uploads/fon/main-menu/v1.wav");
        assertThat(file).exists();
        assertThat(Files.readAllBytes(file)).isEqualTo(wav);
        assertThat(jdbc.sql("select uploaded_by from prompt_version where prompt_id = ? and language = ?")
                .params(PROMPT, LANGUAGE).query(String.class).single()).isEqualTo("ana");

        assertThat(mainMenuHeardBy("22997100001", true)).containsEntry("sound", "griot/uploads/fon/main-menu/v1")
                .containsEntry("transcript", NEW_WORDS).containsEntry("promptVersion", 1);
        assertThat(mainMenuHeardBy("22997100002", false)).containsEntry("sound", "griot/fon/main-menu")
                .containsEntry("promptVersion", 0);

        PromptReleases.Release promoted = as("bob", () -> prompts.promote(PROMPT, LANGUAGE));
        assertThat(promoted.version()).isEqualTo(1);
        assertThat(prompts.soundName(PROMPT, LANGUAGE, false)).isEqualTo("griot/uploads/fon/main-menu/v1");
        assertThat(mainMenuHeardBy("22997100003", false)).containsEntry("sound", "griot/uploads/fon/main-menu/v1");

        PromptReleases.Release rolledBack = as("bob", () -> prompts.rollback(PROMPT, LANGUAGE));
        assertThat(rolledBack.version()).as("back to the shipped prompt").isZero();
        assertThat(prompts.soundName(PROMPT, LANGUAGE, false)).isEqualTo("griot/fon/main-menu");
        assertThat(prompts.soundName(PROMPT, LANGUAGE, true)).isEqualTo("griot/uploads/fon/main-menu/v1");
        assertThat(jdbc.sql("""
                select action from audit_event where target = 'prompt:main-menu/fon' and action like 'PROMPT_%'
                order by id desc limit 3""").query(String.class).list())
                .containsExactly("PROMPT_ROLLED_BACK", "PROMPT_PROMOTED", "PROMPT_UPLOADED");
        assertThat(jdbc.sql("select count(*) from caller_profile where caller_number like '229971000%'")
                .query(Integer.class).single()).as("simulated calls are not remembered as callers").isZero();
    }

    @Test
    void withFourEyesTheUploaderCannotPromoteAndALostFileIsWrittenAgainFromTheDatabase() throws Exception {
        byte[] wav = wav(8000, 1, 16, 800);
        as("ana", () -> prompts.upload(PROMPT, LANGUAGE, NEW_WORDS, wav));
        FileSystemUtils.deleteRecursively(PROMPTS.resolve("uploads"));
        PromptReleases fourEyes = new PromptReleases(jdbc, catalog, properties, audit, Clock.systemUTC(), true);
        fourEyes.afterPropertiesSet(); // another node, or a restart: the file comes back from the database

        assertThat(Files.readAllBytes(PROMPTS.resolve("uploads/fon/main-menu/v1.wav"))).isEqualTo(wav);
        assertThatThrownBy(() -> as("ana", () -> fourEyes.promote(PROMPT, LANGUAGE)))
                .isInstanceOf(PromptReleases.PromptReleaseRefusedException.class).hasMessageContaining("Four-eyes");
        assertThat(fourEyes.soundName(PROMPT, LANGUAGE, false)).isEqualTo("griot/fon/main-menu");
        assertThat(as("bob", () -> fourEyes.promote(PROMPT, LANGUAGE)).version()).isEqualTo(1);
        assertThatThrownBy(() -> as("bob", () -> fourEyes.promote(PROMPT, LANGUAGE)))
                .isInstanceOf(PromptReleases.PromptReleaseRefusedException.class).hasMessageContaining("already in production");
        prompts.refresh(); // what the scheduled refresh does on this node
        assertThat(prompts.soundName(PROMPT, LANGUAGE, false)).isEqualTo("griot/uploads/fon/main-menu/v1");
    }

    @Test
    void aRefusedUploadSaysEveryReasonAndKeepsNothing() {
        long auditsBefore = jdbc.sql("select count(*) from audit_event where action = 'PROMPT_REJECTED'").query(Long.class).single();

        assertThatThrownBy(() -> as("ana", () -> prompts.upload("Main Menu", "de", " ", "not a wav".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(PromptReleases.PromptRejectedException.class, e -> assertThat(e.problems())
                        .hasSize(4)
                        .anySatisfy(p -> assertThat(p).contains("prompt id 'Main Menu'"))
                        .anySatisfy(p -> assertThat(p).contains("language 'de'").contains("[fr, en, fon, yo]"))
                        .anySatisfy(p -> assertThat(p).contains("transcript is empty"))
                        .anySatisfy(p -> assertThat(p).contains("not a WAV file").contains("sox")));
        assertRejected(wav(16000, 1, 16, 800), "16000 Hz, 1 channel(s), 16-bit");
        assertRejected(wav(8000, 2, 16, 800), "8000 Hz, 2 channel(s), 16-bit");
        assertRejected(wav(8000, 1, 8, 800), "8000 Hz, 1 channel(s), 8-bit");
        assertRejected(java.util.Arrays.copyOf(wav(8000, 1, 16, 800), 500), "truncated");
        assertRejected(wav(8000, 1, 16, 0), "no sound");
        assertRejected(new byte[0], "empty");
        assertRejected(wav(8000, 1, 16, (int) (properties.maxUploadSize().toBytes() / 2) + 1), "at most");

        assertThat(jdbc.sql("select count(*) from prompt_version where prompt_id = ?").param(PROMPT).query(Integer.class).single())
                .isZero();
        assertThat(PROMPTS.resolve("uploads/fon")).doesNotExist();
        assertThat(prompts.soundName(PROMPT, LANGUAGE, true)).isEqualTo("griot/fon/main-menu");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'PROMPT_REJECTED'").query(Long.class).single())
                .isEqualTo(auditsBefore + 8);
    }

    @Test
    void theUploadScreenIsForAnalystsKeepsWhatWasTypedOnARefusalAndLetsThemListenAndPromote() throws Exception {
        MockMultipartFile stereo = new MockMultipartFile("file", "menu.wav", "audio/wav", wav(8000, 2, 16, 800));
        mvc.perform(multipart("/prompts/upload").file(stereo).param("promptId", PROMPT).param("language", LANGUAGE)
                .param("transcript", NEW_WORDS).with(user("boss").roles("ADMIN")).with(csrf())).andExpect(status().isForbidden());
        String refused = mvc.perform(multipart("/prompts/upload").file(stereo).param("promptId", PROMPT).param("language", LANGUAGE)
                        .param("transcript", NEW_WORDS).with(user("ana").roles("ANALYST")).with(csrf()))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"rejected\"", "2 channel(s)", "value=\"" + NEW_WORDS + "\"", "value=\"main-menu\"");

        MockMultipartFile good = new MockMultipartFile("file", "menu.wav", "audio/wav", wav(8000, 1, 16, 800));
        mvc.perform(multipart("/prompts/upload").file(good).param("promptId", PROMPT).param("language", LANGUAGE)
                        .param("transcript", NEW_WORDS).with(user("ana").roles("ANALYST")).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/prompts/fon/main-menu"));
        String page = mvc.perform(get("/prompts/fon/main-menu").with(user("aud").roles("AUDITOR")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"staging-version\"", "id=\"production-version\"", NEW_WORDS, "v1.wav")
                .doesNotContain("id=\"promote\"");
        assertThat(mvc.perform(get("/prompts").with(user("ana").roles("ANALYST"))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString()).contains("id=\"prompt-fon-main-menu\"", "id=\"prompt-upload-form\"");
        assertThat(mvc.perform(get("/prompts/fon/main-menu/v1.wav").with(user("ana").roles("ANALYST"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray()).isEqualTo(good.getBytes());
        mvc.perform(get("/prompts").with(user("agent").roles("AGENT"))).andExpect(status().isForbidden());

        mvc.perform(post("/prompts/fon/main-menu/promote").with(user("bob").roles("ANALYST")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(prompts.soundName(PROMPT, LANGUAGE, false)).isEqualTo("griot/uploads/fon/main-menu/v1");
    }

    @Test
    void aStagingCallIsRoutedByTheStagingRulesAndAProductionCallByTheReleasedOnes() throws Exception {
        long production = rules.production().orElseThrow().version();
        Files.writeString(STAGED_RULE, """
                package griot.ivr;
                import org.griot.ivr.RoutingRequest;
                rule "Callers of 22997100005 try the staging desk"
                    salience 500
                when
                    $r : RoutingRequest(callerNumber == "22997100005", queue == null)
                then
                    modify($r) { setQueue("staging-desk"), setPriority(2) }
                end
                """);
        rules.reload("test");
        long staging = rules.staging().orElseThrow().version();
        assertThat(staging).isNotEqualTo(production);

        Map<String, Object> stagingCall = askForAnAgent("22997100005", true);
        assertThat(stagingCall).containsEntry("routingQueue", "staging-desk");
        assertThat(stagingCall.get("routingExplanation").toString()).startsWith("rule-base v" + staging + " (staging)");

        Map<String, Object> productionCall = askForAnAgent("22997100005", false);
        assertThat(productionCall).containsEntry("routingQueue", "general");
        assertThat(productionCall.get("routingExplanation").toString()).startsWith("rule-base v" + production + ":");
    }

    /** The data of the main-menu prompt a simulated caller hears after choosing Fon. */
    private Map<String, Object> mainMenuHeardBy(String caller, boolean staging) throws Exception {
        SimulatorCall call = as("ana", () -> simulator.start("ana", caller, "1919", staging));
        awaitWaitingAt(call, "choose-language");
        call.press('3');
        awaitWaitingAt(call, "main-menu");
        Map<String, Object> heard = call.events().stream().filter(e -> e.type().equals("prompt"))
                .map(SimulatorEvent::data).filter(d -> PROMPT.equals(d.get("promptId"))).reduce((a, b) -> b).orElseThrow();
        call.hangUp();
        call.await(e -> e.type().equals("ended"), WAIT).orElseThrow();
        return heard;
    }

    /** Calls in French, asks for an agent (0) and returns the ended call's outcome. */
    private Map<String, Object> askForAnAgent(String caller, boolean staging) throws Exception {
        SimulatorCall call = as("ana", () -> simulator.start("ana", caller, "1919", staging));
        awaitWaitingAt(call, "choose-language");
        call.press('1');
        awaitWaitingAt(call, "main-menu");
        call.press('0');
        return call.await(e -> e.type().equals("ended"), WAIT).orElseThrow().data();
    }

    private void assertRejected(byte[] audio, String reason) {
        assertThatThrownBy(() -> as("ana", () -> prompts.upload(PROMPT, LANGUAGE, NEW_WORDS, audio)))
                .isInstanceOfSatisfying(PromptReleases.PromptRejectedException.class,
                        e -> assertThat(e.problems()).singleElement().asString().contains(reason));
    }

    /** A WAV file of silence-free samples in the given format. */
    static byte[] wav(int rate, int channels, int bits, int frames) {
        int dataBytes = frames * channels * bits / 8;
        ByteBuffer buffer = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        buffer.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) channels)
                .putInt(rate).putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        buffer.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (int i = 0; i < dataBytes; i++) {
            buffer.put((byte) (Math.sin(i / 3.0) * 100));
        }
        return buffer.array();
    }

    static <T> T as(String analyst, Supplier<T> action) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(analyst, "n/a",
                List.of(new SimpleGrantedAuthority("ROLE_ANALYST"))));
        SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
