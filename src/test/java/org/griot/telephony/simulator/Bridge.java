package org.griot.telephony.simulator;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A basic two-party bridge as BridgeCreate/Enter/Leave/Destroy describe it. */
final class Bridge {

    final String uniqueid = UUID.randomUUID().toString();
    final List<Channel> members = new CopyOnWriteArrayList<>();
    /** Every channel that is or was in the bridge: BridgeCreate/Destroy are recorded on their calls. */
    final List<Channel> participants = new CopyOnWriteArrayList<>();
    /** Asterisk reports simple_bridge on create/enter and native_rtp once media flows (leave/destroy). */
    volatile String technology = "simple_bridge";

    void appendBlock(AmiMessage m) {
        m.add("BridgeUniqueid", uniqueid)
                .add("BridgeType", "basic")
                .add("BridgeTechnology", technology)
                .add("BridgeCreator", "<unknown>")
                .add("BridgeName", "<unknown>")
                .add("BridgeNumChannels", members.size())
                .add("BridgeVideoSourceMode", "none");
    }

    void join(Channel c) {
        members.add(c);
        if (!participants.contains(c)) {
            participants.add(c);
        }
        c.bridge = this;
    }

    /** Declares who will enter, before BridgeCreate is emitted. */
    Bridge expecting(Channel... channels) {
        for (Channel c : channels) {
            if (!participants.contains(c)) {
                participants.add(c);
            }
        }
        return this;
    }

    Channel peerOf(Channel channel) {
        for (Channel c : members) {
            if (c != channel) {
                return c;
            }
        }
        return null;
    }
}
