package org.griot.ivr.selfcare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MsisdnTests {

    @ParameterizedTest
    @ValueSource(strings = { "22997000001", "+22997000001", "0022997000001", "97000001", "+229 97 00 00 01",
            "00 229 97-00-00-01", "97.00.00.01", "(+229) 97000001", " 97000001 " })
    void everyUsualFormOfABeninNumberBecomesTheCanonicalOne(String raw) {
        assertThat(Msisdn.parse(raw)).map(Msisdn::value).contains("22997000001");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "anonymous", "9700000", "970000011", "+33612345678", "0033612345678", "+2299700000",
            "229970000011", "97000O01", "*97000001", "97000001#", "+ 229", "2299700000" })
    void garbageAndForeignNumbersAreRejected(String raw) {
        assertThat(Msisdn.parse(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "97000001", "+22997000001", "33612345678" })
    void onlyTheCanonicalFormCanBeBuiltDirectly(String notCanonical) {
        assertThatThrownBy(() -> new Msisdn(notCanonical)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eightDigitsThatHappenToStartWith229AreALocalNumber() {
        assertThat(Msisdn.parse("22912345")).map(Msisdn::value).contains("22922912345");
        assertThat(Msisdn.parse("229 22 91 23 45")).map(Msisdn::value).contains("22922912345");
    }
}
