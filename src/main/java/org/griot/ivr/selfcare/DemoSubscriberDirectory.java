package org.griot.ivr.selfcare;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo back end: the subscribers seeded by the {@code 0005} changeset (22997000001..22997000010).
 * Each lookup is one short auto-commit read; a database problem answers {@code Unavailable} like
 * an operator outage would. Identity answers are kept as SHA-256 of msisdn + answer, never in clear.
 */
final class DemoSubscriberDirectory implements SubscriberDirectory {

    private static final Logger log = LoggerFactory.getLogger(DemoSubscriberDirectory.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;

    DemoSubscriberDirectory(JdbcClient jdbc, Clock clock, ZoneId zone) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public LookupResult<Subscriber> subscriber(String msisdn) {
        return read(msisdn, number -> jdbc.sql("""
                select display_name, language, vip, line_status from subscriber where msisdn = ?""")
                .param(number.value())
                .query((rs, row) -> new Subscriber(number, rs.getString("display_name"), rs.getString("language"),
                        rs.getBoolean("vip"), Subscriber.LineStatus.valueOf(rs.getString("line_status"))))
                .optional());
    }

    @Override
    public LookupResult<IdentityCheck> verifyIdentity(String msisdn, String answer) {
        return read(msisdn, number -> jdbc.sql("select identity_answer_sha256 from subscriber where msisdn = ?")
                .param(number.value()).query(String.class).optional()
                .map(expected -> IdentityCheck.isWellFormedAnswer(answer)
                        && MessageDigest.isEqual(HexFormat.of().parseHex(expected), identityHash(number, answer))
                                ? IdentityCheck.PASSED : IdentityCheck.FAILED));
    }

    @Override
    public LookupResult<PukCode> pukCode(String msisdn) {
        return read(msisdn, number -> jdbc.sql("select puk from subscriber where msisdn = ?").param(number.value())
                .query(String.class).optional().map(PukCode::new));
    }

    @Override
    public LookupResult<Balance> balance(String msisdn) {
        return read(msisdn, number -> jdbc.sql("select main_balance_xof, data_remaining_mb from subscriber where msisdn = ?")
                .param(number.value())
                .query((rs, row) -> new Balance(rs.getLong("main_balance_xof"), rs.getLong("data_remaining_mb")))
                .optional());
    }

    @Override
    public LookupResult<List<CallRecord>> lastCalls(String msisdn, int max) {
        int limit = Math.max(1, Math.min(max, MAX_CALLS));
        return read(msisdn, number -> known(number).map(found -> jdbc.sql("""
                select started_at, other_number, duration_seconds, cost_xof from subscriber_call
                where msisdn = ? order by started_at desc, id desc limit ?""")
                .param(number.value()).param(limit)
                .query((rs, row) -> new CallRecord(instant(rs, "started_at"), rs.getString("other_number"),
                        Duration.ofSeconds(rs.getLong("duration_seconds")), rs.getLong("cost_xof")))
                .list()));
    }

    @Override
    public LookupResult<MonthlyConsumption> monthlyConsumption(String msisdn) {
        YearMonth month = YearMonth.now(clock.withZone(zone));
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        return read(msisdn, number -> known(number).map(found -> jdbc.sql("""
                select count(*) as calls, coalesce(sum(duration_seconds), 0) as seconds, coalesce(sum(cost_xof), 0) as cost
                from subscriber_call where msisdn = ? and started_at >= ? and started_at < ?""")
                .param(number.value()).param(Timestamp.from(from)).param(Timestamp.from(to))
                .query((rs, row) -> new MonthlyConsumption(month, rs.getInt("calls"),
                        Duration.ofSeconds(rs.getLong("seconds")), rs.getLong("cost")))
                .single()));
    }

    @Override
    public LookupResult<MobileMoneyAccount> mobileMoney(String msisdn) {
        return read(msisdn, number -> jdbc.sql("""
                select status, balance_xof, last_tx_at, last_tx_kind, last_tx_amount_xof, last_tx_counterparty
                from mobile_money_account where msisdn = ?""")
                .param(number.value())
                .query((rs, row) -> new MobileMoneyAccount(MobileMoneyAccount.Status.valueOf(rs.getString("status")),
                        rs.getLong("balance_xof"), lastTransaction(rs)))
                .optional());
    }

    /** SHA-256 of msisdn + answer: what the seed stores instead of the answer. */
    static byte[] identityHash(Msisdn number, String answer) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((number.value() + answer).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private Optional<Boolean> known(Msisdn number) {
        return jdbc.sql("select 1 from subscriber where msisdn = ?").param(number.value()).query(Integer.class)
                .optional().map(one -> true);
    }

    private <T> LookupResult<T> read(String msisdn, Function<Msisdn, Optional<T>> query) {
        Optional<Msisdn> number = Msisdn.parse(msisdn);
        if (number.isEmpty()) {
            return LookupResult.notFound();
        }
        try {
            return query.apply(number.get()).map(LookupResult::found).orElseGet(LookupResult::notFound);
        } catch (DataAccessException e) {
            log.warn("Demo self-care lookup failed: {}", e.getMessage());
            return LookupResult.unavailable("demo database: " + e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            // A row the records refuse (unknown status, PUK not 8 digits): the port still never throws.
            log.warn("Demo self-care data is invalid for {}: {}", number.get(), e.getClass().getSimpleName());
            return LookupResult.unavailable("demo data invalid: " + e.getClass().getSimpleName());
        }
    }

    private static Optional<MobileMoneyAccount.Transaction> lastTransaction(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp("last_tx_at");
        if (at == null) {
            return Optional.empty();
        }
        return Optional.of(new MobileMoneyAccount.Transaction(at.toInstant(),
                MobileMoneyAccount.TransactionKind.valueOf(rs.getString("last_tx_kind")), rs.getLong("last_tx_amount_xof"),
                rs.getString("last_tx_counterparty")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
