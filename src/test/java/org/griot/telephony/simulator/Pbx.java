package org.griot.telephony.simulator;

import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The simulated PBX core: channels, the Griot dialplan contexts, AMI actions and event emission.
 * One lock guards call state (each channel's runner waits on its own condition of it); events are
 * published in a single order to every AMI session and recorded per call.
 */
final class Pbx {

    static final String CONTEXT_HOLD = "griot-hold";
    static final String CONTEXT_ANNOUNCE = "griot-announce";
    static final String CONTEXT_CONNECT = "griot-connect";
    static final String CONTEXT_OUTBOUND = "griot-outbound";
    static final String CONTEXT_SPY = "griot-spy";
    static final String CONTEXT_AGENTS = "griot-agents";

    private static final DateTimeFormatter EVENT_TV =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    final FakeAsterisk.Config config;
    final Faults faults = new Faults(this);
    final ReentrantLock lock = new ReentrantLock();
    private volatile AmiServer ami;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final Map<String, AgentPhone> phones = new ConcurrentHashMap<>();
    private final Map<String, CallScript> customers = new ConcurrentHashMap<>();
    private final List<AmiMessage> events = new ArrayList<>();
    private final Map<String, String> globalVariables = new ConcurrentHashMap<>();
    private final Object emitOrder = new Object();
    private final AtomicInteger channelSeq = new AtomicInteger();
    private final AtomicInteger localSeq = new AtomicInteger();
    /**
     * Asterisk's uniqueid counter; each fake starts at its own random offset so that several fakes in
     * one test run never hand out the same id (a real PBX's ids are unique across its lifetime).
     */
    private final AtomicInteger uniqueSeq = new AtomicInteger(new java.util.Random().nextInt(10_000) * 100_000);
    private final AtomicInteger trunkChannels = new AtomicInteger();
    private final AtomicLong processedCalls = new AtomicLong();
    private final long startedAtMillis = System.currentTimeMillis();
    private volatile boolean closed;

    Pbx(FakeAsterisk.Config config) {
        this.config = config;
    }

    void attach(AmiServer server) {
        this.ami = server;
    }

    AmiServer ami() {
        return ami;
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        closed = true;
        lock.lock();
        try {
            for (Channel c : channels.values()) {
                ChannelRunner r = c.runner;
                if (r != null) {
                    r.shutdown();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ time

    /** Real nanoseconds a simulated duration takes. */
    long realNanos(long simNanos) {
        return (long) ((double) simNanos * config.realNanosPerSimSecond / 1e9);
    }

    long simNanos(long realNanos) {
        return (long) ((double) realNanos * 1e9 / Math.max(1, config.realNanosPerSimSecond));
    }

    static String timestamp() {
        Instant now = Instant.now();
        return String.format(Locale.ROOT, "%d.%06d", now.getEpochSecond(), now.getNano() / 1000);
    }

    long uptimeSeconds() {
        return (System.currentTimeMillis() - startedAtMillis) / 1000 + 1;
    }

    // ------------------------------------------------------------------ phones, customers, calls

    AgentPhone phone(String endpoint) {
        return phones.computeIfAbsent(endpoint, e -> new AgentPhone(this, e));
    }

    AgentPhone existingPhone(String endpoint) {
        return phones.get(endpoint);
    }

    CallScript customer(String number) {
        return customers.computeIfAbsent(number, n -> new CallScript(this, n, null));
    }

    void startInboundCall(CallScript script) {
        ChannelRunner runner = ChannelRunner.inbound(this, script);
        runner.startThread();
    }

    // ------------------------------------------------------------------ channels

    String nextUniqueid() {
        return (System.currentTimeMillis() / 1000) + "." + uniqueSeq.incrementAndGet();
    }

    Channel newPjsipChannel(String endpoint, int state, String cidNum, String cidName, String context, String exten) {
        String name = String.format(Locale.ROOT, "PJSIP/%s-%08x", endpoint, channelSeq.incrementAndGet());
        Channel c = new Channel(name, nextUniqueid(), "PJSIP", state, cidNum, cidName, context, exten);
        c.endpoint = endpoint;
        c.trunk = "trunk".equals(endpoint);
        register(c);
        return c;
    }

    Channel[] newLocalPair(String exten, String context, String cidNum, String cidName) {
        int seq = localSeq.incrementAndGet();
        String base = String.format(Locale.ROOT, "Local/%s@%s-%08x", exten, context, seq);
        Channel one = new Channel(base + ";1", nextUniqueid(), "Local", Channel.STATE_DOWN, cidNum, cidName, context, exten);
        Channel two = new Channel(base + ";2", nextUniqueid(), "Local", Channel.STATE_RING, cidNum, cidName, context, exten);
        two.linkedid = one.linkedid;
        register(one);
        register(two);
        return new Channel[] {one, two};
    }

    private void register(Channel c) {
        channels.put(c.name, c);
        if (c.trunk && trunkChannels.incrementAndGet() == 1) {
            deviceStateChange("PJSIP/trunk", "INUSE");
        }
    }

    /** Emits Hangup and forgets the channel (device state of its endpoint follows). */
    void hangupChannel(Channel c, int cause, String causeText, String techCause) {
        if (!channels.remove(c.name, c)) {
            return;
        }
        c.hungUp = true;
        channelEvent("Hangup", "call", c, m -> {
            m.add("Cause", cause).add("Cause-txt", causeText);
            if (techCause != null) {
                m.add("TechCause", techCause);
            }
        });
        processedCalls.incrementAndGet();
        if (c.trunk && trunkChannels.decrementAndGet() == 0) {
            deviceStateChange("PJSIP/trunk", "NOT_INUSE");
        }
        SimulatedCall call = c.call;
        if (call != null && call.channel == c) {
            call.markEnded(cause, causeText);
        }
    }

    Channel channel(String name) {
        return name == null ? null : channels.get(name.trim());
    }

    List<String> channelNames() {
        List<String> names = new ArrayList<>();
        for (Channel c : liveChannels()) {
            names.add(c.name);
        }
        return names;
    }

    private List<Channel> liveChannels() {
        List<Channel> list = new ArrayList<>(channels.values());
        list.sort(Comparator.comparingInt(c -> Integer.parseInt(c.uniqueid.substring(c.uniqueid.indexOf('.') + 1))));
        return list;
    }

    /** A live channel of this endpoint (e.g. the agent leg of PJSIP/1001), for ChanSpy. */
    Channel channelOfDevice(String device) {
        for (Channel c : liveChannels()) {
            if (c.name.startsWith(device + "-") && !c.hungUp) {
                return c;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ dialplan

    /** Where {@code context,exten} leads in Griot's dialplan; null when the extension does not exist. */
    Location locationFor(String context, String exten) {
        if (context == null || exten == null) {
            return null;
        }
        String ctx = context.trim();
        String ext = exten.trim();
        if (ctx.equals(config.inboundContext) || ctx.equals(CONTEXT_AGENTS) && config.dialplan.containsKey(ext)) {
            String url = config.dialplan.get(ext);
            return url == null ? null : new Location(Location.Kind.AGI, ctx, ext, "AGI", url, null);
        }
        switch (ctx) {
            case CONTEXT_HOLD:
                return new Location(Location.Kind.HOLD, ctx, ext, "MusicOnHold", "default", null);
            case CONTEXT_ANNOUNCE:
                // AGI(agi://${GRIOT_AGI_HOST}:4573/queue-position), then GRIOT_NEXT (griot-hold)
                return new Location(Location.Kind.AGI, ctx, ext, "AGI",
                        "agi://" + config.fastAgiHost + ":" + config.fastAgiPort + "/queue-position", null);
            case CONTEXT_CONNECT:
                return new Location(Location.Kind.CONNECT, ctx, ext, "Dial",
                        "PJSIP/" + ext + "," + config.connectTimeout.toSeconds(), phone(ext));
            case CONTEXT_AGENTS:
                return new Location(Location.Kind.CONNECT, ctx, ext, "Dial",
                        "PJSIP/" + ext + "," + config.connectTimeout.toSeconds(), phone(ext));
            case CONTEXT_OUTBOUND:
                if (ext.equals("callback")) {
                    // exten => callback,1,...AGI(agi://${GRIOT_AGI_HOST}:4573/callback), then GRIOT_NEXT
                    return new Location(Location.Kind.AGI, ctx, ext, "AGI",
                            "agi://" + config.fastAgiHost + ":" + config.fastAgiPort + "/" + ext, null);
                }
                return new Location(Location.Kind.CONNECT, ctx, ext, "Dial",
                        "PJSIP/" + ext + "@trunk," + config.connectTimeout.toSeconds(), customer(ext));
            case CONTEXT_SPY:
                return new Location(Location.Kind.SPY, ctx, ext, "ChanSpy", "PJSIP/" + ext + ",q", null);
            default:
                return null;
        }
    }

    // ------------------------------------------------------------------ events

    AmiMessage newEvent(String name, String eventClass) {
        return AmiMessage.event(name).add("Privilege", eventClass + ",all").add("Timestamp", timestamp());
    }

    /** Records the event (globally and on the calls of the given channels) and sends it to AMI sessions. */
    void publish(AmiMessage event, String eventClass, Channel... related) {
        synchronized (emitOrder) {
            events.add(event);
            SimulatedCall last = null;
            for (Channel c : related) {
                SimulatedCall call = c == null ? null : c.call;
                if (call != null && call != last) {
                    call.events.add(event);
                    last = call;
                }
            }
            AmiServer server = ami;
            if (server != null) {
                server.broadcast(event, eventClass);
            }
        }
    }

    void channelEvent(String name, String eventClass, Channel c, Consumer<AmiMessage> extra) {
        AmiMessage m = newEvent(name, eventClass);
        c.appendBlock(m, "");
        if (extra != null) {
            extra.accept(m);
        }
        publish(m, eventClass, c);
    }

    void newchannel(Channel c) {
        channelEvent("Newchannel", "call", c, null);
    }

    void newstate(Channel c, int state) {
        c.state = state;
        channelEvent("Newstate", "call", c, null);
    }

    void newexten(Channel c, String context, String exten, int priority, String app, String appData) {
        c.context = context;
        c.exten = exten;
        c.priority = priority;
        c.application = app;
        c.applicationData = appData;
        channelEvent("Newexten", "dialplan", c, m -> m.add("Extension", exten).add("Application", app).add("AppData", appData));
    }

    void varSet(Channel c, String variable, String value) {
        c.variables.put(variable, value);
        channelEvent("VarSet", "dialplan", c, m -> m.add("Variable", variable).add("Value", value));
    }

    void dtmf(Channel c, char digit) {
        channelEvent("DTMFBegin", "dtmf", c, m -> m.add("Digit", digit).add("Direction", "Received"));
        channelEvent("DTMFEnd", "dtmf", c, m -> m.add("Digit", digit).add("DurationMs", 280).add("Direction", "Received"));
    }

    /** Two-channel events (DialBegin/State/End): caller block (if any), then the Dest block. */
    void dialEvent(String name, Channel caller, Channel dest, Consumer<AmiMessage> extra) {
        AmiMessage m = newEvent(name, "call");
        if (caller != null) {
            caller.appendBlock(m, "");
        }
        dest.appendBlock(m, "Dest");
        if (extra != null) {
            extra.accept(m);
        }
        publish(m, "call", caller, dest);
    }

    void bridgeEvent(String name, Bridge bridge, Channel c) {
        AmiMessage m = newEvent(name, "call");
        bridge.appendBlock(m);
        if (c != null) {
            c.appendBlock(m, "");
        }
        publish(m, "call", bridge.participants.toArray(new Channel[0]));
    }

    void spyEvent(String name, Channel spyer, Channel spyee) {
        AmiMessage m = newEvent(name, "call");
        spyer.appendBlock(m, "Spyer");
        spyee.appendBlock(m, "Spyee");
        publish(m, "call", spyer, spyee);
    }

    void deviceStateChange(String device, String state) {
        AmiMessage m = newEvent("DeviceStateChange", "call").add("Device", device).add("State", state);
        publish(m, "call");
    }

    void contactStatus(AgentPhone phone, String status) {
        AmiMessage m = newEvent("ContactStatus", "system")
                .add("URI", "sip:" + phone.endpoint + "@127.0.0.1:5060")
                .add("ContactStatus", status)
                .add("AOR", phone.endpoint)
                .add("EndpointName", phone.endpoint);
        if (!"Removed".equals(status)) {
            m.add("RoundtripUsec", "Reachable".equals(status) ? "1254" : "0");
        }
        publish(m, "system");
    }

    AmiMessage successfulAuthEvent(String user, Socket socket) {
        String now = EVENT_TV.format(Instant.now());
        return newEvent("SuccessfulAuth", "security")
                .add("EventTV", now).add("Severity", "Informational").add("Service", "AMI").add("EventVersion", 1)
                .add("AccountID", user).add("SessionID", String.format("0x%x", System.identityHashCode(socket)))
                .add("LocalAddress", "IPV4/TCP/127.0.0.1/" + socket.getLocalPort())
                .add("RemoteAddress", "IPV4/TCP/127.0.0.1/" + socket.getPort())
                .add("UsingPassword", 0).add("SessionTV", now);
    }

    List<AmiMessage> allEvents() {
        synchronized (emitOrder) {
            return List.copyOf(events);
        }
    }

    // ------------------------------------------------------------------ AMI actions

    /** Answers an action (response first, then list items); null for an unknown action. */
    List<AmiMessage> handleAction(String action, AmiMessage m) {
        String id = m.get("ActionID");
        switch (action) {
            case "corestatus":
                return List.of(coreStatus(id));
            case "coresettings":
                return List.of(coreSettings(id));
            case "command":
                return List.of(command(id, m.get("Command")));
            case "coreshowchannels":
                return coreShowChannels(id);
            case "status":
                return status(id, m.get("Channel"), m.get("Variables"));
            case "originate":
                return List.of(originate(m, id));
            case "redirect":
                return List.of(redirect(m, id));
            case "hangup":
                return hangupAction(m, id);
            case "bridge":
                return List.of(bridgeAction(m, id));
            case "getvar":
                return List.of(getvar(m, id));
            case "setvar":
                return List.of(setvar(m, id));
            case "mixmonitor":
                return List.of(mixMonitor(m, id));
            case "stopmixmonitor":
                return List.of(stopMixMonitor(m, id));
            case "mixmonitormute":
                return List.of(mixMonitorMute(m, id));
            default:
                return null;
        }
    }

    static AmiMessage error(String actionId, String message) {
        return AmiMessage.response("Error", actionId).add("Message", message);
    }

    static AmiMessage success(String actionId, String message) {
        return AmiMessage.response("Success", actionId).add("Message", message);
    }

    private AmiMessage coreStatus(String id) {
        java.time.LocalDateTime start = java.time.LocalDateTime.ofInstant(Instant.ofEpochMilli(startedAtMillis), ZoneOffset.UTC);
        long calls = channels.values().stream().map(c -> c.linkedid).distinct().count();
        return AmiMessage.response("Success", id)
                .add("CoreStartupDate", start.toLocalDate())
                .add("CoreStartupTime", start.toLocalTime().withNano(0))
                .add("CoreReloadDate", start.toLocalDate())
                .add("CoreReloadTime", start.toLocalTime().withNano(0))
                .add("CoreCurrentCalls", calls)
                .add("CoreProcessedCalls", processedCalls.get());
    }

    private AmiMessage coreSettings(String id) {
        return AmiMessage.response("Success", id)
                .add("AMIversion", "11.0.0").add("AsteriskVersion", "22.10.1").add("SystemName", "")
                .add("CoreMaxCalls", 0).add("CoreMaxLoadAvg", "0.000000").add("CoreRunUser", "").add("CoreRunGroup", "")
                .add("CoreMaxFilehandles", 0).add("CoreRealTimeEnabled", "No").add("CoreCDRenabled", "Yes")
                .add("CoreHTTPenabled", "No").add("SoundsSearchCustomDir", "No");
    }

    private AmiMessage command(String id, String command) {
        String cmd = command == null ? "" : command.trim();
        if (cmd.equalsIgnoreCase("core show version")) {
            return AmiMessage.response("Success", id).add("Message", "Command output follows")
                    .add("Output", "Asterisk 22.10.1 built by griot @ fake-asterisk on a x86_64 running Linux on 2026-11-25 21:36:23 UTC");
        }
        if (cmd.equalsIgnoreCase("core show channels")) {
            List<Channel> live = liveChannels();
            AmiMessage r = AmiMessage.response("Success", id).add("Message", "Command output follows")
                    .add("Output", String.format(Locale.ROOT, "%-64s %-32s %-7s %-30s", "Channel", "Location", "State", "Application(Data)"));
            for (Channel c : live) {
                r.add("Output", String.format(Locale.ROOT, "%-64s %-32s %-7s %-30s", c.name,
                        c.exten + "@" + c.context + ":" + c.priority, Channel.stateDesc(c.state), c.application + "(" + c.applicationData + ")"));
            }
            long calls = live.stream().map(c -> c.linkedid).distinct().count();
            return r.add("Output", live.size() + " active channel" + (live.size() == 1 ? "" : "s"))
                    .add("Output", calls + " active call" + (calls == 1 ? "" : "s"))
                    .add("Output", processedCalls.get() + " calls processed");
        }
        String[] words = cmd.split("\\s+");
        String hint = words.length >= 2 ? words[0] + " " + words[1] : cmd;
        return AmiMessage.response("Error", id).add("Message", "Command output follows")
                .add("Output", "No such command '" + cmd + "' (type 'core show help " + hint + "' for other possible commands)");
    }

    private List<AmiMessage> coreShowChannels(String id) {
        List<AmiMessage> out = new ArrayList<>();
        out.add(AmiMessage.response("Success", id).add("EventList", "start").add("Message", "Channels will follow"));
        List<Channel> live = liveChannels();
        for (Channel c : live) {
            AmiMessage item = AmiMessage.event("CoreShowChannel");
            if (id != null) {
                item.add("ActionID", id);
            }
            c.appendBlock(item, "");
            Bridge b = c.bridge;
            item.add("Application", c.application).add("ApplicationData", c.applicationData)
                    .add("Duration", duration(c)).add("BridgeId", b == null ? "" : b.uniqueid);
            out.add(item);
        }
        AmiMessage complete = AmiMessage.event("CoreShowChannelsComplete");
        if (id != null) {
            complete.add("ActionID", id);
        }
        out.add(complete.add("EventList", "Complete").add("ListItems", live.size()));
        return out;
    }

    private List<AmiMessage> status(String id, String channelName, String variables) {
        List<Channel> selected;
        if (channelName != null && !channelName.trim().isEmpty() && !channelName.trim().equalsIgnoreCase("all")) {
            Channel c = channel(channelName);
            if (c == null) {
                return List.of(error(id, "No such channel"));
            }
            selected = List.of(c);
        } else {
            selected = liveChannels();
        }
        List<AmiMessage> out = new ArrayList<>();
        out.add(AmiMessage.response("Success", id).add("EventList", "start").add("Message", "Channel status will follow"));
        for (Channel c : selected) {
            // quirk kept from Asterisk 22: "Privilege: Call" and ActionID as the last header
            AmiMessage item = AmiMessage.event("Status").add("Privilege", "Call");
            c.appendBlock(item, "");
            Bridge b = c.bridge;
            long seconds = (System.currentTimeMillis() - c.createdAtMillis) / 1000;
            item.add("Type", c.type).add("DNID", c.dnid.equals("unknown") ? "" : c.dnid)
                    .add("EffectiveConnectedLineNum", Channel.orUnknown(c.connectedLineNum))
                    .add("EffectiveConnectedLineName", Channel.orUnknown(c.connectedLineName))
                    .add("TimeToHangup", 0).add("BridgeID", b == null ? "" : b.uniqueid)
                    .add("Application", c.application).add("Data", c.applicationData)
                    .add("Nativeformats", "(ulaw)").add("Readformat", "ulaw").add("Readtrans", "")
                    .add("Writeformat", "ulaw").add("Writetrans", "").add("Callgroup", 0).add("Pickupgroup", 0)
                    .add("Seconds", seconds);
            if (variables != null) {
                // As Asterisk 22: one "Variable: NAME=value" line per requested variable, empty when unset.
                for (String name : variables.split(",")) {
                    if (!name.isBlank()) {
                        String value = c.variables.get(name.trim());
                        item.add("Variable", name.trim() + "=" + (value == null ? "" : value));
                    }
                }
            }
            if (id != null) {
                item.add("ActionID", id);
            }
            out.add(item);
        }
        AmiMessage complete = AmiMessage.event("StatusComplete");
        if (id != null) {
            complete.add("ActionID", id);
        }
        out.add(complete.add("EventList", "Complete").add("ListItems", selected.size()).add("Items", selected.size()));
        return out;
    }

    private static String duration(Channel c) {
        long s = (System.currentTimeMillis() - c.createdAtMillis) / 1000;
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    private AmiMessage originate(AmiMessage m, String id) {
        String dial = trim(m.get("Channel"));
        if (dial == null || dial.isEmpty()) {
            return error(id, "Channel not specified");
        }
        OriginateRequest req = new OriginateRequest();
        req.actionId = id;
        req.dialString = dial;
        req.context = trim(m.get("Context"));
        req.exten = trim(m.get("Exten"));
        req.application = trim(m.get("Application"));
        req.data = m.get("Data");
        req.async = AmiSession.isTrue(m.get("Async"));
        String timeout = trim(m.get("Timeout"));
        try {
            req.timeout = Duration.ofMillis(timeout == null || timeout.isEmpty() ? 30_000 : Long.parseLong(timeout));
        } catch (NumberFormatException e) {
            return error(id, "Invalid timeout");
        }
        String callerId = m.get("CallerID");
        if (callerId != null) {
            parseCallerId(callerId.trim(), req);
        }
        for (String v : m.getAll("Variable")) {
            for (String pair : v.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    req.variables.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
                }
            }
        }
        if (req.application != null && !req.application.isEmpty()) {
            req.target = Location.application(req.application, req.data);
        } else {
            if (req.exten == null || req.context == null) {
                return error(id, "Extension does not exist.");
            }
            req.target = locationFor(req.context, req.exten);
            if (req.target == null) {
                return error(id, "Extension does not exist.");
            }
        }
        ChannelRunner runner = ChannelRunner.originated(this, req);
        runner.startThread();
        if (req.async) {
            return success(id, "Originate successfully queued");
        }
        int reason;
        try {
            reason = req.outcome.get(req.timeout.toMillis() * 1000 + 60_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            reason = 0;
        }
        return reason == 4 ? success(id, "Originate successfully queued") : error(id, "Originate failed");
    }

    private static void parseCallerId(String value, OriginateRequest req) {
        int lt = value.indexOf('<');
        int gt = value.indexOf('>', lt + 1);
        if (lt >= 0 && gt > lt) {
            req.callerIdNum = value.substring(lt + 1, gt).trim();
            String name = value.substring(0, lt).trim();
            if (name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2) {
                name = name.substring(1, name.length() - 1);
            }
            req.callerIdName = name;
        } else {
            req.callerIdNum = value;
        }
    }

    /** Publishes the OriginateResponse event of an async originate (failure shapes as Asterisk 22). */
    void originateResponse(OriginateRequest req, int reason, Channel channel) {
        if (!req.async) {
            return;
        }
        AmiMessage m = newEvent("OriginateResponse", "call");
        if (req.actionId != null) {
            m.add("ActionID", req.actionId);
        }
        boolean ok = reason == 4 && channel != null;
        m.add("Response", ok ? "Success" : "Failure").add("Channel", ok ? channel.name : req.dialString);
        if (req.application != null && !req.application.isEmpty()) {
            m.add("Application", req.application).add("Data", req.data == null ? "" : req.data);
        } else {
            m.add("Context", req.context).add("Exten", req.exten);
        }
        m.add("Reason", reason).add("Uniqueid", ok ? channel.uniqueid : "<unknown>")
                .add("CallerIDNum", ok ? Channel.orUnknown(channel.callerIdNum) : "<unknown>")
                .add("CallerIDName", ok ? Channel.orUnknown(channel.callerIdName) : "<unknown>");
        publish(m, "call", channel);
    }

    private AmiMessage redirect(AmiMessage m, String id) {
        String name = trim(m.get("Channel"));
        if (name == null || name.isEmpty()) {
            return error(id, "Channel not specified");
        }
        Channel c = channel(name);
        if (c == null) {
            return error(id, "Channel does not exist: " + name);
        }
        String context = trim(m.get("Context"));
        String exten = trim(m.get("Exten"));
        Location target = locationFor(context, exten);
        ChannelRunner owner = c.owner;
        if (target == null || owner == null || owner.channel != c) {
            return error(id, "Redirect failed");
        }
        owner.redirect(target);
        return success(id, "Redirect successful");
    }

    private List<AmiMessage> hangupAction(AmiMessage m, String id) {
        String name = trim(m.get("Channel"));
        if (name == null || name.isEmpty()) {
            return List.of(error(id, "No channel specified"));
        }
        int cause = 16;
        String causeHeader = trim(m.get("Cause"));
        if (causeHeader != null && !causeHeader.isEmpty()) {
            try {
                cause = Integer.parseInt(causeHeader);
            } catch (NumberFormatException ignored) {
                // Asterisk ignores an unparsable cause
            }
        }
        if (name.length() > 2 && name.startsWith("/") && name.endsWith("/")) {
            return hangupByRegex(name.substring(1, name.length() - 1), cause, id);
        }
        Channel c = channel(name);
        if (c == null) {
            return List.of(error(id, "No such channel"));
        }
        hangupFromAmi(c, cause);
        return List.of(success(id, "Channel Hungup"));
    }

    private List<AmiMessage> hangupByRegex(String regex, int cause, String id) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return List.of(error(id, "Invalid regex"));
        }
        List<AmiMessage> out = new ArrayList<>();
        out.add(AmiMessage.response("Success", id).add("EventList", "start").add("Message", "Channels hung up will follow"));
        int n = 0;
        for (Channel c : liveChannels()) {
            if (pattern.matcher(c.name).find()) {
                AmiMessage item = AmiMessage.event("ChannelHungup");
                if (id != null) {
                    item.add("ActionID", id);
                }
                out.add(item.add("Channel", c.name));
                hangupFromAmi(c, cause);
                n++;
            }
        }
        AmiMessage complete = AmiMessage.event("ChannelsHungupListComplete");
        if (id != null) {
            complete.add("ActionID", id);
        }
        out.add(complete.add("EventList", "Complete").add("ListItems", n));
        return out;
    }

    private void hangupFromAmi(Channel c, int cause) {
        ChannelRunner owner = c.owner;
        if (owner != null) {
            owner.hangupRequested(c, cause);
        } else {
            lock.lock();
            try {
                hangupChannel(c, cause, causeText(cause), null);
            } finally {
                lock.unlock();
            }
        }
    }

    private AmiMessage bridgeAction(AmiMessage m, String id) {
        String n1 = trim(m.get("Channel1"));
        String n2 = trim(m.get("Channel2"));
        if (n1 == null || n2 == null || n1.isEmpty() || n2.isEmpty()) {
            return error(id, "Missing channel parameter in request");
        }
        Channel c1 = channel(n1);
        if (c1 == null) {
            return error(id, "Channel1 does not exist: " + n1);
        }
        Channel c2 = channel(n2);
        if (c2 == null) {
            return error(id, "Channel2 does not exist: " + n2);
        }
        ChannelRunner r1 = c1.owner;
        ChannelRunner r2 = c2.owner;
        if (r1 == null || r2 == null || r1.channel != c1 || r2.channel != c2 || c1.bridge != null || c2.bridge != null) {
            return error(id, "Unable to bridge channels");
        }
        lock.lock();
        try {
            Bridge bridge = new Bridge().expecting(c1, c2);
            bridgeEvent("BridgeCreate", bridge, null);
            r1.redirect(Location.bridged(bridge));
            r2.redirect(Location.bridged(bridge));
            bridge.join(c1);
            bridgeEvent("BridgeEnter", bridge, c1);
            bridge.join(c2);
            bridgeEvent("BridgeEnter", bridge, c2);
            connectLines(c1, c2);
        } finally {
            lock.unlock();
        }
        return success(id, "Channels have been bridged");
    }

    static void connectLines(Channel a, Channel b) {
        a.connectedLineNum = b.callerIdNum;
        a.connectedLineName = b.callerIdName;
        b.connectedLineNum = a.callerIdNum;
        b.connectedLineName = a.callerIdName;
    }

    private AmiMessage getvar(AmiMessage m, String id) {
        String variable = trim(m.get("Variable"));
        if (variable == null || variable.isEmpty()) {
            return error(id, "No variable specified");
        }
        String name = trim(m.get("Channel"));
        String value;
        if (name != null && !name.isEmpty()) {
            Channel c = channel(name);
            if (c == null) {
                return error(id, "No such channel");
            }
            value = c.readVariable(variable);
        } else {
            value = globalVariables.get(variable);
        }
        return AmiMessage.response("Success", id).add("Variable", variable).add("Value", value == null ? "" : value);
    }

    private AmiMessage setvar(AmiMessage m, String id) {
        String variable = trim(m.get("Variable"));
        if (variable == null || variable.isEmpty()) {
            return error(id, "No variable specified");
        }
        String value = m.get("Value");
        String name = trim(m.get("Channel"));
        if (name != null && !name.isEmpty()) {
            Channel c = channel(name);
            if (c == null) {
                return error(id, "No such channel");
            }
            varSet(c, variable, value == null ? "" : value);
        } else {
            globalVariables.put(variable, value == null ? "" : value);
        }
        return success(id, "Variable Set");
    }

    private AmiMessage mixMonitor(AmiMessage m, String id) {
        Channel c = channel(m.get("Channel"));
        if (c == null) {
            return error(id, "No such channel");
        }
        String file = m.get("File");
        String options = m.get("Options") == null ? "" : m.get("Options");
        String mixId = String.format("0x%012x", System.identityHashCode(c) * 4096L + uniqueSeq.get());
        AmiMessage response = AmiMessage.response("Success", id);
        lock.lock();
        try {
            varSet(c, "MIXMONITOR_FILENAME", file == null ? "" : file);
            java.util.regex.Matcher idVar = Pattern.compile("i\\(([^)]*)\\)").matcher(options);
            if (idVar.find()) {
                varSet(c, idVar.group(1), mixId);
                response.add("MixMonitorID", mixId);
            }
            c.mixMonitorId = mixId;
            channelEvent("MixMonitorStart", "call", c, null);
        } finally {
            lock.unlock();
        }
        return response;
    }

    private AmiMessage stopMixMonitor(AmiMessage m, String id) {
        Channel c = channel(m.get("Channel"));
        if (c == null) {
            return error(id, "No such channel");
        }
        lock.lock();
        try {
            if (c.mixMonitorId == null) {
                return error(id, "Could not stop monitoring channel");
            }
            c.mixMonitorId = null;
            channelEvent("MixMonitorStop", "call", c, null);
        } finally {
            lock.unlock();
        }
        return AmiMessage.response("Success", id);
    }

    private AmiMessage mixMonitorMute(AmiMessage m, String id) {
        Channel c = channel(m.get("Channel"));
        if (c == null) {
            return error(id, "No such channel");
        }
        String direction = m.get("Direction") == null ? "both" : m.get("Direction");
        String state = m.get("State") == null ? "1" : m.get("State");
        channelEvent("MixMonitorMute", "call", c, e -> e.add("Direction", direction).add("State", state));
        return AmiMessage.response("Success", id);
    }

    static String causeText(int cause) {
        switch (cause) {
            case 0: return "Unknown";
            case 1: return "Unallocated (unassigned) number";
            case 16: return "Normal Clearing";
            case 17: return "User busy";
            case 18: return "No user responding";
            case 19: return "User alerting, no answer";
            case 21: return "Call Rejected";
            case 34: return "Circuit/channel congestion";
            default: return "Unknown";
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    /** What an AMI Originate asked for; {@link #outcome} completes with the Reason code. */
    static final class OriginateRequest {
        String actionId;
        String dialString;
        String context;
        String exten;
        String application;
        String data;
        boolean async;
        Duration timeout;
        String callerIdNum;
        String callerIdName;
        final Map<String, String> variables = new java.util.LinkedHashMap<>();
        Location target;
        final CompletableFuture<Integer> outcome = new CompletableFuture<>();
    }
}
