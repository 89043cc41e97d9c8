package org.griot.ivr.selfcare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.griot.ivr.selfcare.CircuitBreaker.State;
import org.griot.ivr.selfcare.LookupResult.Found;
import org.griot.ivr.selfcare.LookupResult.Unavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on 127.0.0.1 that answers, dawdles, fails or is gone. */
class HttpSubscriberDirectoryTests {

    static final Duration REQUEST_TIMEOUT = Duration.ofMillis(500);
    static final Duration COOL_DOWN = Duration.ofSeconds(30);
    static final int THRESHOLD = 3;
    static final String KNOWN = "22997000001";

    enum Mode {
        NORMAL, SLOW, ERROR_500, MALFORMED_JSON, MISSING_FIELD
    }

    final AtomicReference<Mode> mode = new AtomicReference<>(Mode.NORMAL);
    final AtomicInteger requests = new AtomicInteger();
    final AtomicReference<String> lastAuthorization = new AtomicReference<>();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    ExecutorService serverThreads;
    HttpServer server;
    CircuitBreaker breaker;
    HttpSubscriberDirectory directory;

    @BeforeEach
    void startBackend() throws IOException {
        serverThreads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/subscribers/", this::handle);
        server.setExecutor(serverThreads);
        server.start();
        directory = directoryOn("http://127.0.0.1:" + server.getAddress().getPort() + "/api/", "s3cret");
    }

    @AfterEach
    void stopBackend() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    HttpSubscriberDirectory directoryOn(String baseUrl, String token) {
        SelfCareProperties properties = new SelfCareProperties("http", baseUrl, Duration.ofMillis(300), REQUEST_TIMEOUT,
                THRESHOLD, 20, 0.5, COOL_DOWN, token, null);
        breaker = new CircuitBreaker(THRESHOLD, 20, 0.5, COOL_DOWN, clock);
        return new HttpSubscriberDirectory(properties, breaker, new ObjectMapper(), clock);
    }

    @Test
    void answersEveryLookupFromANormalBackend() {
        assertThat(directory.subscriber("+229 97 00 00 01")).isEqualTo(LookupResult.found(new Subscriber(
                new Msisdn(KNOWN), "Afiavi Dossou", "fr", true, Subscriber.LineStatus.ACTIVE)));
        assertThat(directory.verifyIdentity(KNOWN, "1234")).isEqualTo(LookupResult.found(IdentityCheck.PASSED));
        assertThat(directory.verifyIdentity(KNOWN, "4321")).isEqualTo(LookupResult.found(IdentityCheck.FAILED));
        assertThat(directory.pukCode(KNOWN)).isEqualTo(LookupResult.found(new PukCode("40817265")));
        assertThat(directory.balance(KNOWN)).isEqualTo(LookupResult.found(new Balance(15250, 2048)));
        assertThat(directory.lastCalls(KNOWN, 1)).isEqualTo(LookupResult.found(List.of(new CallRecord(
                Instant.parse("2026-11-24T13:05:00Z"), "22997000002", Duration.ofSeconds(185), 150))));
        assertThat(directory.monthlyConsumption(KNOWN)).isEqualTo(LookupResult.found(
                new MonthlyConsumption(YearMonth.of(2026, 11), 12, Duration.ofSeconds(3600), 4500)));
        LookupResult<MobileMoneyAccount> wallet = directory.mobileMoney(KNOWN);
        assertThat(wallet).isInstanceOf(Found.class);
        MobileMoneyAccount account = ((Found<MobileMoneyAccount>) wallet).value();
        assertThat(account.status()).isEqualTo(MobileMoneyAccount.Status.SUSPENDED);
        assertThat(account.balanceXof()).isEqualTo(25000);
        assertThat(account.lastTransaction()).get().extracting(MobileMoneyAccount.Transaction::kind)
                .isEqualTo(MobileMoneyAccount.TransactionKind.TRANSFER_OUT);
        assertThat(lastAuthorization.get()).isEqualTo("Bearer s3cret");
    }

    @Test
    void aPukNeverShowsInTheResultsText() {
        assertThat(directory.pukCode(KNOWN).toString()).doesNotContain("40817265");
    }

    @Test
    void unknownSubscribersAndGarbageNumbersAreNotFoundAndGarbageNeverReachesTheServer() {
        assertThat(directory.balance("22997000099")).isEqualTo(LookupResult.notFound());
        assertThat(requests.get()).isEqualTo(1);
        assertThat(directory.balance("anonymous")).isEqualTo(LookupResult.notFound());
        assertThat(directory.verifyIdentity(KNOWN, "12a4")).isEqualTo(LookupResult.found(IdentityCheck.FAILED));
        assertThat(requests.get()).isEqualTo(1);
        assertThat(breaker.state()).as("a 404 is an answer, not a failure").isEqualTo(State.CLOSED);
    }

