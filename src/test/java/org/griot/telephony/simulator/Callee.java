package org.griot.telephony.simulator;

import java.time.Duration;

/** Something the simulator can ring: an agent phone (PJSIP endpoint) or a customer reached through the trunk. */
interface Callee {

    /** Number or endpoint name, e.g. {@code 1001} or {@code 22997000002}. */
    String number();

    String displayName();

    /** False when the contact is unreachable/removed: the dial fails at once (CHANUNAVAIL / Reason 0). */
    boolean isReachable();

    boolean isBusy();

    /** Rings before answering; negative = never answers. */
    int ringsBeforeAnswer();

    /** Simulated time after which the callee hangs up once answered; null = stays until the other side ends. */
    Duration hangsUpAfter();

    /** Called by the simulator when the callee's device state changes (agent phones report DeviceStateChange). */
    default void deviceInUse(Pbx pbx, int delta, boolean ringing) {
    }
}
