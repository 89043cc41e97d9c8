package org.griot.callback;

import java.time.Instant;

/**
 * A promise to call a customer back: on {@code number} (the caller's own or another they gave), for
 * {@code queue}, keeping the place they had since {@code waitingSince}, within an optional window;
 * with the message they left when {@code recording} is set (voicemail). Its life is a process
 * instance of processes/callback-request.bpmn; {@code state} and {@code outcome} mirror it.
 */
public record CallbackRequest(long id, String number, String callerNumber, String queue, Origin origin, String language,
        Instant waitingSince, Instant requestedAt, Instant windowStart, Instant windowEnd, String recording, State state,
        int attempts, String outcome, Instant servedAt, Instant endedAt, String agentId) {

    /** Where the caller asked: offered while waiting, offered before queueing, from the IVR menu, a message. */
    public enum Origin { WAIT_OFFER, UPFRONT, MENU, VOICEMAIL }

    public enum State { OPEN, SERVED, FAILED, MERGED, EXPIRED, CANCELLED }

    public String businessKey() {
        return businessKey(id);
    }

    static String businessKey(long id) {
        return "callback-" + id;
    }
}
