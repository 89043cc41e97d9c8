package org.griot.ivr.selfcare;

import java.util.List;

/**
 * The port the IVR's self-care steps ask while the caller waits. Every method returns within the
 * configured request timeout (1.5 s by default) and never throws for a back-end problem: it answers
 * {@link LookupResult.Unavailable} instead. A number that is not a Benin MSISDN (see
 * {@link Msisdn#parse}) answers {@link LookupResult.NotFound} without asking the back end.
 */
public interface SubscriberDirectory {

    LookupResult<Subscriber> subscriber(String msisdn);

    /** {@code answer}: the digits the caller typed, the last 4 of the ID document number. */
    LookupResult<IdentityCheck> verifyIdentity(String msisdn, String answer);

    /** Only after a passed identity check: the IVR enforces the order, the port just answers. */
    LookupResult<PukCode> pukCode(String msisdn);

    LookupResult<Balance> balance(String msisdn);

    /** The most recent calls first, at most {@code max} (1..50). */
    LookupResult<List<CallRecord>> lastCalls(String msisdn, int max);

    /** The calls of the current month (Benin time) added up. */
    LookupResult<MonthlyConsumption> monthlyConsumption(String msisdn);

    /** {@code NotFound} also when the subscriber has no mobile-money account. */
    LookupResult<MobileMoneyAccount> mobileMoney(String msisdn);

    int MAX_CALLS = 50;

    /**
     * False while Griot knows the back end is failing (the HTTP implementation's circuit breaker is
     * open): the outage playbook tells callers before they queue. Asking costs no request.
     */
    default boolean isAvailable() {
        return true;
    }
}
