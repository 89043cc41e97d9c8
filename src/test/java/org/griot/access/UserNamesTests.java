package org.griot.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserNamesTests {

    @ParameterizedTest
    @ValueSource(strings = {"admin", "ADMIN", " admin", "admin\t", "Admin", "\uFF41\uFF44\uFF4D\uFF49\uFF4E",
            "\uFF21\uFF24\uFF2D\uFF29\uFF2E", " \u00A0admin\u3000"})
    void caseSpacesAndCompatibilityFormsAreOneName(String typed) {
        assertThat(UserNames.normalise(typed)).isEqualTo("admin");
        assertThat(UserNames.isValid(UserNames.normalise(typed))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\u0430dmin", // Cyrillic a
            "adm\u0131n", // dotless i
            "ad\u200Bmin", // zero-width space
            "ad\u00ADmin", // soft hyphen
            "admin\u200D", // zero-width joiner
            "adm\u0456n", // Cyrillic i
            "ad min", "admin@example", "a", "-admin", "r\u00E9mi", "admin\u0301"})
    void lookAlikesAndOtherCharactersAreNotValidNames(String typed) {
        assertThat(UserNames.isValid(UserNames.normalise(typed))).as(typed).isFalse();
    }

    @Test
    void blankIsNoName() {
        assertThat(UserNames.normalise(null)).isNull();
        assertThat(UserNames.normalise("   ")).isNull();
        assertThat(UserNames.isValid(null)).isFalse();
    }

    @Test
    void ligaturesAndCircledLettersFoldToTheirLetters() {
        assertThat(UserNames.normalise("\uFB01lou")).isEqualTo("filou");
        assertThat(UserNames.normalise("\u24D0gent")).isEqualTo("agent");
    }
}
