package org.griot.telephony.simulator;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A basic two-party bridge as BridgeCreate/Enter/Leave/Destroy describe it. */
final class Bridge {

    final String uniqueid = UUID.randomUUID().toString();
    final List<Channel> members = new CopyOnWriteArrayList<>();
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

    Channel peerOf(Channel channel) {
        for (Channel c : members) {
            if (c != channel) {
                return c;
            }
        }
        return null;
    }
}
