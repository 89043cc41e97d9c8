/**
 * Self-care lookups of the 1919 IVR behind one port, {@link org.griot.ivr.selfcare.SubscriberDirectory}:
 * the subscriber, an identity check, the PUK code, the balance, the last calls and the month's
 * consumption, the mobile-money account. Every lookup answers within a bounded time with a
 * {@link org.griot.ivr.selfcare.LookupResult}; {@code Unavailable} means "apologise and offer an agent".
 *
 * <p>Two implementations, chosen by {@code griot.selfcare.backend}: {@code demo} (seeded tables in
 * Griot's database) and {@code http} (the operator's REST back end, see docs/selfcare-backend.md,
 * guarded by timeouts and a circuit breaker).
 */
package org.griot.ivr.selfcare;
