package org.griot.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** French and English say the same things, and every key a template names exists. */
class MessageBundleParityTests {

    private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([A-Za-z][\\w.-]*)[}(]");

    @Test
    void everyKeyExistsInBothLanguages() throws IOException {
        Set<String> french = load("i18n/messages.properties").stringPropertyNames();
        Set<String> english = load("i18n/messages_en.properties").stringPropertyNames();

        assertThat(difference(french, english)).as("keys missing in English").isEmpty();
        assertThat(difference(english, french)).as("keys missing in French").isEmpty();
        assertThat(french).hasSizeGreaterThan(50);
    }

    @Test
    void noMessageIsEmpty() throws IOException {
        for (String bundle : new String[] {"i18n/messages.properties", "i18n/messages_en.properties"}) {
            Properties messages = load(bundle);
            assertThat(messages.stringPropertyNames()).allSatisfy(key ->
                    assertThat(messages.getProperty(key)).as(bundle + " " + key).isNotBlank());
        }
    }

    @Test
    void everyKeyUsedByATemplateExists() throws IOException {
        Set<String> french = load("i18n/messages.properties").stringPropertyNames();
        Set<String> used = new TreeSet<>();
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher matcher = LITERAL_KEY.matcher(Files.readString(template));
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(difference(used, french)).as("keys used by templates but missing from the bundle").isEmpty();
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundleParityTests.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