    @Test
    void aSlowBackendIsCutAtTheTimeout() {
        directory.balance(KNOWN); // warms the client up, so the measure below is the timeout's
        mode.set(Mode.SLOW);

        long started = System.nanoTime();
        LookupResult<Balance> result = directory.balance(KNOWN);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result).isInstanceOf(Unavailable.class);
        assertThat(((Unavailable<Balance>) result).reason()).contains("no answer");
        assertThat(((Unavailable<Balance>) result).circuitOpen()).isFalse();
        assertThat(took).isGreaterThanOrEqualTo(REQUEST_TIMEOUT.minusMillis(50)).isLessThan(REQUEST_TIMEOUT.multipliedBy(3));
    }

    @Test
    void serverErrorsAreUnavailable() {
        mode.set(Mode.ERROR_500);
        LookupResult<Subscriber> result = directory.subscriber(KNOWN);
        assertThat(result).isInstanceOf(Unavailable.class);
        assertThat(((Unavailable<Subscriber>) result).reason()).contains("HTTP 500");
    }

    @Test
    void aStoppedBackendIsUnavailableAtOnce() {
        String deadUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
        server.stop(0);
        HttpSubscriberDirectory orphan = directoryOn(deadUrl, "");

        long started = System.nanoTime();
        LookupResult<Balance> result = orphan.balance(KNOWN);

        assertThat(result).isInstanceOf(Unavailable.class);
        assertThat(((Unavailable<Balance>) result).reason()).contains("connection refused");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(REQUEST_TIMEOUT.multipliedBy(3));
    }

    @Test
    void malformedJsonIsUnavailableWithAClearReason() {
        mode.set(Mode.MALFORMED_JSON);
        LookupResult<Balance> notJson = directory.balance(KNOWN);
        assertThat(notJson).isInstanceOf(Unavailable.class);
        assertThat(((Unavailable<Balance>) notJson).reason()).contains("malformed answer").contains("not JSON");

        mode.set(Mode.MISSING_FIELD);
        LookupResult<Balance> incomplete = directory.balance(KNOWN);
        assertThat(incomplete).isInstanceOf(Unavailable.class);
        assertThat(((Unavailable<Balance>) incomplete).reason()).contains("malformed answer").contains("'mainXof'");
    }

    @Test
    void theBreakerOpensAfterTheThresholdAndThenFailsFastWithoutReachingTheServer() {
        mode.set(Mode.ERROR_500);
        for (int i = 0; i < THRESHOLD; i++) {
            assertThat(directory.balance(KNOWN)).isInstanceOf(Unavailable.class);
        }
        assertThat(requests.get()).isEqualTo(THRESHOLD);
        assertThat(breaker.state()).isEqualTo(State.OPEN);

        mode.set(Mode.SLOW); // were a call to get through, it would wait
        long started = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            LookupResult<Balance> refused = directory.balance(KNOWN);
            assertThat(refused).isInstanceOf(Unavailable.class);
            assertThat(((Unavailable<Balance>) refused).circuitOpen()).isTrue();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(REQUEST_TIMEOUT);
        assertThat(requests.get()).as("nothing reached the server while open").isEqualTo(THRESHOLD);
    }

    @Test
    void afterTheCoolDownOneTrialGoesThroughAndItsSuccessClosesTheBreaker() {
        mode.set(Mode.ERROR_500);
        for (int i = 0; i < THRESHOLD; i++) {
            directory.balance(KNOWN);
        }
        mode.set(Mode.NORMAL);
        clock.advance(COOL_DOWN);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);

        assertThat(directory.balance(KNOWN)).isEqualTo(LookupResult.found(new Balance(15250, 2048)));
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(directory.subscriber(KNOWN)).isInstanceOf(Found.class);
        assertThat(requests.get()).isEqualTo(THRESHOLD + 2);
    }

    @Test
    void aFailedTrialOpensTheBreakerAgain() {
        mode.set(Mode.ERROR_500);
        for (int i = 0; i < THRESHOLD; i++) {
            directory.balance(KNOWN);
        }
        clock.advance(COOL_DOWN);
        assertThat(directory.balance(KNOWN)).isInstanceOf(Unavailable.class);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(requests.get()).isEqualTo(THRESHOLD + 1);
    }

    @Test
    void aRequestThatCannotEvenBeBuiltIsUnavailableAndCountsAsAFailure() {
        // A header value with a line break is refused by the client before anything is sent.
        HttpSubscriberDirectory misconfigured = directoryOn(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/api", "bad\ntoken");
        for (int i = 0; i < THRESHOLD; i++) {
            LookupResult<Balance> result = misconfigured.balance(KNOWN);
            assertThat(result).isInstanceOf(Unavailable.class);
            assertThat(((Unavailable<Balance>) result).reason()).contains("request failed").doesNotContain("token");
        }
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        clock.advance(COOL_DOWN);
        misconfigured.balance(KNOWN);
        assertThat(breaker.state()).as("the failed trial reopened the breaker, it is not stuck half-open")
                .isEqualTo(State.OPEN);
        assertThat(requests.get()).isZero();
    }

    @Test
    void metersCountOutcomesAndShowTheBreakerState() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SelfCareConfiguration.registerBreakerGauges(breaker, meters);
        SubscriberDirectory metered = new MeteredSubscriberDirectory(directory, meters, "http");

        metered.balance(KNOWN);
        mode.set(Mode.ERROR_500);
        for (int i = 0; i < THRESHOLD + 2; i++) {
            metered.balance(KNOWN);
        }

        assertThat(count(meters, "found")).isEqualTo(1);
        assertThat(count(meters, "unavailable")).isEqualTo(THRESHOLD);
        assertThat(count(meters, "circuit_open")).isEqualTo(2);
        assertThat(meters.get(SelfCareConfiguration.BREAKER_STATE).tag("state", "open").gauge().value()).isEqualTo(1);
        assertThat(meters.get(SelfCareConfiguration.BREAKER_STATE).tag("state", "closed").gauge().value()).isZero();
    }

    private static double count(SimpleMeterRegistry meters, String outcome) {
        return meters.get(MeteredSubscriberDirectory.LOOKUPS).tag("operation", "balance").tag("outcome", outcome)
                .counter().count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
        try (exchange) {
            switch (mode.get()) {
                case SLOW -> {
                    try {
                        TimeUnit.SECONDS.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                    respond(exchange, 200, "{\"mainXof\":1,\"dataRemainingMb\":1}");
                }
                case ERROR_500 -> respond(exchange, 500, "{\"error\":\"database down\"}");
                case MALFORMED_JSON -> respond(exchange, 200, "{\"mainXof\": 15250, \"dataRem");
                case MISSING_FIELD -> respond(exchange, 200, "{\"dataRemainingMb\": 2048}");
                case NORMAL -> answerNormally(exchange);
            }
        }
    }

    private void answerNormally(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/api/subscribers/".length());
        String query = exchange.getRequestURI().getQuery();
        if (!path.startsWith(KNOWN)) {
            respond(exchange, 404, "{\"error\":\"unknown subscriber\"}");
            return;
        }
        String body = switch (path.substring(KNOWN.length())) {
            case "" -> "{\"msisdn\":\"22997000001\",\"displayName\":\"Afiavi Dossou\",\"language\":\"fr\",\"vip\":true,\"status\":\"ACTIVE\"}";
            case "/identity-checks" -> {
                String sent = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean passed = "POST".equals(exchange.getRequestMethod()) && sent.equals("{\"documentLast4\":\"1234\"}");
                yield "{\"passed\":" + passed + "}";
            }
            case "/puk" -> "{\"puk\":\"40817265\"}";
            case "/balance" -> "{\"mainXof\":15250,\"dataRemainingMb\":2048}";
            case "/calls" -> "limit=1".equals(query)
                    ? "{\"calls\":[{\"startedAt\":\"2026-11-24T14:05:00+01:00\",\"otherNumber\":\"22997000002\",\"durationSeconds\":185,\"costXof\":150}]}"
                    : "{\"calls\":[]}";
            case "/consumption" -> "month=2026-11".equals(query)
                    ? "{\"month\":\"2026-11\",\"calls\":12,\"durationSeconds\":3600,\"costXof\":4500}"
                    : "{}";
            case "/mobile-money" -> "{\"status\":\"SUSPENDED\",\"balanceXof\":25000,\"lastTransaction\":"
                    + "{\"at\":\"2026-11-24T09:00:00+01:00\",\"kind\":\"TRANSFER_OUT\",\"amountXof\":5000,\"counterparty\":\"22997000002\"}}";
            default -> null;
        };
        if (body == null) {
            respond(exchange, 404, "{}");
        } else {
            respond(exchange, 200, body);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
