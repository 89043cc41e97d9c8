package org.griot.telephony.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * Runs one channel's dialplan in its own thread: an inbound caller (Answer, AGI, ...), or an
 * originated leg (ringing, answer, then its application or context). Other threads (AMI actions,
 * the test) only set signals — hangup, redirect, peer left — and wake it; the runner itself emits
 * the resulting events, so each channel's events keep Asterisk's order.
 */
final class ChannelRunner implements Runnable {

    enum Wake { ELAPSED, HANGUP, REDIRECT, PEER_LEFT }

    final Pbx pbx;
    private final Condition wake;
    volatile Channel channel;
    volatile CallScript script;
    volatile SimulatedCall call;
    private final Pbx.OriginateRequest originate;
    /** Channels that live and die with this one (the Local ;2 half and the trunk leg it dials). */
    private final List<Channel> companions = new ArrayList<>();
    private Channel mediaLeg;
    private Bridge localBridge;
    private Callee mediaCallee;
    // signals, guarded by pbx.lock
    private boolean hungUp;
    private boolean remote;
    private int endCause = 16;
    private boolean softRequestOnEnd;
    private Location pendingRedirect;
    private Channel peerLeft;
    private int peerCause;
    private volatile FastAgiSession agi;
    /** DTMF keyed but not yet read by a command (Asterisk buffers them on the channel). */
    String typeAhead = "";
    private boolean deadlineArmed;

    private ChannelRunner(Pbx pbx, CallScript script, Pbx.OriginateRequest originate) {
        this.pbx = pbx;
        this.wake = pbx.lock.newCondition();
        this.script = script;
        this.call = script == null ? null : script.call;
        this.originate = originate;
    }

    static ChannelRunner inbound(Pbx pbx, CallScript script) {
        return new ChannelRunner(pbx, script, null);
    }

    static ChannelRunner originated(Pbx pbx, Pbx.OriginateRequest request) {
        return new ChannelRunner(pbx, null, request);
    }

    void startThread() {
        Thread t = new Thread(this, "fake-asterisk-channel");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        Location loc = null;
        try {
            loc = originate != null ? originatePhase() : inboundPhase();
            while (loc != null && !loc.isEnd()) {
                Thread.currentThread().setName("fake-asterisk " + channel.name + " " + loc.kind);
                loc = execute(loc);
            }
            if (loc == Location.DIALPLAN_END) {
                endNormally(true);
            } else if (loc == Location.HUNG_UP) {
                endHungUp();
            }
        } catch (RuntimeException | Error e) {
            if (call != null) {
                call.failure = "simulator error: " + e;
            }
            pbx.lock.lock();
            try {
                Channel c = channel;
                if (c != null) {
                    pbx.hangupChannel(c, 16, "Normal Clearing", null);
                }
            } finally {
                pbx.lock.unlock();
            }
            if (!(e instanceof IllegalStateException && pbx.isClosed())) {
                e.printStackTrace();
            }
        } finally {
            if (originate != null && !originate.outcome.isDone()) {
                originate.outcome.complete(0);
            }
            SimulatedCall c = call;
            if (c != null && !c.isEnded()) {
                c.markEnded(endCause, Pbx.causeText(endCause));
            }
        }
    }

    // ------------------------------------------------------------------ signals (any thread)

    /** The far end (caller, customer) hangs up: SIP BYE. */
    void remoteHangup() {
        pbx.lock.lock();
        try {
            if (hungUp) {
                return;
            }
            hungUp = true;
            remote = true;
            boolean inAgi = agi != null;
            endCause = inAgi ? 0 : 16;
            softRequestOnEnd = inAgi;
            if (mediaLeg != null && !mediaLeg.hungUp) {
                pbx.channelEvent("HangupRequest", "call", mediaLeg, null);
                tearDownCompanions();
            }
            pbx.channelEvent("HangupRequest", "call", channel, null);
            wakeUpLocked();
        } finally {
            pbx.lock.unlock();
        }
    }

    /** AMI Hangup on one of the channels this runner owns. */
    void hangupRequested(Channel target, int cause) {
        pbx.lock.lock();
        try {
            if (hungUp) {
                return;
            }
            if (target == channel) {
                hungUp = true;
                endCause = cause;
                softRequestOnEnd = agi != null;
            } else if (companions.contains(target)) {
                // the customer side of a Local pair went away: like a BYE from the customer
                pbx.lock.unlock();
                try {
                    remoteHangup();
                } finally {
                    pbx.lock.lock();
                }
                return;
            } else {
                peerLeft = target;
                peerCause = cause;
            }
            wakeUpLocked();
        } finally {
            pbx.lock.unlock();
        }
    }

