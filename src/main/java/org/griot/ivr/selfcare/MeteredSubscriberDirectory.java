package org.griot.ivr.selfcare;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * Counts every lookup by operation and outcome ({@code griot.selfcare.lookups}), whichever back end
 * answers, so a dashboard shows the share of callers who got an apology instead of an answer.
 */
final class MeteredSubscriberDirectory implements SubscriberDirectory {

    static final String LOOKUPS = "griot.selfcare.lookups";

    private final SubscriberDirectory delegate;
    private final MeterRegistry meters;
    private final String backend;

    MeteredSubscriberDirectory(SubscriberDirectory delegate, MeterRegistry meters, String backend) {
        this.delegate = delegate;
        this.meters = meters;
        this.backend = backend;
    }

    @Override
    public LookupResult<Subscriber> subscriber(String msisdn) {
        return count("subscriber", delegate.subscriber(msisdn));
    }

    @Override
    public LookupResult<IdentityCheck> verifyIdentity(String msisdn, String answer) {
        return count("identity", delegate.verifyIdentity(msisdn, answer));
    }

    @Override
    public LookupResult<PukCode> pukCode(String msisdn) {
        return count("puk", delegate.pukCode(msisdn));
    }

    @Override
    public LookupResult<Balance> balance(String msisdn) {
        return count("balance", delegate.balance(msisdn));
    }

    @Override
    public LookupResult<List<CallRecord>> lastCalls(String msisdn, int max) {
        return count("calls", delegate.lastCalls(msisdn, max));
    }

    @Override
    public LookupResult<MonthlyConsumption> monthlyConsumption(String msisdn) {
        return count("consumption", delegate.monthlyConsumption(msisdn));
    }

    @Override
    public LookupResult<MobileMoneyAccount> mobileMoney(String msisdn) {
        return count("mobile-money", delegate.mobileMoney(msisdn));
    }

    private <T> LookupResult<T> count(String operation, LookupResult<T> result) {
        // Java 17: no pattern switch yet; the interface is sealed, so these are all the cases.
        String outcome;
        if (result instanceof LookupResult.Found<T>) {
            outcome = "found";
        } else if (result instanceof LookupResult.Unavailable<T> unavailable) {
            outcome = unavailable.circuitOpen() ? "circuit_open" : "unavailable";
        } else {
            outcome = "not_found";
        }
        Counter.builder(LOOKUPS).description("Self-care lookups by operation and outcome")
                .tag("backend", backend).tag("operation", operation).tag("outcome", outcome)
                .register(meters).increment();
        return result;
    }

    @Override
    public boolean isAvailable() {
        return delegate.isAvailable();
    }
}
