package org.griot.telephony.asterisk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.StatusAction;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.StatusEvent;
import org.griot.telephony.CallId;
import org.griot.telephony.TelephonyEvent.HeldCall;
import org.griot.telephony.WaitingCallData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At reconciliation: the callers Asterisk still keeps in Griot's waiting area ({@code griot-hold},
 * {@code griot-announce}), read with one AMI Status action that returns the channels with the
 * variables Griot wrote when it queued them ({@link WaitingCallData}).
 */
final class HeldCallsReader {

    private static final Logger log = LoggerFactory.getLogger(HeldCallsReader.class);

    private final AsteriskChannels channels;

    HeldCallsReader(AsteriskChannels channels) {
        this.channels = channels;
    }

    /** A channel in one of these contexts waits for Griot (music on hold, or hearing its place in line). */
    static boolean isWaitingArea(String context, String exten) {
        return AsteriskContract.CONTEXT_HOLD.equals(context) || AsteriskContract.CONTEXT_ANNOUNCE.equals(context);
    }

    List<HeldCall> read(ManagerConnection connection, Set<String> waitingUniqueIds, Instant now, long timeoutMillis)
            throws Exception {
        if (waitingUniqueIds.isEmpty()) {
            return List.of();
        }
        StatusAction status = new StatusAction();
        status.setVariables(WaitingCallData.NAMES);
        ResponseEvents response = connection.sendEventGeneratingAction(status, timeoutMillis);
        List<HeldCall> held = new ArrayList<>();
        for (ManagerEvent item : response.getEvents()) {
            if (item instanceof StatusEvent channel && waitingUniqueIds.contains(channel.getUniqueId())) {
                held.add(heldCall(channel, now));
            }
        }
        return held;
    }

    private HeldCall heldCall(StatusEvent channel, Instant now) {
        Map<String, String> variables = channel.getVariables() == null ? Map.of() : channel.getVariables();
        String uniqueId = channel.getUniqueId();
        channels.ringTimeoutSet(uniqueId, blankToNull(variables.get(WaitingCallData.RING_TIMEOUT)));
        Integer seconds = channel.getSeconds();
        Instant created = now.minusSeconds(seconds == null ? 0 : seconds);
        String skills = blankToNull(variables.get(WaitingCallData.SKILLS));
        return new HeldCall(new CallId(uniqueId), blankToNull(channel.getCallerIdNum()), created,
                blankToNull(variables.get(WaitingCallData.QUEUE)), integer(uniqueId, variables.get(WaitingCallData.PRIORITY)),
                instant(uniqueId, variables.get(WaitingCallData.QUEUED_AT)), blankToNull(variables.get(WaitingCallData.LANGUAGE)),
                skills == null ? List.of() : Arrays.stream(skills.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    private static Integer integer(String uniqueId, String value) {
        try {
            return blankToNull(value) == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            log.warn("Held call {}: {} '{}' is not a number; ignored", uniqueId, WaitingCallData.PRIORITY, value);
            return null;
        }
    }

    private static Instant instant(String uniqueId, String value) {
        try {
            return blankToNull(value) == null ? null : Instant.ofEpochMilli(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            log.warn("Held call {}: {} '{}' is not a time; the channel's age is used", uniqueId, WaitingCallData.QUEUED_AT, value);
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() || "<unknown>".equals(value) ? null : value;
    }
}
