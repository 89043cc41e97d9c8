package org.griot.telephony.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.griot.telephony.asterisk.AgiSourcePolicy.Verdict;
import org.junit.jupiter.api.Test;

/** Who may connect to FastAGI and how many connections one source holds: the pure policy. */
class AgiSourcePolicyTests {

    static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void anEmptyAllowListLetsAnySourceIn() throws Exception {
        AgiSourcePolicy policy = new AgiSourcePolicy(List.of(), 10);
        assertThat(policy.admit(ip("203.0.113.7"))).isEqualTo(Verdict.ACCEPTED);
        assertThat(policy.admit(ip("::1"))).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void addressesAndCidrRangesAreMatchedBitByBit() throws Exception {
        AgiSourcePolicy policy = new AgiSourcePolicy(List.of("172.30.10.0/24", "10.1.2.3", "192.168.0.0/17", "fd00::/8"), 10);
        assertThat(policy.isAllowed(ip("172.30.10.0"))).isTrue();
        assertThat(policy.isAllowed(ip("172.30.10.255"))).isTrue();
        assertThat(policy.isAllowed(ip("172.30.11.1"))).isFalse();
        assertThat(policy.isAllowed(ip("10.1.2.3"))).isTrue();
        assertThat(policy.isAllowed(ip("10.1.2.4"))).isFalse();
        assertThat(policy.isAllowed(ip("192.168.127.255"))).isTrue();
        assertThat(policy.isAllowed(ip("192.168.128.0"))).isFalse();
        assertThat(policy.isAllowed(ip("fd12:3456::1"))).isTrue();
        assertThat(policy.isAllowed(ip("fe80::1"))).isFalse();
        // An IPv4 range never matches an IPv6 address and the other way round.
        assertThat(policy.isAllowed(ip("::ffff:0:0"))).isFalse();
        assertThat(policy.admit(ip("198.51.100.1"))).isEqualTo(Verdict.NOT_ALLOWED);
        assertThat(policy.openFrom(ip("198.51.100.1"))).isZero();
    }

    @Test
    void zeroPrefixAllowsEverythingOfThatFamilyOnly() throws Exception {
        AgiSourcePolicy policy = new AgiSourcePolicy(List.of("0.0.0.0/0"), 10);
        assertThat(policy.isAllowed(ip("8.8.8.8"))).isTrue();
        assertThat(policy.isAllowed(ip("2001:db8::1"))).isFalse();
    }

    @Test
    void hostNamesAndMalformedEntriesAreRefusedWithEveryReason() {
        assertThatThrownBy(() -> new AgiSourcePolicy(List.of("asterisk", "10.0.0.0/33", "1.2.3.4/abc", "1.2.3.4/",
                "localhost", "10.0.0.0/8; rm -rf /", "::1/129", "999.1.1.1"), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'asterisk' is not an IP address")
                .hasMessageContaining("'10.0.0.0/33' has a prefix length outside 0..32")
                .hasMessageContaining("'1.2.3.4/abc'")
                .hasMessageContaining("'1.2.3.4/'")
                .hasMessageContaining("'localhost' is not an IP address")
                .hasMessageContaining("'10.0.0.0/8; rm -rf /'")
                .hasMessageContaining("'::1/129' has a prefix length outside 0..128")
                .hasMessageContaining("'999.1.1.1'");
        assertThatThrownBy(() -> new AgiSourcePolicy(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachSourceHoldsAtMostItsBoundAndReleasingFreesASlot() throws Exception {
        AgiSourcePolicy policy = new AgiSourcePolicy(List.of(), 2);
        InetAddress asterisk = ip("172.30.10.5");
        InetAddress flooder = ip("172.30.10.66");
        assertThat(policy.admit(flooder)).isEqualTo(Verdict.ACCEPTED);
        assertThat(policy.admit(flooder)).isEqualTo(Verdict.ACCEPTED);
        assertThat(policy.admit(flooder)).isEqualTo(Verdict.SOURCE_LIMIT);
        // Another source is not affected by the flooder's bound.
        assertThat(policy.admit(asterisk)).isEqualTo(Verdict.ACCEPTED);
        policy.release(flooder);
        assertThat(policy.openFrom(flooder)).isEqualTo(1);
        assertThat(policy.admit(flooder)).isEqualTo(Verdict.ACCEPTED);
        policy.release(flooder);
        policy.release(flooder);
        policy.release(flooder); // one release too many must not go negative nor free a slot for later
        assertThat(policy.openFrom(flooder)).isZero();
        assertThat(policy.admit(flooder)).isEqualTo(Verdict.ACCEPTED);
        assertThat(policy.admit(flooder)).isEqualTo(Verdict.ACCEPTED);
        assertThat(policy.admit(flooder)).isEqualTo(Verdict.SOURCE_LIMIT);
    }
}
