package org.griot.routing;

import java.time.Duration;

/**
 * Where a waiting caller stands: their place in line (1 = next) among the contacts of their queue,
 * and the expected wait: the contacts ahead of them times the queue's recent average talk time,
 * shared by the agents logged in on the queue. {@code offerOptions}: the caller reached the queue's
 * callback threshold and is offered (once) to keep waiting, be called back or leave a message.
 */
public record WaitingPosition(String queue, int position, Duration expectedWait, String language, boolean offerOptions,
        java.time.Instant waitingSince) {

    /** The expected wait in whole minutes, at least 1 (callers are told "about N minutes"). */
    public long expectedMinutes() {
        return Math.max(1, (expectedWait.toSeconds() + 59) / 60);
    }
}
