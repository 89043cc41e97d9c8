package org.griot.ivr.selfcare;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.griot.IntegrationTest;
import org.griot.ivr.selfcare.LookupResult.Found;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo back end (the default) through the port, on the seeded MariaDB tables of changeset 0005. */
class DemoSubscriberDirectoryIntegrationTests extends IntegrationTest {

    static final String VIP = "22997000001";
    static final String NO_CALLS = "22997000003";
    static final String SUSPENDED_WALLET = "22997000004";
    static final String NO_WALLET = "22997000005";
    static final String SUSPENDED_LINE = "22997000006";
    static final String UNKNOWN = "22997000099";

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDemoBackendServesThePortByDefault() {
        assertThat(directory).isInstanceOf(MeteredSubscriberDirectory.class);
        double before = lookups("subscriber", "found");
        directory.subscriber(VIP);
        assertThat(lookups("subscriber", "found")).isEqualTo(before + 1);
    }

    @Test
    void subscribersAreFoundInAnyNumberFormat() {
        assertThat(directory.subscriber("+229 97 00 00 01")).isEqualTo(LookupResult.found(
                new Subscriber(new Msisdn(VIP), "Afiavi Dossou", "fr", true, Subscriber.LineStatus.ACTIVE)));
        assertThat(value(directory.subscriber("97000006")).status()).isEqualTo(Subscriber.LineStatus.SUSPENDED);
        assertThat(value(directory.subscriber("0022997000004")).language()).isEqualTo("fon");
        assertThat(directory.subscriber(UNKNOWN)).isEqualTo(LookupResult.notFound());
        assertThat(directory.subscriber("anonymous")).isEqualTo(LookupResult.notFound());
    }

    @Test
    void theIdentityCheckComparesWithTheStoredHashOnly() {
        assertThat(directory.verifyIdentity(VIP, "1234")).isEqualTo(LookupResult.found(IdentityCheck.PASSED));
        assertThat(directory.verifyIdentity(VIP, "5678")).isEqualTo(LookupResult.found(IdentityCheck.FAILED));
        assertThat(directory.verifyIdentity(VIP, "12345")).isEqualTo(LookupResult.found(IdentityCheck.FAILED));
        assertThat(directory.verifyIdentity("22997000002", "5678")).isEqualTo(LookupResult.found(IdentityCheck.PASSED));
        assertThat(directory.verifyIdentity(UNKNOWN, "1234")).isEqualTo(LookupResult.notFound());

        String stored = jdbc.sql("select identity_answer_sha256 from subscriber where msisdn = ?").param(VIP)
                .query(String.class).single();
        assertThat(stored).hasSize(64).doesNotContain("1234");
    }

    @Test
    void pukAndBalance() {
        assertThat(value(directory.pukCode(VIP)).digits()).isEqualTo("40817265");
        assertThat(directory.pukCode(UNKNOWN)).isEqualTo(LookupResult.notFound());
        assertThat(directory.balance(VIP)).isEqualTo(LookupResult.found(new Balance(15250, 2048)));
        assertThat(directory.balance("22997000002")).isEqualTo(LookupResult.found(new Balance(500, 0)));
    }

    @Test
    void lastCallsComeMostRecentFirstAndASubscriberWithoutCallsHasAnEmptyList() {
        List<CallRecord> calls = value(directory.lastCalls(VIP, 3));
        assertThat(calls).hasSize(3);
        assertThat(calls).extracting(CallRecord::otherNumber).containsExactly("22997000002", "22961234567", "22521234567");
        assertThat(calls.get(0).duration()).isEqualTo(Duration.ofSeconds(185));
        assertThat(calls.get(0).costXof()).isEqualTo(150);
        assertThat(calls).isSortedAccordingTo((a, b) -> b.startedAt().compareTo(a.startedAt()));
        assertThat(value(directory.lastCalls(VIP, 50))).hasSize(5);

        assertThat(directory.lastCalls(NO_CALLS, 5)).isEqualTo(LookupResult.found(List.of()));
        assertThat(directory.lastCalls(UNKNOWN, 5)).isEqualTo(LookupResult.notFound());
    }

    @Test
    void theMonthsConsumptionAddsUpThisMonthsCalls() {
        ZoneId benin = ZoneId.of("Africa/Porto-Novo");
        YearMonth month = YearMonth.now(benin);
        // The seed's calls are dated relative to the migration: count what falls in this month.
        List<CallRecord> thisMonth = value(directory.lastCalls(VIP, 50)).stream()
                .filter(call -> YearMonth.from(call.startedAt().atZone(benin)).equals(month)).toList();

        MonthlyConsumption consumption = value(directory.monthlyConsumption(VIP));

        assertThat(consumption.month()).isEqualTo(month);
        assertThat(consumption.calls()).isEqualTo(thisMonth.size()).isLessThan(5); // the 40-day-old call is out
        assertThat(consumption.totalCostXof()).isEqualTo(thisMonth.stream().mapToLong(CallRecord::costXof).sum());
        assertThat(consumption.totalDuration())
                .isEqualTo(thisMonth.stream().map(CallRecord::duration).reduce(Duration.ZERO, Duration::plus));
        assertThat(directory.monthlyConsumption(NO_CALLS))
                .isEqualTo(LookupResult.found(new MonthlyConsumption(month, 0, Duration.ZERO, 0)));
        assertThat(directory.monthlyConsumption(UNKNOWN)).isEqualTo(LookupResult.notFound());
    }

    @Test
    void mobileMoneyAccounts() {
        MobileMoneyAccount vip = value(directory.mobileMoney(VIP));
        assertThat(vip.status()).isEqualTo(MobileMoneyAccount.Status.ACTIVE);
        assertThat(vip.balanceXof()).isEqualTo(125000);
        assertThat(vip.lastTransaction()).get().satisfies(last -> {
            assertThat(last.kind()).isEqualTo(MobileMoneyAccount.TransactionKind.TRANSFER_OUT);
            assertThat(last.amountXof()).isEqualTo(5000);
            assertThat(last.counterparty()).isEqualTo("22997000002");
        });
        assertThat(value(directory.mobileMoney(SUSPENDED_WALLET)).status()).isEqualTo(MobileMoneyAccount.Status.SUSPENDED);
        assertThat(value(directory.mobileMoney(NO_CALLS)).lastTransaction()).isEmpty();
        assertThat(directory.mobileMoney(NO_WALLET)).isEqualTo(LookupResult.notFound());
        assertThat(directory.mobileMoney(SUSPENDED_LINE)).isInstanceOf(Found.class);
    }

    private double lookups(String operation, String outcome) {
        var counter = meters.find(MeteredSubscriberDirectory.LOOKUPS).tag("backend", "demo").tag("operation", operation)
                .tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static <T> T value(LookupResult<T> result) {
        assertThat(result).isInstanceOf(Found.class);
        return ((Found<T>) result).value();
    }
}
