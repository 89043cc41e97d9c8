package org.griot.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.griot.ivr.PromptCatalog.MalformedCatalogueException;
import org.griot.ivr.PromptCatalog.MissingPrompt;
import org.griot.ivr.PromptCatalog.MissingPrompt.What;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromptCatalogTests {

    @TempDir
    Path prompts;

    @Test
    void readsTranscriptsWithQuotedCommasQuotesAndAccents() throws IOException {
        catalogue("""
                id,language,transcript
                welcome,en,"Welcome, dear customer, to ""1919""."
                welcome,fr,Bienvenue au service client.
                welcome,fon,"A kú dè wá ɖò 1919."
                """);

        PromptCatalog catalog = new PromptCatalog(prompts);

        assertThat(catalog.transcript("welcome", "en")).contains("Welcome, dear customer, to \"1919\".");
        assertThat(catalog.transcript("welcome", "fr")).contains("Bienvenue au service client.");
        assertThat(catalog.transcript("welcome", "fon")).contains("A kú dè wá ɖò 1919.");
        assertThat(catalog.transcript("welcome", "yo")).isEmpty();
        assertThat(catalog.transcript("goodbye", "fr")).isEmpty();
    }

    @Test
    void frenchComesFirstAmongTheLanguagesAndIsAlwaysRequired() throws IOException {
        catalogue("""
                id,language,transcript
                welcome,en,Welcome.
                welcome,yo,Ẹ kú àbọ̀.
                """);

        PromptCatalog catalog = new PromptCatalog(prompts);

        assertThat(catalog.languages()).containsExactly("fr", "en", "yo");
        assertThat(catalog.missing(List.of("welcome"))).contains(new MissingPrompt("welcome", "fr", What.TRANSCRIPT));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "|", value = {
        "welcome,fr                          | expected 3 fields",
        "welcome,fr,Bonjour,en trop          | expected 3 fields",
        "Welcome_Prompt,fr,Bonjour           | not kebab-case",
        "welcome,French,Bonjour              | not a 2- or 3-letter",
        "welcome,fr,\"  \"                   | is empty",
        "welcome,fr,\"Bonjour                | unterminated quoted field",
        "welcome,fr,Bon\"jour                | a quote inside an unquoted field",
        "goodbye,fr,Au revoir                | appears twice"})
    void rejectsAMalformedLineWithItsLineNumber(String badLine, String reason) throws IOException {
        catalogue("id,language,transcript\ngoodbye,fr,Au revoir\nwelcome,en,Welcome.\n\n" + badLine + "\n");

        assertThatThrownBy(() -> new PromptCatalog(prompts))
                .isInstanceOf(MalformedCatalogueException.class)
                .hasMessageContaining("catalogue.csv line 5: ")
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsAMissingHeader() throws IOException {
        catalogue("welcome,fr,Bonjour\n");

        assertThatThrownBy(() -> new PromptCatalog(prompts))
                .isInstanceOf(MalformedCatalogueException.class)
                .hasMessageContaining("line 1: expected the header 'id,language,transcript'");
    }

    @Test
    void reportsMissingAudio() throws IOException {
        catalogue("""
                id,language,transcript
                welcome,fr,Bienvenue.
                welcome,en,Welcome.
                """);
        audio("fr", "welcome");

        PromptCatalog catalog = new PromptCatalog(prompts);

        assertThat(catalog.has("welcome", "fr")).isTrue();
        assertThat(catalog.has("welcome", "en")).isFalse();
        assertThat(catalog.missing(List.of("welcome"))).containsExactly(new MissingPrompt("welcome", "en", What.AUDIO));
    }

    @Test
    void reportsMissingTranscriptsAndPromptsAbsentEverywhere() throws IOException {
        catalogue("""
                id,language,transcript
                welcome,fr,Bienvenue.
                goodbye,fr,Au revoir.
                goodbye,en,Goodbye.
                """);
        audio("fr", "welcome");
        audio("en", "welcome");
        audio("fr", "goodbye");
        audio("en", "goodbye");

        PromptCatalog catalog = new PromptCatalog(prompts);

        assertThat(catalog.has("welcome", "en")).as("audio without a transcript is not playable").isFalse();
        assertThat(catalog.missing(List.of("welcome", "goodbye", "no-such-prompt", "welcome"))).containsExactly(
                new MissingPrompt("welcome", "en", What.TRANSCRIPT),
                new MissingPrompt("no-such-prompt", "fr", What.TRANSCRIPT),
                new MissingPrompt("no-such-prompt", "fr", What.AUDIO),
                new MissingPrompt("no-such-prompt", "en", What.TRANSCRIPT),
                new MissingPrompt("no-such-prompt", "en", What.AUDIO));
        assertThat(catalog.missing(List.of("welcome")).get(0)).hasToString("welcome (en): no transcript");
    }

    @Test
    void namesTheSoundAsteriskPlaysAndRefusesNamesThatAreNotPromptIds() throws IOException {
        catalogue("id,language,transcript\nwelcome,fon,A kú dè wá.\n");
        PromptCatalog catalog = new PromptCatalog(prompts);

        assertThat(catalog.soundName("welcome", "fon")).isEqualTo("griot/fon/welcome");
        assertThat(catalog.audioFile("welcome", "fon")).isEqualTo(prompts.toAbsolutePath().resolve("fon/welcome.wav"));
        assertThatThrownBy(() -> catalog.soundName("../../etc/passwd", "fr")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> catalog.soundName("welcome", "fr/..")).isInstanceOf(IllegalArgumentException.class);
        assertThat(catalog.has("../welcome", "fon")).isFalse();
    }

    @Test
    void reloadsWhenTheCatalogueChanges() throws IOException {
        catalogue("id,language,transcript\nwelcome,fr,Bienvenue.\n");
        PromptCatalog catalog = new PromptCatalog(prompts);
        assertThat(catalog.transcript("welcome", "fr")).contains("Bienvenue.");

        catalogue("id,language,transcript\nwelcome,fr,Bienvenue au 1919.\nwelcome,yo,Ẹ kú àbọ̀.\n");
        touch(1);

        assertThat(catalog.transcript("welcome", "fr")).contains("Bienvenue au 1919.");
        assertThat(catalog.languages()).containsExactly("fr", "yo");
    }

    @Test
    void aBadEditKeepsThePreviousCatalogueServingUntilItIsFixed() throws IOException {
        catalogue("id,language,transcript\nwelcome,fr,Bienvenue.\n");
        PromptCatalog catalog = new PromptCatalog(prompts);

        catalogue("id,language,transcript\nwelcome,fr,\"Bienvenue\n");
        touch(1);
        assertThat(catalog.transcript("welcome", "fr")).contains("Bienvenue.");

        Files.delete(prompts.resolve("catalogue.csv"));
        assertThat(catalog.transcript("welcome", "fr")).as("a deleted catalogue keeps serving too").contains("Bienvenue.");

        catalogue("id,language,transcript\nwelcome,fr,\"Bienvenue, enfin.\"\n");
        touch(2);
        assertThat(catalog.transcript("welcome", "fr")).contains("Bienvenue, enfin.");
    }

    @Test
    void withoutACatalogueEveryPromptIsMissingInFrench() {
        PromptCatalog catalog = new PromptCatalog(prompts.resolve("absent"));

        assertThat(catalog.languages()).containsExactly("fr");
        assertThat(catalog.missing(List.of("welcome"))).containsExactly(
                new MissingPrompt("welcome", "fr", What.TRANSCRIPT), new MissingPrompt("welcome", "fr", What.AUDIO));
    }

    @Test
    void defaultsThePathToThePromptsFolder() {
        assertThat(new PromptsProperties(null).path()).isEqualTo("./prompts");
        assertThat(new PromptsProperties(" ").path()).isEqualTo("./prompts");
        assertThat(new PromptsProperties("/srv/prompts").path()).isEqualTo("/srv/prompts");
    }

    private void catalogue(String text) throws IOException {
        Files.writeString(prompts.resolve("catalogue.csv"), text);
    }

    /** Moves the modification time on, as an edit seconds later would: file systems may round it. */
    private void touch(int secondsLater) throws IOException {
        Files.setLastModifiedTime(prompts.resolve("catalogue.csv"), FileTime.from(Instant.now().plusSeconds(secondsLater)));
    }

    private void audio(String language, String promptId) throws IOException {
        Files.createDirectories(prompts.resolve(language));
        Files.write(prompts.resolve(language).resolve(promptId + ".wav"), new byte[] {'R', 'I', 'F', 'F'});
    }
}
