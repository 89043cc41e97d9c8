package org.griot.telephony.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A simulated Asterisk channel: the fields AMI puts in every channel block, plus its variables. */
final class Channel {

    static final int STATE_DOWN = 0;
    static final int STATE_RING = 4;
    static final int STATE_RINGING = 5;
    static final int STATE_UP = 6;
    static final int STATE_BUSY = 7;

    final String name;
    final String uniqueid;
    volatile String linkedid;
    final String type;
    final long createdAtMillis = System.currentTimeMillis();
    volatile int state;
    volatile String callerIdNum;
    volatile String callerIdName;
    volatile String connectedLineNum = "<unknown>";
    volatile String connectedLineName = "<unknown>";
    volatile String language = "en";
    volatile String accountCode = "";
    volatile String context;
    volatile String exten;
    volatile int priority = 1;
    volatile String dnid = "unknown";
    volatile String application = "";
    volatile String applicationData = "";
    volatile boolean hungUp;
    volatile Bridge bridge;
    volatile String mixMonitorId;
    /** The simulated endpoint (PJSIP/1001 -> "1001", caller legs -> "trunk"). */
    volatile String endpoint;
    /** The runner driving this channel's dialplan, if any (agent legs in a Dial have none). */
    volatile ChannelRunner runner;
    /** The runner responsible for this channel's fate (itself, or the leg that dialed it). */
    volatile ChannelRunner owner;
    /** The test-side call this channel belongs to (its events are recorded there), or null. */
    volatile SimulatedCall call;
    /** The agent phone or customer this channel reaches, if any. */
    volatile Callee callee;
    volatile boolean trunk;
    final Map<String, String> variables = new ConcurrentHashMap<>();

    Channel(String name, String uniqueid, String type, int state, String callerIdNum, String callerIdName,
            String context, String exten) {
        this.name = name;
        this.uniqueid = uniqueid;
        this.linkedid = uniqueid;
        this.type = type;
        this.state = state;
        this.callerIdNum = callerIdNum;
        this.callerIdName = callerIdName;
        this.context = context;
        this.exten = exten;
    }

    static String stateDesc(int state) {
        switch (state) {
            case STATE_DOWN: return "Down";
            case 1: return "Rsrvd";
            case 2: return "OffHook";
            case 3: return "Dialing";
            case STATE_RING: return "Ring";
            case STATE_RINGING: return "Ringing";
            case STATE_UP: return "Up";
            case STATE_BUSY: return "Busy";
            default: return "Unknown";
        }
    }

    /** Appends the standard channel block ({@code Channel ... Linkedid}), optionally prefixed (Dest, Spyer...). */
    void appendBlock(AmiMessage m, String prefix) {
        m.add(prefix + "Channel", name)
                .add(prefix + "ChannelState", state)
                .add(prefix + "ChannelStateDesc", stateDesc(state))
                .add(prefix + "CallerIDNum", orUnknown(callerIdNum))
                .add(prefix + "CallerIDName", orUnknown(callerIdName))
                .add(prefix + "ConnectedLineNum", orUnknown(connectedLineNum))
                .add(prefix + "ConnectedLineName", orUnknown(connectedLineName))
                .add(prefix + "Language", language)
                .add(prefix + "AccountCode", accountCode)
                .add(prefix + "Context", context)
                .add(prefix + "Exten", exten)
                .add(prefix + "Priority", priority)
                .add(prefix + "Uniqueid", uniqueid)
                .add(prefix + "Linkedid", linkedid);
    }

    static String orUnknown(String value) {
        return value == null || value.isEmpty() ? "<unknown>" : value;
    }

    /** Channel variables and the few dialplan functions an IVR typically reads. */
    String readVariable(String expression) {
        String key = expression.trim();
        switch (key.toUpperCase(java.util.Locale.ROOT)) {
            case "CALLERID(NUM)": return callerIdNum;
            case "CALLERID(NAME)": return callerIdName;
            case "CALLERID(ALL)": return "\"" + callerIdName + "\" <" + callerIdNum + ">";
            case "CHANNEL": case "CHANNEL(NAME)": return name;
            case "CHANNEL(STATE)": return stateDesc(state);
            case "CHANNEL(LANGUAGE)": case "LANGUAGE": case "LANGUAGE()": return language;
            case "UNIQUEID": case "CHANNEL(UNIQUEID)": return uniqueid;
            case "CHANNEL(LINKEDID)": return linkedid;
            case "CONTEXT": return context;
            case "EXTEN": return exten;
            case "PRIORITY": return String.valueOf(priority);
            case "CALLERID(DNID)": return "unknown".equals(dnid) ? null : dnid;
            default: return variables.get(key);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
