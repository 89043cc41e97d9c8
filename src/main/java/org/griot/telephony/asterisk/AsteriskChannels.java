package org.griot.telephony.asterisk;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.griot.telephony.CallId;

/**
 * The channel name of each live call: commands name calls, AMI actions name channels. Filled by the
 * FastAGI server when a call arrives (its environment names the channel, and FastAGI may be ahead of
 * the AMI events) and by AMI events and reconciliation; emptied by hang-ups.
 */
public final class AsteriskChannels {

    private final Map<String, String> channelsByUniqueId = new ConcurrentHashMap<>();
    /** The ring time each call carries (GRIOT_RING_TIMEOUT), so connecting it needs no SetVar when it is right. */
    private final Map<String, String> ringTimeouts = new ConcurrentHashMap<>();

    public Optional<String> channelOf(CallId call) {
        return Optional.ofNullable(channelsByUniqueId.get(call.value()));
    }

    void remember(String uniqueId, String channel) {
        if (uniqueId != null && channel != null) {
            channelsByUniqueId.put(uniqueId, channel);
        }
    }

    Optional<String> channelOf(String uniqueId) {
        return Optional.ofNullable(channelsByUniqueId.get(uniqueId));
    }

    void forget(String uniqueId) {
        channelsByUniqueId.remove(uniqueId);
        ringTimeouts.remove(uniqueId);
    }

    void forgetAllBut(Set<String> liveUniqueIds) {
        channelsByUniqueId.keySet().retainAll(liveUniqueIds);
        ringTimeouts.keySet().retainAll(liveUniqueIds);
    }

    /** The call now carries this ring time (written over FastAGI or AMI, or read back at reconciliation). */
    void ringTimeoutSet(String uniqueId, String seconds) {
        if (uniqueId != null && seconds != null) {
            ringTimeouts.put(uniqueId, seconds);
        }
    }

    Optional<String> ringTimeoutOf(String uniqueId) {
        return Optional.ofNullable(ringTimeouts.get(uniqueId));
    }

    public int size() {
        return channelsByUniqueId.size();
    }
}
