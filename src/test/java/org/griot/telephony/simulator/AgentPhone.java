package org.griot.telephony.simulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated agent desk phone registered as PJSIP endpoint {@code PJSIP/<endpoint>}. Its answer
 * behaviour is used when Griot rings it (Redirect to {@code griot-connect,<endpoint>} or Originate);
 * registration changes emit {@code ContactStatus} and {@code DeviceStateChange} like res_pjsip does.
 */
public final class AgentPhone implements Callee {

    private final Pbx pbx;
    final String endpoint;
    volatile String displayName;
    private volatile int ringsBeforeAnswer = 1;
    private volatile boolean busy;
    private volatile boolean reachable = true;
    private volatile Duration hangsUpAfter;
    private final AtomicInteger activeChannels = new AtomicInteger();
    private final AtomicInteger timesRung = new AtomicInteger();

    AgentPhone(Pbx pbx, String endpoint) {
        this.pbx = pbx;
        this.endpoint = endpoint;
        this.displayName = "Agent " + endpoint;
    }

    public AgentPhone displayName(String name) {
        this.displayName = name;
        return this;
    }

    public AgentPhone answersAfterRings(int rings) {
        this.ringsBeforeAnswer = rings;
        this.busy = false;
        return this;
    }

    public AgentPhone neverAnswers() {
        this.ringsBeforeAnswer = -1;
        return this;
    }

    /** The phone answers 486 Busy Here (e.g. DND); also reported as device state BUSY. */
    public AgentPhone busy() {
        this.busy = true;
        pbx.deviceStateChange("PJSIP/" + endpoint, "BUSY");
        return this;
    }

    /** Once answered, the agent hangs up after this much simulated time. */
    public AgentPhone hangsUpAfter(Duration simulated) {
        this.hangsUpAfter = simulated;
        return this;
    }

    /** Qualify fails: ContactStatus Unreachable, DeviceStateChange UNAVAILABLE; dialing it fails at once. */
    public AgentPhone unreachable() {
        this.reachable = false;
        pbx.contactStatus(this, "Unreachable");
        pbx.deviceStateChange("PJSIP/" + endpoint, "UNAVAILABLE");
        return this;
    }

    /** The phone is (back) online: ContactStatus Reachable, DeviceStateChange NOT_INUSE. */
    public AgentPhone reachable() {
        this.reachable = true;
        this.busy = false;
        pbx.contactStatus(this, "Reachable");
        pbx.deviceStateChange("PJSIP/" + endpoint, activeChannels.get() > 0 ? "INUSE" : "NOT_INUSE");
        return this;
    }

    /** The registration expires or is removed: ContactStatus Removed, DeviceStateChange UNAVAILABLE. */
    public AgentPhone unregistered() {
        this.reachable = false;
        pbx.contactStatus(this, "Removed");
        pbx.deviceStateChange("PJSIP/" + endpoint, "UNAVAILABLE");
        return this;
    }

    public String endpoint() {
        return endpoint;
    }

    /** How many times this phone was rung. */
    public int timesRung() {
        return timesRung.get();
    }

    /** Channels currently on this phone (ringing or up). */
    public int activeChannels() {
        return activeChannels.get();
    }

    @Override
    public String number() {
        return endpoint;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public boolean isReachable() {
        return reachable;
    }

    @Override
    public boolean isBusy() {
        return busy;
    }

    @Override
    public int ringsBeforeAnswer() {
        return ringsBeforeAnswer;
    }

    @Override
    public Duration hangsUpAfter() {
        return hangsUpAfter;
    }

    @Override
    public void deviceInUse(Pbx pbx, int delta, boolean ringing) {
        if (ringing) {
            timesRung.incrementAndGet();
            activeChannels.addAndGet(delta);
            pbx.deviceStateChange("PJSIP/" + endpoint, "RINGING");
            return;
        }
        int now = activeChannels.addAndGet(delta);
        pbx.deviceStateChange("PJSIP/" + endpoint, now > 0 ? "INUSE" : (busy ? "BUSY" : "NOT_INUSE"));
    }
}
