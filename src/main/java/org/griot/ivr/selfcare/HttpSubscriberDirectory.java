package org.griot.ivr.selfcare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's REST back end (contract: docs/selfcare-backend.md). Each lookup is bounded by
 * {@code requestTimeout} as a whole (connection, headers and body), and goes through a
 * {@link CircuitBreaker}: while it is open, lookups answer {@code Unavailable(circuitOpen)} at once.
 * Never throws for a back-end problem; never logs a PUK or an identity answer.
 */
final class HttpSubscriberDirectory implements SubscriberDirectory {

    private static final Logger log = LoggerFactory.getLogger(HttpSubscriberDirectory.class);

    private final String baseUrl;
    private final Duration requestTimeout;
    private final String apiToken;
    private final ZoneId zone;
    private final CircuitBreaker breaker;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;

    HttpSubscriberDirectory(SelfCareProperties properties, CircuitBreaker breaker, ObjectMapper json, Clock clock) {
        if (properties.baseUrl().isBlank()) {
            throw new IllegalArgumentException("griot.selfcare.base-url is required when griot.selfcare.backend=http");
        }
        URI base = URI.create(properties.baseUrl());
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            throw new IllegalArgumentException("griot.selfcare.base-url must be an http(s) URL: " + properties.baseUrl());
        }
        this.baseUrl = properties.baseUrl().replaceAll("/+$", "");
        this.requestTimeout = properties.requestTimeout();
        this.apiToken = properties.apiToken();
        this.zone = properties.zone();
        this.breaker = breaker;
        this.json = json;
        this.clock = clock;
        // HTTP/1.1: no h2c upgrade dance on plain http, one predictable exchange per lookup.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public LookupResult<Subscriber> subscriber(String msisdn) {
        return get(msisdn, "", body -> new Subscriber(Msisdn.parse(msisdn).orElseThrow(), text(body, "displayName"),
                text(body, "language"), bool(body, "vip"), enumValue(body, "status", Subscriber.LineStatus.class)));
    }

    @Override
    public LookupResult<IdentityCheck> verifyIdentity(String msisdn, String answer) {
        if (Msisdn.parse(msisdn).isPresent() && !IdentityCheck.isWellFormedAnswer(answer)) {
            return LookupResult.found(IdentityCheck.FAILED); // "12a" or 7 digits cannot match: no need to ask
        }
        return lookup(msisdn, number -> {
            String body = writeJson(Map.of("documentLast4", answer == null ? "" : answer));
            return request(number, "/identity-checks").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        }, body -> bool(body, "passed") ? IdentityCheck.PASSED : IdentityCheck.FAILED);
    }

    @Override
    public LookupResult<PukCode> pukCode(String msisdn) {
        return get(msisdn, "/puk", body -> {
            try {
                return new PukCode(text(body, "puk"));
            } catch (IllegalArgumentException e) {
                throw new MalformedAnswer("'puk' is not 8 digits"); // the message must not carry the value
            }
        });
    }

    @Override
    public LookupResult<Balance> balance(String msisdn) {
        return get(msisdn, "/balance", body -> new Balance(number(body, "mainXof"), number(body, "dataRemainingMb")));
    }

    @Override
    public LookupResult<List<CallRecord>> lastCalls(String msisdn, int max) {
        int limit = Math.max(1, Math.min(max, MAX_CALLS));
        return get(msisdn, "/calls?limit=" + limit, body -> {
            JsonNode calls = body.get("calls");
            if (calls == null || !calls.isArray()) {
                throw new MalformedAnswer("'calls' is missing or not an array");
            }
            List<CallRecord> records = new ArrayList<>();
            for (JsonNode call : calls) {
                records.add(new CallRecord(instant(call, "startedAt"), text(call, "otherNumber"),
                        Duration.ofSeconds(number(call, "durationSeconds")), number(call, "costXof")));
            }
            // The contract says most recent first; sorting and cutting here keeps the promise anyway.
            return records.stream().sorted(Comparator.comparing(CallRecord::startedAt).reversed()).limit(limit).toList();
        });
    }

    @Override
    public LookupResult<MonthlyConsumption> monthlyConsumption(String msisdn) {
        YearMonth month = YearMonth.now(clock.withZone(zone));
        return get(msisdn, "/consumption?month=" + month, body -> new MonthlyConsumption(month,
                Math.toIntExact(number(body, "calls")), Duration.ofSeconds(number(body, "durationSeconds")),
                number(body, "costXof")));
    }

    @Override
    public LookupResult<MobileMoneyAccount> mobileMoney(String msisdn) {
        return get(msisdn, "/mobile-money", body -> {
            JsonNode last = body.get("lastTransaction");
            Optional<MobileMoneyAccount.Transaction> transaction = last == null || last.isNull() ? Optional.empty()
                    : Optional.of(new MobileMoneyAccount.Transaction(instant(last, "at"),
                            enumValue(last, "kind", MobileMoneyAccount.TransactionKind.class), number(last, "amountXof"),
                            last.path("counterparty").asText("")));
            return new MobileMoneyAccount(enumValue(body, "status", MobileMoneyAccount.Status.class),
                    number(body, "balanceXof"), transaction);
        });
    }

    private <T> LookupResult<T> get(String msisdn, String path, Function<JsonNode, T> parser) {
        return lookup(msisdn, number -> request(number, path).GET(), parser);
    }

    private HttpRequest.Builder request(Msisdn number, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + "/subscribers/" + number.value() + path))
                .timeout(requestTimeout).header("Accept", "application/json");
        if (!apiToken.isBlank()) {
            builder.header("Authorization", "Bearer " + apiToken);
        }
        return builder;
    }

    /** One exchange: breaker first, then the request bounded as a whole, then the answer mapped. */
    private <T> LookupResult<T> lookup(String msisdn, Function<Msisdn, HttpRequest.Builder> request,
            Function<JsonNode, T> parser) {
        Optional<Msisdn> number = Msisdn.parse(msisdn);
        if (number.isEmpty()) {
            return LookupResult.notFound();
        }
        if (!breaker.tryAcquire()) {
            return LookupResult.circuitOpen("self-care back end unavailable (circuit breaker open)");
        }
        // From here on exactly one of onSuccess/onFailure must follow, or a half-open trial would never end.
        LookupResult<T> result;
        try {
            HttpRequest httpRequest = request.apply(number.get()).build();
            String what = httpRequest.method() + " " + httpRequest.uri().getPath();
            result = answer(exchange(httpRequest), what, parser);
        } catch (RuntimeException e) {
            result = LookupResult.unavailable("self-care request failed: " + e.getClass().getSimpleName());
        }
        if (result instanceof LookupResult.Unavailable<T> unavailable) {
            breaker.onFailure();
            log.warn("Self-care lookup failed: {}", unavailable.reason());
        } else {
            breaker.onSuccess();
        }
        return result;
    }

    /** Either the response, or the reason there is none. */
    private Object exchange(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            // HttpRequest.timeout() covers the wait for headers only; this bounds the body too.
            return pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return "no answer within " + requestTimeout.toMillis() + " ms";
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the back end";
        } catch (ExecutionException e) {
            return describe(e.getCause());
        }
    }

    private static String describe(Throwable failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return "could not connect in time";
        }
        if (failure instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        if (failure instanceof IOException) {
            return "I/O error: " + failure.getMessage();
        }
        return String.valueOf(failure);
    }

    private <T> LookupResult<T> answer(Object exchanged, String what, Function<JsonNode, T> parser) {
        if (!(exchanged instanceof HttpResponse<?> response)) {
            return LookupResult.unavailable(what + ": " + exchanged);
        }
        int status = response.statusCode();
        if (status == 404) {
            return LookupResult.notFound();
        }
        if (status != 200) {
            // 5xx and 429 are outages; other 4xx mean Griot and the back end disagree (auth, contract): as unusable.
            return LookupResult.unavailable(what + ": back end answered HTTP " + status);
        }
        try {
            JsonNode body = json.readTree((byte[]) response.body());
            if (body == null || !body.isObject()) {
                throw new MalformedAnswer("not a JSON object");
            }
            return LookupResult.found(parser.apply(body));
        } catch (IOException e) {
            return LookupResult.unavailable(what + ": malformed answer from back end: not JSON");
        } catch (MalformedAnswer e) {
            return LookupResult.unavailable(what + ": malformed answer from back end: " + e.getMessage());
        }
    }

    private String writeJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new MalformedAnswer("'" + name + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isTextual()) {
            throw new MalformedAnswer("'" + name + "' is not a string");
        }
        return value.asText();
    }

    private static long number(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new MalformedAnswer("'" + name + "' is not a whole number");
        }
        return value.asLong();
    }

    private static boolean bool(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isBoolean()) {
            throw new MalformedAnswer("'" + name + "' is not true or false");
        }
        return value.asBoolean();
    }

    private static java.time.Instant instant(JsonNode node, String name) {
        try {
            return OffsetDateTime.parse(text(node, name)).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedAnswer("'" + name + "' is not an ISO-8601 date-time with offset");
        }
    }

    private static <E extends Enum<E>> E enumValue(JsonNode node, String name, Class<E> type) {
        String value = text(node, name);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new MalformedAnswer("'" + name + "' has an unknown value '" + value + "'");
        }
    }

    /** The back end answered 200 with something the contract does not allow. */
    private static final class MalformedAnswer extends RuntimeException {
        MalformedAnswer(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public boolean isAvailable() {
        return breaker.state() != CircuitBreaker.State.OPEN;
    }
}
