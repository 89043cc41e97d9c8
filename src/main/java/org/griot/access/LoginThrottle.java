package org.griot.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Growing delays between failed logins, per (account, source address): after {@code freeFailures}
 * failures the next attempt must wait {@code initialDelay}, then twice as long after each further
 * failure, up to {@code maxDelay}. An attempt inside the wait is refused without checking the password
 * (and does not count). Keys are per source, so a flood from one address never slows the account's
 * owner at another: nothing here locks an account. Kept in memory (per node), forgotten after
 * {@code forgetAfter} without failure, and bounded in size.
 */
final class LoginThrottle {

    /** An attempt refused inside its wait; {@code first} is true for the first refusal of that wait. */
    record Refusal(Duration retryAfter, boolean first) {
    }

    private record Key(String account, String source) {
    }

    private static final class Entry {
        int failures;
        Instant lastFailure;
        Instant notBefore;
        boolean refusalSeen;
    }

    private final int freeFailures;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Duration forgetAfter;
    private final int maxEntries;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    LoginThrottle(int freeFailures, Duration initialDelay, Duration maxDelay, Duration forgetAfter, int maxEntries) {
        if (freeFailures < 0 || initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || maxEntries < 1) {
            throw new IllegalArgumentException("login throttling: free failures >= 0, 0 <= initial delay <= max delay");
        }
        this.freeFailures = freeFailures;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.forgetAfter = forgetAfter;
        this.maxEntries = maxEntries;
    }

    /** Empty when the attempt may go on; a refusal while the (account, source) waits. */
    Optional<Refusal> check(String account, String source, Instant now) {
        Entry entry = entries.get(new Key(account, source));
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            if (entry.notBefore == null || !now.isBefore(entry.notBefore)) {
                return Optional.empty();
            }
            boolean first = !entry.refusalSeen;
            entry.refusalSeen = true;
            return Optional.of(new Refusal(Duration.between(now, entry.notBefore), first));
        }
    }

    /** A failed attempt (wrong password, unknown or disabled account); returns the wait it starts (maybe zero). */
    Duration failed(String account, String source, Instant now) {
        if (entries.size() >= maxEntries) {
            evict(now);
        }
        Entry entry = entries.computeIfAbsent(new Key(account, source), k -> new Entry());
        synchronized (entry) {
            if (entry.lastFailure != null && !entry.lastFailure.plus(forgetAfter).isAfter(now)) {
                entry.failures = 0;
            }
            entry.failures++;
            entry.lastFailure = now;
            entry.refusalSeen = false;
            Duration delay = delayAfter(entry.failures);
            entry.notBefore = delay.isZero() ? null : now.plus(delay);
            return delay;
        }
    }

    /** A successful login forgets that (account, source)'s failures. */
    void succeeded(String account, String source) {
        entries.remove(new Key(account, source));
    }

    /** The wait after the n-th consecutive failure: none, then initial, doubling, capped. */
    Duration delayAfter(int failures) {
        int beyond = failures - freeFailures;
        if (beyond <= 0) {
            return Duration.ZERO;
        }
        if (beyond > 62) {
            return maxDelay;
        }
        Duration delay = initialDelay.multipliedBy(1L << Math.min(beyond - 1, 30));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    int size() {
        return entries.size();
    }

    private static Instant lastFailure(Entry entry, Instant now) {
        synchronized (entry) {
            return entry.lastFailure == null ? now : entry.lastFailure; // null: being created right now
        }
    }

    /** Forgets stale entries; if still full (a distributed flood), the oldest ones. */
    private void evict(Instant now) {
        entries.entrySet().removeIf(e -> !lastFailure(e.getValue(), now).plus(forgetAfter).isAfter(now));
        int excess = entries.size() - maxEntries / 2;
        if (excess > 0) {
            entries.entrySet().stream().sorted(Comparator.comparing(e -> lastFailure(e.getValue(), now))).limit(excess)
                    .map(Map.Entry::getKey).toList().forEach(entries::remove);
        }
    }
}
