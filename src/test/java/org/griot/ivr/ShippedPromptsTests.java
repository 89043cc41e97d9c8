package org.griot.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guard of the shipped {@code prompts/}: every prompt the 1919 IVR uses has a transcript and
 * audio Asterisk plays natively in each of its languages. A gap here is a deployment error.
 */
class ShippedPromptsTests {

    static final List<String> LANGUAGES = List.of("fr", "en", "fon", "yo");

    static final List<String> IVR_PROMPTS = Stream.concat(Stream.of(
            "welcome", "welcome-back", "language-menu", "language-option", "language-confirmed", "main-menu",
            "after-info-menu", "invalid-choice", "no-input", "too-many-attempts", "enter-identity", "identity-failed",
            "puk-is", "balance-is", "currency-fcfa", "last-calls-intro", "consumption-is", "mobile-money-balance-is",
            "please-wait", "backend-unavailable", "transfer-to-agent", "all-agents-busy", "offer-callback",
            "callback-confirmed", "leave-message-after-beep", "message-recorded", "survey-question", "survey-thanks",
            "goodbye", "closed-hours", "emergency-message"),
            IntStream.rangeClosed(0, 9).mapToObj(digit -> "digit-" + digit)).toList();

    static final Path SHIPPED = Path.of("prompts");

    static PromptCatalog catalog;

    @BeforeAll
    static void loadTheShippedCatalogue() {
        // Surefire runs from the project root; say so plainly rather than report every prompt missing.
        assertThat(SHIPPED.resolve(PromptCatalog.CATALOGUE_FILE)).as("run from the project root").isRegularFile();
        catalog = new PromptCatalog(SHIPPED);
    }

    @Test
    void speaksFrenchFirstThenEnglishFonAndYoruba() {
        assertThat(catalog.languages()).containsExactlyElementsOf(LANGUAGES);
    }

    @Test
    void everyIvrPromptHasATranscriptAndAudioInEveryLanguage() {
        assertThat(catalog.missing(IVR_PROMPTS)).isEmpty();
        for (String promptId : IVR_PROMPTS) {
            for (String language : LANGUAGES) {
                assertThat(catalog.transcript(promptId, language)).as(promptId + " in " + language)
                        .hasValueSatisfying(transcript -> assertThat(transcript).isNotBlank());
                assertThat(catalog.has(promptId, language)).as(promptId + " in " + language).isTrue();
            }
        }
    }

    @Test
    void everyRecordingIsAnAsteriskNativeWav() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Path wav : recordings()) {
            AudioFileFormat file = AudioSystem.getAudioFileFormat(wav.toFile());
            AudioFormat format = file.getFormat();
            String name = SHIPPED.relativize(wav).toString();
            assertThat(file.getType()).as(name).isEqualTo(AudioFileFormat.Type.WAVE);
            assertThat(format.getEncoding()).as(name).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
            assertThat(format.getSampleRate()).as(name).isEqualTo(8000f);
            assertThat(format.getChannels()).as(name).isEqualTo(1);
            assertThat(format.getSampleSizeInBits()).as(name).isEqualTo(16);
            assertThat(format.isBigEndian()).as(name).isFalse();
            assertThat(file.getFrameLength() / format.getFrameRate()).as(name + " seconds").isGreaterThan(0.3f);
            checked.add(name);
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(IVR_PROMPTS.size() * LANGUAGES.size());
    }

    @Test
    void everyRecordingHasACatalogueRow() throws IOException {
        for (Path wav : recordings()) {
            String language = wav.getParent().getFileName().toString();
            String promptId = wav.getFileName().toString().replaceFirst("\\.wav$", "");
            assertThat(catalog.transcript(promptId, language)).as(SHIPPED.relativize(wav) + " has no catalogue row").isPresent();
        }
    }

    /**
     * 8 kHz 16-bit mono is 16 KB a second: 24 MiB is about 25 minutes of demo audio over four languages
     * (the IVR, hold announcements, callbacks). Studio recordings belong in a release, not in git.
     */
    @Test
    void theAudioStaysSmallEnoughForTheRepository() throws IOException {
        long bytes = 0;
        for (Path wav : recordings()) {
            bytes += Files.size(wav);
        }
        assertThat(bytes).as("bytes of audio in prompts/").isBetween(1L, 24L * 1024 * 1024);
    }

    private static List<Path> recordings() throws IOException {
        try (Stream<Path> files = Files.walk(SHIPPED, 2)) {
            return files.filter(path -> path.toString().endsWith(".wav")).sorted().toList();
        }
    }
}