    void redirect(Location target) {
        pbx.lock.lock();
        try {
            if (hungUp) {
                return;
            }
            pendingRedirect = target;
            wakeUpLocked();
        } finally {
            pbx.lock.unlock();
        }
    }

    void shutdown() {
        hangupRequested(channel, 16);
    }

    private void wakeUpLocked() {
        wake.signalAll();
        FastAgiSession session = agi;
        if (session != null) {
            session.notifyHangupLocked();
        }
    }

    boolean isHungUpLocked() {
        return hungUp;
    }

    boolean hasPendingRedirectLocked() {
        return pendingRedirect != null;
    }

    // ------------------------------------------------------------------ simulated time

    /**
     * Waits this much simulated time (null = until something happens), unless the channel is hung up,
     * redirected or its bridge peer leaves first. The caller's scripted hang-up time is honoured here.
     */
    Wake pause(Duration simulated) {
        pbx.lock.lock();
        try {
            long remaining = simulated == null ? Long.MAX_VALUE : Math.max(0, simulated.toNanos());
            while (true) {
                Wake signal = pendingWakeLocked();
                if (signal != null) {
                    return signal;
                }
                long untilDeadline = untilDeadlineLocked();
                if (untilDeadline <= 0) {
                    pbx.lock.unlock();
                    try {
                        remoteHangup();
                    } finally {
                        pbx.lock.lock();
                    }
                    continue;
                }
                long step = Math.min(remaining, untilDeadline);
                if (step == 0) {
                    return Wake.ELAPSED;
                }
                long started = System.nanoTime();
                if (step == Long.MAX_VALUE) {
                    wake.await(200, TimeUnit.MILLISECONDS);
                    advance(pbx.simNanos(System.nanoTime() - started));
                    continue;
                }
                long realLeft = pbx.realNanos(step);
                while (realLeft > 0 && pendingWakeLocked() == null) {
                    realLeft = wake.awaitNanos(realLeft);
                }
                if (realLeft <= 0) {
                    advance(step);
                    if (remaining != Long.MAX_VALUE) {
                        remaining -= step;
                        if (remaining == 0) {
                            // a wait ending exactly at the hang-up time completes; the hang-up follows
                            return Wake.ELAPSED;
                        }
                    }
                } else {
                    advance(Math.min(step, pbx.simNanos(System.nanoTime() - started)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Wake.HANGUP;
        } finally {
            pbx.lock.unlock();
        }
    }

    /** Hangs up now if the scripted hang-up time has been reached (checked between AGI commands). */
    void hangUpIfDue() {
        boolean due;
        pbx.lock.lock();
        try {
            due = !hungUp && untilDeadlineLocked() <= 0;
        } finally {
            pbx.lock.unlock();
        }
        if (due) {
            remoteHangup();
        }
    }

    private Wake pendingWakeLocked() {
        if (hungUp) {
            return Wake.HANGUP;
        }
        if (pendingRedirect != null) {
            return Wake.REDIRECT;
        }
        if (peerLeft != null) {
            return Wake.PEER_LEFT;
        }
        return null;
    }

    private long untilDeadlineLocked() {
        CallScript s = script;
        SimulatedCall c = call;
        if (!deadlineArmed || s == null || c == null || s.hangUpAfter == null) {
            return Long.MAX_VALUE;
        }
        return s.hangUpAfter.toNanos() - c.simulatedNanos;
    }

    private void advance(long simNanos) {
        SimulatedCall c = call;
        if (c != null) {
            c.simulatedNanos += simNanos;
        }
    }

    private Location takeRedirectLocked() {
        Location target = pendingRedirect;
        pendingRedirect = null;
        return target;
    }

    /** Next DTMF step of the script, or null (no input). */
    CallScript.Step nextStep() {
        CallScript s = script;
        return s == null ? null : s.nextStep();
    }

    /** Counts a digit collection; true when the script hangs up during this one. */
    boolean countCollection() {
        SimulatedCall c = call;
        CallScript s = script;
        if (c == null || s == null) {
            return false;
        }
        c.collections++;
        return s.hangUpDuringCollection == c.collections;
    }

    // ------------------------------------------------------------------ phases

    private Location inboundPhase() {
        CallScript s = script;
        String context = pbx.config.inboundContext;
        pbx.lock.lock();
        try {
            Channel c = pbx.newPjsipChannel("trunk", Channel.STATE_RING, s.number, s.callerName, context, s.dialed);
            c.dnid = s.dialed;
            c.owner = this;
            c.runner = this;
            c.call = call;
            channel = c;
            call.markStarted(c, this);
            pbx.newchannel(c);
            pbx.varSet(c, "SIPDOMAIN", "127.0.0.1");
            Location target = pbx.locationFor(context, s.dialed);
            if (target == null) {
                endCause = 1;
                pbx.hangupChannel(c, 1, Pbx.causeText(1), null);
                return null;
            }
            pbx.newexten(c, context, s.dialed, 1, "Answer", "");
            pbx.newstate(c, Channel.STATE_UP);
            deadlineArmed = true;
            c.priority = 1;
            return target;
        } finally {
            pbx.lock.unlock();
        }
    }

    private Location originatePhase() {
        Pbx.OriginateRequest req = originate;
        String dial = req.dialString;
        String lower = dial.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("pjsip/")) {
            String ep = dial.substring(6);
            int at = ep.indexOf('@');
            if (at > 0) {
                return originateToCallee(pbx.customer(ep.substring(0, at)), "trunk");
            }
            AgentPhone phone = pbx.existingPhone(ep);
            if (phone == null) {
                return fail(0);
            }
            return originateToCallee(phone, ep);
        }
        if (lower.startsWith("local/")) {
            return originateLocal();
        }
        return fail(0);
    }

    private Location fail(int reason) {
        pbx.lock.lock();
        try {
            pbx.originateResponse(originate, reason, null);
            originate.outcome.complete(reason);
            endCause = 0;
            return null;
        } finally {
            pbx.lock.unlock();
        }
    }

    private Location originateToCallee(Callee callee, String endpoint) {
        Pbx.OriginateRequest req = originate;
        if (!callee.isReachable()) {
            return fail(0);
        }
        boolean customer = callee instanceof CallScript;
        Channel c;
        pbx.lock.lock();
        try {
            String context = customer ? Pbx.CONTEXT_OUTBOUND : Pbx.CONTEXT_AGENTS;
            c = pbx.newPjsipChannel(endpoint, Channel.STATE_DOWN, callee.number(), callee.displayName(), context, "s");
            c.owner = this;
            c.runner = this;
            c.callee = callee;
            channel = c;
            adoptCustomerScript(callee, c);
            pbx.newchannel(c);
            pbx.newexten(c, context, "s", 1, "AppDial2", "(Outgoing Line)");
            setOriginateVariables(c);
            if (req.callerIdNum != null || req.callerIdName != null) {
                c.callerIdNum = req.callerIdNum == null ? c.callerIdNum : req.callerIdNum;
                c.callerIdName = req.callerIdName == null ? "" : req.callerIdName;
                pbx.channelEvent("NewCallerid", "call", c, m -> m.add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
            }
            pbx.dialEvent("DialBegin", null, c, m -> m.add("DialString", callee.number()));
            if (callee.isBusy()) {
                pbx.dialEvent("DialEnd", null, c, m -> m.add("DialStatus", "BUSY"));
                pbx.originateResponse(req, 5, null);
                req.outcome.complete(5);
                endCause = 17;
                pbx.hangupChannel(c, 17, Pbx.causeText(17), "486");
                return null;
            }
            pbx.newstate(c, Channel.STATE_RINGING);
            pbx.dialEvent("DialState", null, c, m -> m.add("DialStatus", "RINGING"));
            callee.deviceInUse(pbx, 1, true);
        } finally {
            pbx.lock.unlock();
        }
        Duration answerAfter = answerDelay(callee);
        boolean answers = answerAfter != null && answerAfter.compareTo(req.timeout) <= 0;
        Wake w = pause(answers ? answerAfter : req.timeout);
        pbx.lock.lock();
        try {
            if (w != Wake.ELAPSED || !answers) {
                int reason = w == Wake.ELAPSED ? 3 : 1;
                pbx.originateResponse(req, reason, null);
                req.outcome.complete(reason);
                endCause = w == Wake.ELAPSED ? 19 : endCause;
                pbx.hangupChannel(c, endCause, Pbx.causeText(endCause), w == Wake.ELAPSED ? "480" : null);
                callee.deviceInUse(pbx, -1, false);
                return null;
            }
            pbx.newstate(c, Channel.STATE_UP);
            pbx.dialEvent("DialEnd", null, c, m -> m.add("DialStatus", "ANSWER"));
            pbx.originateResponse(req, 4, c);
            req.outcome.complete(4);
            callee.deviceInUse(pbx, 0, false);
            armDeadlineFromAnswer();
            return req.target;
        } finally {
            pbx.lock.unlock();
        }
    }

    private Location originateLocal() {
        Pbx.OriginateRequest req = originate;
        String spec = req.dialString.substring("Local/".length());
        int slash = spec.indexOf('/');
        if (slash >= 0) {
            spec = spec.substring(0, slash);
        }
        int at = spec.indexOf('@');
        String exten = at > 0 ? spec.substring(0, at) : spec;
        String context = at > 0 ? spec.substring(at + 1) : "default";
        Channel one;
        Channel two;
        Channel peer;
        Callee callee;
        pbx.lock.lock();
        try {
            Channel[] pair = pbx.newLocalPair(exten, context, req.callerIdNum, req.callerIdName);
            one = pair[0];
            two = pair[1];
            one.owner = this;
            one.runner = this;
            two.owner = this;
            channel = one;
            companions.add(two);
            Location inner = pbx.locationFor(context, exten);
            if (inner != null && inner.callee != null) {
                // the customer's call handle records the whole leg, from the first Newchannel
                adoptCustomerScript(inner.callee, one);
                two.call = one.call;
            }
            pbx.newchannel(one);
            pbx.newchannel(two);
            pbx.newexten(one, context, exten, 1, "AppDial2", "(Outgoing Line)");
            setOriginateVariables(one);
            if (inner == null || inner.kind != Location.Kind.CONNECT) {
                pbx.hangupChannel(two, 0, Pbx.causeText(0), null);
                pbx.hangupChannel(one, 0, Pbx.causeText(0), null);
                pbx.originateResponse(req, 0, null);
                req.outcome.complete(0);
                return null;
            }
            callee = inner.callee;
            pbx.newexten(two, context, exten, 1, "Dial", inner.data);
            if (!callee.isReachable()) {
                pbx.varSet(two, "DIALSTATUS", "CHANUNAVAIL");
                pbx.hangupChannel(two, 0, Pbx.causeText(0), null);
                pbx.hangupChannel(one, 0, Pbx.causeText(0), null);
                pbx.originateResponse(req, 0, null);
                req.outcome.complete(0);
                return null;
            }
            boolean customer = callee instanceof CallScript;
            peer = pbx.newPjsipChannel(customer ? "trunk" : callee.number(), Channel.STATE_DOWN, callee.number(),
                    callee.displayName(), context, exten);
            peer.owner = this;
            peer.call = one.call;
            peer.linkedid = one.linkedid;
            peer.callee = callee;
            companions.add(peer);
            mediaLeg = peer;
            mediaCallee = callee;
            pbx.newchannel(peer);
            pbx.newexten(peer, context, exten, 1, "AppDial", "(Outgoing Line)");
            pbx.dialEvent("DialBegin", two, peer, m -> m.add("DialString", customer ? exten + "@trunk" : exten));
            if (callee.isBusy()) {
                pbx.dialEvent("DialEnd", two, peer, m -> m.add("DialStatus", "BUSY"));
                pbx.hangupChannel(peer, 17, Pbx.causeText(17), "486");
                pbx.hangupChannel(two, 17, Pbx.causeText(17), null);
                pbx.originateResponse(req, 5, null);
                req.outcome.complete(5);
                endCause = 17;
                pbx.hangupChannel(one, 17, Pbx.causeText(17), null);
                return null;
            }
            pbx.newstate(peer, Channel.STATE_RINGING);
            pbx.dialEvent("DialState", two, peer, m -> m.add("DialStatus", "RINGING"));
            callee.deviceInUse(pbx, 1, true);
        } finally {
            pbx.lock.unlock();
        }
        Duration answerAfter = answerDelay(callee);
        boolean answers = answerAfter != null && answerAfter.compareTo(req.timeout) <= 0;
        Wake w = pause(answers ? answerAfter : req.timeout);
        pbx.lock.lock();
        try {
            if (w != Wake.ELAPSED || !answers) {
                int reason = w == Wake.ELAPSED ? 3 : 1;
                pbx.dialEvent("DialEnd", two, peer, m -> m.add("DialStatus", w == Wake.ELAPSED ? "NOANSWER" : "CANCEL"));
                pbx.originateResponse(req, reason, null);
                req.outcome.complete(reason);
                pbx.hangupChannel(peer, 0, Pbx.causeText(0), null);
                callee.deviceInUse(pbx, -1, false);
                pbx.hangupChannel(two, 16, Pbx.causeText(16), null);
                endCause = w == Wake.ELAPSED ? 19 : endCause;
                pbx.hangupChannel(one, endCause, Pbx.causeText(endCause), null);
                return null;
            }
            pbx.newstate(peer, Channel.STATE_UP);
            pbx.dialEvent("DialEnd", two, peer, m -> m.add("DialStatus", "ANSWER"));
            pbx.newstate(two, Channel.STATE_UP);
            pbx.newstate(one, Channel.STATE_UP);
            Bridge bridge = new Bridge().expecting(peer, two);
            localBridge = bridge;
            pbx.bridgeEvent("BridgeCreate", bridge, null);
            bridge.join(peer);
            pbx.bridgeEvent("BridgeEnter", bridge, peer);
            bridge.join(two);
            pbx.bridgeEvent("BridgeEnter", bridge, two);
            Pbx.connectLines(peer, two);
            one.connectedLineNum = callee.number();
            one.connectedLineName = callee.displayName();
            callee.deviceInUse(pbx, 0, false);
            pbx.originateResponse(req, 4, one);
            req.outcome.complete(4);
            armDeadlineFromAnswer();
            return req.target;
        } finally {
            pbx.lock.unlock();
        }
    }

    private void adoptCustomerScript(Callee callee, Channel c) {
        if (callee instanceof CallScript) {
            CallScript cs = (CallScript) callee;
            script = cs;
            call = cs.call;
            c.call = call;
            call.markStarted(c, this);
        }
    }

    private void armDeadlineFromAnswer() {
        if (call != null) {
            call.simulatedNanos = 0;
            deadlineArmed = true;
        }
    }

    private void setOriginateVariables(Channel c) {
        List<Map.Entry<String, String>> vars = new ArrayList<>(originate.variables.entrySet());
        // Asterisk 22 emits the VarSet events of Originate variables in reverse order
        for (int i = vars.size() - 1; i >= 0; i--) {
            pbx.varSet(c, vars.get(i).getKey(), vars.get(i).getValue());
        }
    }

    private Duration answerDelay(Callee callee) {
        int rings = callee.ringsBeforeAnswer();
        return rings < 0 ? null : pbx.config.ringDuration.multipliedBy(rings);
    }

    // ------------------------------------------------------------------ locations

    private Location execute(Location loc) {
        switch (loc.kind) {
            case AGI:
                return runAgi(loc);
            case HOLD:
                return runHold(loc);
            case CONNECT:
                return runConnect(loc);
            case SPY:
                return runSpy(loc);
            case BRIDGED:
                return runBridged(loc);
            default:
                return runApp(loc);
        }
    }

    private void enter(Location loc, String app, String data) {
        Channel c = channel;
        if (loc.context != null) {
            int priority = loc.kind == Location.Kind.AGI && loc.context.equals(c.context) && loc.exten.equals(c.exten)
                    ? c.priority + 1 : 1;
            pbx.newexten(c, loc.context, loc.exten, priority, app, data);
        } else {
            c.application = app;
            c.applicationData = data;
        }
        if (c.state != Channel.STATE_UP) {
            pbx.newstate(c, Channel.STATE_UP);
        }
    }

    private Location runAgi(Location loc) {
        pbx.lock.lock();
        try {
            if (hungUp) {
                return Location.HUNG_UP;
            }
            enter(loc, "AGI", loc.data);
            agi = new FastAgiSession(this, loc.data);
        } finally {
            pbx.lock.unlock();
        }
        agi.run();
        pbx.lock.lock();
        try {
            agi = null;
            if (hungUp) {
                return Location.HUNG_UP;
            }
            if (pendingRedirect != null) {
                return takeRedirectLocked();
            }
            // Griot's dialplan: same => n,GotoIf($["${GRIOT_NEXT}" != ""]?${GRIOT_NEXT})
            String next = channel.variables.get("GRIOT_NEXT");
            if (next != null && !next.isBlank()) {
                String[] parts = next.split(",");
                Location target = parts.length >= 2 ? pbx.locationFor(parts[0], parts[1]) : null;
                if (target != null) {
                    return target;
                }
            }
            if (Pbx.CONTEXT_ANNOUNCE.equals(loc.context)) {
                return backToHold(); // same => n,Goto(griot-hold,s,1)
            }
            return Location.DIALPLAN_END;
        } finally {
            pbx.lock.unlock();
        }
    }

    private Location runHold(Location loc) {
        pbx.lock.lock();
        try {
            if (hungUp) {
                return Location.HUNG_UP;
            }
            enter(loc, "MusicOnHold", "default");
            pbx.channelEvent("MusicOnHoldStart", "call", channel, m -> m.add("Class", "default"));
        } finally {
            pbx.lock.unlock();
        }
        Wake w = pause(null);
        pbx.lock.lock();
        try {
            pbx.channelEvent("MusicOnHoldStop", "call", channel, null);
            return w == Wake.REDIRECT ? takeRedirectLocked() : Location.HUNG_UP;
        } finally {
            pbx.lock.unlock();
        }
    }

    private Location runApp(Location loc) {
        Duration length = null;
        pbx.lock.lock();
        try {
            if (hungUp) {
                return Location.HUNG_UP;
            }
            enter(loc, loc.app, loc.data);
            if ("wait".equalsIgnoreCase(loc.app)) {
                length = Duration.ofMillis((long) (parseSeconds(loc.data) * 1000));
            } else if ("playback".equalsIgnoreCase(loc.app)) {
                length = pbx.config.promptDurations.getOrDefault(loc.data, pbx.config.defaultPromptDuration);
            }
        } finally {
            pbx.lock.unlock();
        }
        Wake w = pause(length);
        pbx.lock.lock();
        try {
            switch (w) {
                case ELAPSED: return Location.DIALPLAN_END;
                case REDIRECT: return takeRedirectLocked();
                default: return Location.HUNG_UP;
            }
        } finally {
            pbx.lock.unlock();
        }
    }

    private static double parseSeconds(String s) {
        try {
            return Double.parseDouble(s == null ? "0" : s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Dial(PJSIP/agent): ring, then bridge on answer; NOANSWER/BUSY/CHANUNAVAIL send the caller back to hold. */
    private Location runConnect(Location loc) {
        Callee callee = loc.callee;
        Channel caller = channel;
        Channel peer;
        pbx.lock.lock();
        try {
            if (hungUp) {
                return Location.HUNG_UP;
            }
            enter(loc, "Dial", loc.data);
            pbx.varSet(caller, "DIALSTATUS", "");
            if (!callee.isReachable()) {
                pbx.varSet(caller, "DIALSTATUS", "CHANUNAVAIL");
                return backToHold();
            }
            boolean customer = callee instanceof CallScript;
            String context = customer ? Pbx.CONTEXT_OUTBOUND : Pbx.CONTEXT_AGENTS;
            peer = pbx.newPjsipChannel(customer ? "trunk" : callee.number(), Channel.STATE_DOWN, callee.number(),
                    callee.displayName(), context, callee.number());
            peer.owner = this;
            peer.linkedid = caller.linkedid;
            peer.call = caller.call;
            peer.callee = callee;
            pbx.newchannel(peer);
            pbx.newexten(peer, context, callee.number(), 1, "AppDial", "(Outgoing Line)");
            pbx.dialEvent("DialBegin", caller, peer, m -> m.add("DialString", callee.number()));
            if (callee.isBusy()) {
                pbx.dialEvent("DialEnd", caller, peer, m -> m.add("DialStatus", "BUSY"));
                pbx.hangupChannel(peer, 17, Pbx.causeText(17), "486");
                pbx.varSet(caller, "DIALSTATUS", "BUSY");
                return backToHold();
            }
            pbx.dialEvent("DialState", caller, peer, m -> m.add("DialStatus", "RINGING"));
            pbx.newstate(peer, Channel.STATE_RINGING);
            callee.deviceInUse(pbx, 1, true);
        } finally {
            pbx.lock.unlock();
        }
        Duration answerAfter = answerDelay(callee);
        // Dial(PJSIP/${EXTEN},${GRIOT_RING_TIMEOUT},...): the channel's own ring time when Griot set one.
        Duration timeout = ringTimeout(caller);
        boolean answers = answerAfter != null && answerAfter.compareTo(timeout) <= 0;
        Wake w = pause(answers ? answerAfter : timeout);
        pbx.lock.lock();
        try {
            if (w == Wake.PEER_LEFT) {
                // AMI Hangup of the ringing agent leg: the phone "rejected" the call
                peerLeft = null;
                pbx.dialEvent("DialEnd", caller, peer, m -> m.add("DialStatus", "CHANUNAVAIL"));
                pbx.hangupChannel(peer, peerCause, Pbx.causeText(peerCause), null);
                callee.deviceInUse(pbx, -1, false);
                pbx.varSet(caller, "DIALSTATUS", "CHANUNAVAIL");
                return backToHold();
            }
            if (w != Wake.ELAPSED) {
                pbx.dialEvent("DialEnd", caller, peer, m -> m.add("DialStatus", "CANCEL"));
                pbx.hangupChannel(peer, 0, Pbx.causeText(0), null);
                callee.deviceInUse(pbx, -1, false);
                pbx.varSet(caller, "DIALSTATUS", "CANCEL");
                return w == Wake.REDIRECT ? takeRedirectLocked() : Location.HUNG_UP;
            }
            if (!answers) {
                pbx.dialEvent("DialEnd", caller, peer, m -> m.add("DialStatus", "NOANSWER"));
                pbx.hangupChannel(peer, 0, Pbx.causeText(0), null);
                callee.deviceInUse(pbx, -1, false);
                pbx.varSet(caller, "DIALSTATUS", "NOANSWER");
                return backToHold();
            }
            pbx.newstate(peer, Channel.STATE_UP);
            pbx.varSet(caller, "DIALSTATUS", "ANSWER");
            pbx.dialEvent("DialEnd", caller, peer, m -> m.add("DialStatus", "ANSWER"));
            Bridge bridge = new Bridge().expecting(caller, peer);
            pbx.bridgeEvent("BridgeCreate", bridge, null);
            Pbx.connectLines(caller, peer);
            bridge.join(peer);
            pbx.bridgeEvent("BridgeEnter", bridge, peer);
            callee.deviceInUse(pbx, 0, false);
            bridge.join(caller);
            pbx.bridgeEvent("BridgeEnter", bridge, caller);
        } finally {
            pbx.lock.unlock();
        }
        return talk(caller, peer, callee);
    }

    private Duration ringTimeout(Channel caller) {
        String own = caller.variables.get("GRIOT_RING_TIMEOUT");
        if (own != null && own.matches("[0-9]+")) {
            return Duration.ofSeconds(Long.parseLong(own));
        }
        return pbx.config.connectTimeout;
    }

    private Location backToHold() {
        return pbx.locationFor(Pbx.CONTEXT_HOLD, "s");
    }

    /** Caller and callee bridged after a Dial: waits until one side leaves, then tears down like Asterisk. */
    private Location talk(Channel caller, Channel peer, Callee callee) {
        Wake w = pause(callee.hangsUpAfter());
        pbx.lock.lock();
        try {
            Bridge bridge = caller.bridge;
            switch (w) {
                case ELAPSED:
                case PEER_LEFT: {
                    int cause = w == Wake.PEER_LEFT ? peerCause : 16;
                    if (w == Wake.ELAPSED) {
                        pbx.channelEvent("HangupRequest", "call", peer, null);
                    }
                    peerLeft = null;
                    leaveBridge(bridge, peer, caller);
                    pbx.varSet(caller, "DIALSTATUS", "ANSWER");
                    pbx.channelEvent("SoftHangupRequest", "call", caller, m -> m.add("Cause", 16));
                    pbx.hangupChannel(peer, cause, Pbx.causeText(cause), null);
                    callee.deviceInUse(pbx, -1, false);
                    endCause = 16;
                    pbx.hangupChannel(caller, 16, Pbx.causeText(16), null);
                    tearDownCompanions();
                    return null;
                }
                case REDIRECT:
                    leaveBridge(bridge, caller, peer);
                    pbx.hangupChannel(peer, 16, Pbx.causeText(16), null);
                    callee.deviceInUse(pbx, -1, false);
                    return takeRedirectLocked();
                default:
                    leaveBridge(bridge, caller, peer);
                    pbx.hangupChannel(peer, 16, Pbx.causeText(16), null);
                    callee.deviceInUse(pbx, -1, false);
                    return Location.HUNG_UP;
            }
        } finally {
            pbx.lock.unlock();
        }
    }

    private void leaveBridge(Bridge bridge, Channel first, Channel second) {
        if (bridge == null) {
            return;
        }
        bridge.technology = "native_rtp";
        for (Channel c : new Channel[] {first, second}) {
            if (bridge.members.remove(c)) {
                c.bridge = null;
                pbx.bridgeEvent("BridgeLeave", bridge, c);
            }
        }
        pbx.bridgeEvent("BridgeDestroy", bridge, null);
    }

    /** In a bridge made by the AMI Bridge action; when the other side leaves, the dialplan ends (Hangup). */
    private Location runBridged(Location loc) {
        Bridge bridge = loc.bridge;
        Wake w = pause(null);
        pbx.lock.lock();
        try {
            Channel me = channel;
            Channel other = bridge.peerOf(me);
            if (w == Wake.PEER_LEFT) {
                peerLeft = null;
                return Location.DIALPLAN_END;
            }
            if (bridge.members.contains(me)) {
                leaveBridge(bridge, me, other);
            }
            if (other != null && other.owner != null) {
                other.owner.peerLeftBridge(me);
            }
            return w == Wake.REDIRECT ? takeRedirectLocked() : Location.HUNG_UP;
        } finally {
            pbx.lock.unlock();
        }
    }

    void peerLeftBridge(Channel peer) {
        pbx.lock.lock();
        try {
            peerLeft = peer;
            peerCause = 16;
            wake.signalAll();
        } finally {
            pbx.lock.unlock();
        }
    }

    private Location runSpy(Location loc) {
        String target = loc.data == null ? "" : loc.data.split(",")[0].trim();
        Channel spyee;
        pbx.lock.lock();
        try {
            if (hungUp) {
                return Location.HUNG_UP;
            }
            enter(loc, "ChanSpy", loc.data);
        } finally {
            pbx.lock.unlock();
        }
        Wake w = pause(Duration.ofMillis(100));
        while (true) {
            if (w != Wake.ELAPSED) {
                return afterWake(w);
            }
            spyee = pbx.channelOfDevice(target);
            if (spyee != null) {
                break;
            }
            w = pause(Duration.ofSeconds(1));
        }
        pbx.lock.lock();
        try {
            pbx.spyEvent("ChanSpyStart", channel, spyee);
        } finally {
            pbx.lock.unlock();
        }
        do {
            w = pause(Duration.ofSeconds(1));
        } while (w == Wake.ELAPSED && !spyee.hungUp);
        pbx.lock.lock();
        try {
            pbx.spyEvent("ChanSpyStop", channel, spyee);
        } finally {
            pbx.lock.unlock();
        }
        return w == Wake.ELAPSED ? Location.DIALPLAN_END : afterWake(w);
    }

    private Location afterWake(Wake w) {
        pbx.lock.lock();
        try {
            if (w == Wake.REDIRECT) {
                return takeRedirectLocked();
            }
            if (w == Wake.PEER_LEFT) {
                peerLeft = null;
                return Location.DIALPLAN_END;
            }
            return Location.HUNG_UP;
        } finally {
            pbx.lock.unlock();
        }
    }

    // ------------------------------------------------------------------ endings

    /** The dialplan ran out (after AGI: the Hangup() priority): SoftHangupRequest 16, Hangup 16. */
    private void endNormally(boolean hangupApp) {
        pbx.lock.lock();
        try {
            Channel c = channel;
            if (hangupApp && c.context != null && !"AppDial2".equals(c.application)) {
                pbx.newexten(c, c.context, c.exten, c.priority + 1, "Hangup", "");
            }
            pbx.channelEvent("SoftHangupRequest", "call", c, m -> m.add("Cause", 16));
            endCause = 16;
            tearDownCompanions();
            pbx.hangupChannel(c, 16, Pbx.causeText(16), null);
            releaseDevice(c);
        } finally {
            pbx.lock.unlock();
        }
    }

    private void endHungUp() {
        pbx.lock.lock();
        try {
            Channel c = channel;
            if (softRequestOnEnd) {
                pbx.channelEvent("SoftHangupRequest", "call", c, m -> m.add("Cause", 16));
            }
            tearDownCompanions();
            pbx.hangupChannel(c, endCause, Pbx.causeText(endCause), null);
            releaseDevice(c);
        } finally {
            pbx.lock.unlock();
        }
    }

    private void releaseDevice(Channel c) {
        Callee callee = c.callee;
        if (callee != null && !(callee instanceof CallScript)) {
            callee.deviceInUse(pbx, -1, false);
        }
    }

    /** Hangs up the Local ;2 half and the trunk leg (bridge leave/destroy first). */
    private void tearDownCompanions() {
        if (localBridge != null && !localBridge.members.isEmpty()) {
            Channel first = mediaLeg != null && localBridge.members.contains(mediaLeg) ? mediaLeg : localBridge.members.get(0);
            leaveBridge(localBridge, first, localBridge.peerOf(first));
        }
        if (mediaLeg != null && !mediaLeg.hungUp) {
            pbx.hangupChannel(mediaLeg, 16, Pbx.causeText(16), null);
            if (mediaCallee != null && !(mediaCallee instanceof CallScript)) {
                mediaCallee.deviceInUse(pbx, -1, false);
            }
        }
        for (Channel c : companions) {
            if (!c.hungUp) {
                pbx.hangupChannel(c, 16, Pbx.causeText(16), null);
            }
        }
    }
}
