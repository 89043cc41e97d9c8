package org.griot.telephony;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What Griot writes on a call when it parks it for an agent: the queue, its priority and skills,
 * the language, when it was queued, and the queue's ring time. The PBX keeps these with the call,
 * so a Griot that restarts without the caller's contact (lost, or never written) can give the caller
 * back their place, and connecting the caller to an agent needs no extra command for the ring time.
 */
public final class WaitingCallData {

    public static final String QUEUE = "GRIOT_QUEUE";
    public static final String PRIORITY = "GRIOT_PRIORITY";
    /** Epoch milliseconds at which the caller was queued. */
    public static final String QUEUED_AT = "GRIOT_QUEUED_AT";
    public static final String LANGUAGE = "GRIOT_LANGUAGE";
    /** Comma-separated skills the contact requires. */
    public static final String SKILLS = "GRIOT_SKILLS";
    /** Seconds an agent's phone rings before the caller goes back to hold. */
    public static final String RING_TIMEOUT = "GRIOT_RING_TIMEOUT";
    public static final List<String> NAMES = List.of(QUEUE, PRIORITY, QUEUED_AT, LANGUAGE, SKILLS, RING_TIMEOUT);

    private WaitingCallData() {
    }

    /** The call-data commands that write a waiting caller's data (null values are left out). */
    public static List<CallCommand.SetCallData> of(String queue, int priority, List<String> skills, String language,
            Instant queuedAt, Integer ringSeconds) {
        List<CallCommand.SetCallData> data = new ArrayList<>();
        data.add(new CallCommand.SetCallData(QUEUE, queue));
        data.add(new CallCommand.SetCallData(PRIORITY, Integer.toString(priority)));
        data.add(new CallCommand.SetCallData(QUEUED_AT, Long.toString(queuedAt.toEpochMilli())));
        if (language != null && !language.isBlank()) {
            data.add(new CallCommand.SetCallData(LANGUAGE, language));
        }
        List<String> named = skills == null ? List.of() : skills.stream().filter(s -> s != null && !s.isBlank()).toList();
        if (!named.isEmpty()) {
            data.add(new CallCommand.SetCallData(SKILLS, String.join(",", named)));
        }
        if (ringSeconds != null) {
            data.add(new CallCommand.SetCallData(RING_TIMEOUT, Integer.toString(ringSeconds)));
        }
        return data;
    }
}
