package org.griot.telephony.simulator;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FastAGI side of one AGI() execution: connects out to the FastAGI server, sends the agi_
 * environment, then answers each command line as res_agi does (LF-terminated), with caller input
 * taken from the {@link CallScript} and time taken in simulated seconds.
 */
final class FastAgiSession {

    private static final String DEAD = "511 Command Not Permitted on a dead channel or intercept routine";
    private static final int MAX_LINE = 2048;
    private static final Set<String> ALLOWED_WHEN_DEAD = Set.of("GET VARIABLE", "GET FULL VARIABLE", "SET VARIABLE",
            "VERBOSE", "NOOP", "EXEC", "HANGUP", "ASYNCAGI BREAK", "DATABASE GET", "DATABASE PUT", "DATABASE DEL",
            "DATABASE DELTREE", "SET CONTEXT", "SET EXTENSION", "SET PRIORITY");
    /** Dialplan applications EXEC accepts; anything else answers -2 like a missing application. */
    private static final Set<String> KNOWN_APPS = Set.of("playback", "background", "wait", "noop", "set", "answer",
            "hangup", "musiconhold", "startmusiconhold", "stopmusiconhold", "dial", "queue", "goto", "gotoif", "verbose",
            "record", "saydigits", "saynumber", "sayalpha", "chanspy", "mixmonitor", "stopmixmonitor", "read", "echo",
            "gosub", "return", "progress", "ringing", "busy", "congestion", "playtones", "stopplaytones", "senddtmf",
            "log", "userevent", "system", "agi", "monitor", "waitexten", "sendtext", "festival");
    private static final Map<String, String> DATABASE = new ConcurrentHashMap<>();

    private final ChannelRunner runner;
    private final Pbx pbx;
    private final String appData;
    private final Channel channel;
    private final SimulatedCall call;
    private final CallScript script;
    private Socket socket;
    private OutputStream out;
    // guarded by pbx.lock
    private boolean executing;
    private boolean hangupSent;
    private boolean failed;
    private int commands;

    FastAgiSession(ChannelRunner runner, String appData) {
        this.runner = runner;
        this.pbx = runner.pbx;
        this.appData = appData == null ? "" : appData;
        this.channel = runner.channel;
        this.call = runner.call;
        this.script = runner.script;
    }

    // ------------------------------------------------------------------ session

    void run() {
        List<String> parts = splitAppArgs(appData);
        String url = parts.isEmpty() ? "" : parts.get(0);
        List<String> env;
        try {
            env = environment(url, parts.subList(Math.min(1, parts.size()), parts.size()));
            connect(url);
        } catch (IOException | IllegalArgumentException e) {
            if (call != null) {
                call.failure = "FastAGI connection to " + url + " failed: " + e.getMessage();
            }
            agiStatus("FAILURE");
            return;
        }
        try (Socket s = socket) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            writeEnvironment(env);
            String line;
            while ((line = readLine(in)) != null) {
                if (!onCommand(line)) {
                    return;
                }
            }
            // server closed (or half-closed) its side: Asterisk answers HANGUP, then closes
            writeLine("HANGUP");
        } catch (IOException e) {
            // reset by the server: nothing more to say on this socket
        } finally {
            boolean hungUp;
            pbx.lock.lock();
            try {
                hungUp = runner.isHungUpLocked();
            } finally {
                pbx.lock.unlock();
            }
            agiStatus(hungUp ? "HANGUP" : failed ? "FAILURE" : "SUCCESS");
        }
    }

    private void connect(String url) throws IOException {
        URI uri = URI.create(url.trim());
        if (!"agi".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not an agi:// URL: " + url);
        }
        String host = pbx.config.fastAgiHost != null ? pbx.config.fastAgiHost : uri.getHost();
        int port = pbx.config.fastAgiHost != null ? pbx.config.fastAgiPort : uri.getPort() > 0 ? uri.getPort() : 4573;
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), 5000);
        socket = s;
        out = s.getOutputStream();
    }

    private List<String> environment(String url, List<String> args) {
        String afterHost = url.replaceFirst("^[a-zA-Z]+://[^/]*/?", "");
        List<String> env = new ArrayList<>();
        env.add("agi_network: yes");
        env.add("agi_network_script: " + afterHost);
        env.add("agi_request: " + url);
        env.add("agi_channel: " + channel.name);
        env.add("agi_language: " + channel.language);
        env.add("agi_type: " + channel.type);
        env.add("agi_uniqueid: " + channel.uniqueid);
        env.add("agi_version: 22.10.1");
        env.add("agi_callerid: " + orUnknown(channel.callerIdNum));
        env.add("agi_calleridname: " + orUnknown(channel.callerIdName));
        env.add("agi_callingpres: 0");
        env.add("agi_callingani2: 0");
        env.add("agi_callington: 0");
        env.add("agi_callingtns: 0");
        env.add("agi_dnid: " + orUnknown(channel.dnid));
        env.add("agi_rdnis: unknown");
        env.add("agi_context: " + channel.context);
        env.add("agi_extension: " + channel.exten);
        env.add("agi_priority: " + channel.priority);
        env.add("agi_enhanced: 0.0");
        env.add("agi_accountcode: " + channel.accountCode);
        env.add("agi_threadid: " + ThreadLocalRandom.current().nextLong(139_000_000_000_000L, 140_999_999_999_999L));
        for (int i = 0; i < args.size(); i++) {
            env.add("agi_arg_" + (i + 1) + ": " + args.get(i));
        }
        return env;
    }

    private static String orUnknown(String v) {
        return v == null || v.isEmpty() || "<unknown>".equals(v) ? "unknown" : v;
    }

    private void writeEnvironment(List<String> env) throws IOException {
        if (call != null) {
            call.agiEnvironment.addAll(env);
        }
        // Asterisk sends the block in several segments; send it in two to exercise the server's framing
        int split = Math.min(17, env.size());
        StringBuilder first = new StringBuilder();
        for (String l : env.subList(0, split)) {
            first.append(l).append('\n');
        }
        StringBuilder second = new StringBuilder();
        for (String l : env.subList(split, env.size())) {
            second.append(l).append('\n');
        }
        second.append('\n');
        synchronized (this) {
            out.write(first.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            out.write(second.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** Splits {@code AGI(url,arg1,arg2,,arg4)} data: empty arguments are kept. */
    static List<String> splitAppArgs(String data) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= data.length(); i++) {
            if (i == data.length() || data.charAt(i) == ',') {
                parts.add(data.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length;
                if (len > 0 && bytes[len - 1] == '\r') {
                    len--;
                }
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            if (line.size() < MAX_LINE) {
                line.write(b);
            }
        }
        return line.size() > 0 ? new String(line.toByteArray(), StandardCharsets.UTF_8) : null;
    }

    /** One command: AGIExecStart, the reply, AGIExecEnd; false when the session must end now (faults). */
    private boolean onCommand(String line) throws IOException {
        if (call != null) {
            call.agiCommands.add(line);
        }
        int n = ++commands;
        if (script != null && script.closeAgiAfterCommands >= 0 && n > script.closeAgiAfterCommands) {
            socket.close();
            return false;
        }
        if (script != null && script.stopRespondingAfterCommands >= 0 && n > script.stopRespondingAfterCommands) {
            runner.pause(null);
            return false;
        }
        boolean dead;
        pbx.lock.lock();
        try {
            executing = true;
            dead = hangupSent || runner.isHungUpLocked();
        } finally {
            pbx.lock.unlock();
        }
        String commandId = String.valueOf(ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE));
        pbx.lock.lock();
        try {
            pbx.channelEvent("AGIExecStart", "agi", channel, m -> m.add("CommandId", commandId).add("Command", line));
        } finally {
            pbx.lock.unlock();
        }
        Reply reply;
        try {
            reply = execute(AgiCommandLine.parse(line), dead);
        } catch (RuntimeException e) {
            reply = Reply.usage(List.of("Invalid arguments."));
        }
        Reply r = reply;
        pbx.lock.lock();
        try {
            pbx.channelEvent("AGIExecEnd", "agi", channel, m -> m.add("CommandId", commandId).add("Command", line)
                    .add("ResultCode", r.resultCode).add("Result", r.resultText));
        } finally {
            pbx.lock.unlock();
        }
        if (script != null && script.rawReplyAfterCommands >= 0 && n == script.rawReplyAfterCommands + 1) {
            writeRaw(script.rawReply);
        } else {
            for (String l : reply.lines) {
                writeLine(l);
            }
        }
        runner.hangUpIfDue();
        pbx.lock.lock();
        try {
            executing = false;
            if ((runner.isHungUpLocked() || runner.hasPendingRedirectLocked()) && !hangupSent) {
                // after a command interrupted by a hangup, Asterisk sends HANGUP on its own line
                hangupSent = true;
                writeLine("HANGUP");
            }
        } finally {
            pbx.lock.unlock();
        }
        return true;
    }

    /** Called under pbx.lock when the channel is hung up or redirected. */
    void notifyHangupLocked() {
        if (!executing && !hangupSent && out != null) {
            hangupSent = true;
            try {
                writeLine("HANGUP");
            } catch (IOException ignored) {
                // the server is gone already
            }
        }
    }

    private void writeLine(String line) throws IOException {
        writeRaw(line + "\n");
        if (call != null) {
            call.agiReplies.add(line);
        }
    }

    private synchronized void writeRaw(String raw) throws IOException {
        if (socket == null || socket.isClosed() || socket.isOutputShutdown()) {
            return;
        }
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void agiStatus(String status) {
        pbx.lock.lock();
        try {
            pbx.varSet(channel, "AGISTATUS", status);
        } finally {
            pbx.lock.unlock();
        }
    }

    // ------------------------------------------------------------------ commands

    /** A reply: the lines sent and what AGIExecEnd reports. */
    static final class Reply {
        final List<String> lines;
        final String resultCode;
        final String resultText;

        Reply(List<String> lines, String resultCode, String resultText) {
            this.lines = lines;
            this.resultCode = resultCode;
            this.resultText = resultText;
        }

        static Reply ok(String line) {
            return new Reply(List.of(line), "200", "Success");
        }

        static Reply failure(String line) {
            return new Reply(List.of(line), "-1", "Failure");
        }

        static Reply usage(List<String> usage) {
            List<String> lines = new ArrayList<>();
            lines.add("520-Invalid command syntax.  Proper usage follows:");
            lines.addAll(usage);
            lines.add("520 End of proper usage.");
            return new Reply(lines, "520", "Usage");
        }
    }

    private Reply execute(AgiCommandLine cmd, boolean dead) {
        if (cmd.command == null) {
            return new Reply(List.of("510 Invalid or unknown command"), "510", "Invalid or unknown command");
        }
        if (dead && !ALLOWED_WHEN_DEAD.contains(cmd.command)) {
            return new Reply(List.of(DEAD), "511", "Command Not Permitted on a dead channel or intercept routine");
        }
        int argc = cmd.argc();
        switch (cmd.command) {
            case "ANSWER":
                if (argc != 1) {
                    return usage(cmd);
                }
                answer();
                return Reply.ok("200 result=0");
            case "STREAM FILE":
            case "CONTROL STREAM FILE":
                if (argc < 4 || argc > 9 || "STREAM FILE".equals(cmd.command) && argc > 5) {
                    return usage(cmd);
                }
                return streamFile(cmd.command.startsWith("CONTROL") ? cmd.arg(3) : cmd.arg(2),
                        cmd.command.startsWith("CONTROL") ? cmd.arg(4) : cmd.arg(3), true, null);
            case "GET OPTION":
                if (argc < 4 || argc > 5) {
                    return usage(cmd);
                }
                return streamFile(cmd.arg(2), cmd.arg(3), true, Duration.ofMillis(parseLong(cmd.arg(4), 5000)));
            case "GET DATA":
                if (argc < 3 || argc > 5) {
                    return usage(cmd);
                }
                return getData(cmd.arg(2), parseLong(cmd.arg(3), 0), (int) parseLong(cmd.arg(4), 1024));
            case "WAIT FOR DIGIT":
                if (argc != 4) {
                    return usage(cmd);
                }
                return waitForDigit(parseLong(cmd.arg(3), -1));
            case "SAY DIGITS":
            case "SAY NUMBER":
            case "SAY ALPHA":
            case "SAY PHONETIC":
                if (argc < 4 || argc > 5 || "SAY NUMBER".equals(cmd.command) && !cmd.arg(2).matches("-?\\d+")) {
                    return usage(cmd);
                }
                return say(cmd.arg(2), cmd.arg(3));
            case "SAY DATE":
            case "SAY TIME":
            case "SAY DATETIME":
                if (argc < 4) {
                    return usage(cmd);
                }
                return say("0000", cmd.arg(3));
            case "GET VARIABLE":
                if (argc != 3) {
                    return usage(cmd);
                }
                String value = channel.readVariable(cmd.arg(2));
                return Reply.ok(value == null ? "200 result=0" : "200 result=1 (" + value + ")");
            case "GET FULL VARIABLE":
                if (argc < 4 || argc > 5) {
                    return usage(cmd);
                }
                return getFullVariable(cmd.arg(3), cmd.arg(4));
            case "SET VARIABLE":
                if (argc != 4) {
                    return usage(cmd);
                }
                setVariable(cmd.arg(2), cmd.arg(3));
                return Reply.ok("200 result=1");
            case "EXEC":
                if (argc < 2) {
                    return usage(cmd);
                }
                return exec(cmd, dead);
            case "CHANNEL STATUS":
                if (argc > 3) {
                    return usage(cmd);
                }
                if (argc == 3 && !cmd.arg(2).equals(channel.name)) {
                    Channel other = pbx.channel(cmd.arg(2));
                    return Reply.ok("200 result=" + (other == null ? -1 : other.state));
                }
                return Reply.ok("200 result=" + channel.state);
            case "VERBOSE":
                if (argc < 2 || argc > 3) {
                    return usage(cmd);
                }
                return Reply.ok("200 result=1");
            case "NOOP":
                return Reply.ok("200 result=0");
            case "SEND TEXT":
                if (argc != 3) {
                    return usage(cmd);
                }
                return Reply.ok("200 result=0");
            case "SEND IMAGE":
            case "TDD MODE":
            case "RECEIVE CHAR":
            case "SET AUTOHANGUP":
                if (argc != 3) {
                    return usage(cmd);
                }
                return Reply.ok("200 result=0");
            case "RECEIVE TEXT":
                return Reply.ok("200 result=-1");
            case "HANGUP":
                if (argc > 3) {
                    return usage(cmd);
                }
                if (argc == 3 && !cmd.arg(2).equals(channel.name)) {
                    return Reply.ok("200 result=-1");
                }
                runner.hangupRequested(channel, 16);
                return Reply.ok("200 result=1");
            case "SET MUSIC":
                if (argc < 3 || argc > 4) {
                    return usage(cmd);
                }
                setMusic("on".equalsIgnoreCase(cmd.arg(2)), cmd.arg(3));
                return Reply.ok("200 result=0");
            case "SET CONTEXT":
            case "SET EXTENSION":
            case "SET PRIORITY":
                if (argc != 3) {
                    return usage(cmd);
                }
                return Reply.ok("200 result=0");
            case "SET CALLERID":
                if (argc != 3) {
                    return usage(cmd);
                }
                channel.callerIdNum = cmd.arg(2);
                return Reply.ok("200 result=1");
            case "RECORD FILE":
                if (argc < 6) {
                    return usage(cmd);
                }
                return recordFile(cmd.arg(4), parseLong(cmd.arg(5), -1));
            case "DATABASE GET":
                if (argc != 4) {
                    return usage(cmd);
                }
                String stored = DATABASE.get(cmd.arg(2) + "/" + cmd.arg(3));
                return Reply.ok(stored == null ? "200 result=0" : "200 result=1 (" + stored + ")");
            case "DATABASE PUT":
                if (argc != 5) {
                    return usage(cmd);
                }
                DATABASE.put(cmd.arg(2) + "/" + cmd.arg(3), cmd.arg(4));
                return Reply.ok("200 result=1");
            case "DATABASE DEL":
                if (argc != 4) {
                    return usage(cmd);
                }
                return Reply.ok(DATABASE.remove(cmd.arg(2) + "/" + cmd.arg(3)) == null ? "200 result=0" : "200 result=1");
            case "DATABASE DELTREE":
                return Reply.ok("200 result=1");
            default:
                return Reply.ok("200 result=0");
        }
    }

    private Reply usage(AgiCommandLine cmd) {
        return Reply.usage(AgiUsage.of(cmd.command));
    }

    private static long parseLong(String s, long fallback) {
        if (s == null || s.trim().isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private void answer() {
        pbx.lock.lock();
        try {
            if (channel.state != Channel.STATE_UP) {
                pbx.newstate(channel, Channel.STATE_UP);
            }
        } finally {
            pbx.lock.unlock();
        }
    }

    private void setVariable(String name, String value) {
        pbx.lock.lock();
        try {
            pbx.varSet(channel, name, value);
        } finally {
            pbx.lock.unlock();
        }
    }

    private void setMusic(boolean on, String mohClass) {
        pbx.lock.lock();
        try {
            if (on) {
                pbx.channelEvent("MusicOnHoldStart", "call", channel, m -> m.add("Class", mohClass == null ? "default" : mohClass));
            } else {
                pbx.channelEvent("MusicOnHoldStop", "call", channel, null);
            }
        } finally {
            pbx.lock.unlock();
        }
    }

    private Reply getFullVariable(String expression, String channelName) {
        Channel target = channelName == null ? channel : pbx.channel(channelName);
        if (target == null) {
            return Reply.ok("200 result=0");
        }
        Matcher m = Pattern.compile("\\$\\{([^}]*)}").matcher(expression);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = target.readVariable(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? "" : v));
        }
        m.appendTail(sb);
        return Reply.ok("200 result=1 (" + sb + ")");
    }

    // ------------------------------------------------------------------ media and DTMF (simulated time)

    /** One key press (or the scripted hang-up, digit 0) at a simulated offset from the command start. */
    private static final class Press {
        final char digit;
        final long atNanos;

        Press(char digit, long atNanos) {
            this.digit = digit;
            this.atNanos = atNanos;
        }

        boolean isHangup() {
            return digit == 0;
        }
    }

    private Duration promptLength(String file) {
        return pbx.config.promptDurations.getOrDefault(file, pbx.config.defaultPromptDuration);
    }

    private boolean missing(String file) {
        return file == null || file.isEmpty() || pbx.config.missingSoundFiles.contains(file);
    }

    /**
     * The key presses during a command: digits typed ahead first (at once), then — if the command
     * collects digits — the script's next step, and the scripted hang-up if this is that collection.
     */
    private List<Press> schedule(long promptNanos, boolean collecting, long windowNanos) {
        List<Press> presses = new ArrayList<>();
        for (char c : runner.typeAhead.toCharArray()) {
            presses.add(new Press(c, 0));
        }
        runner.typeAhead = "";
        if (!collecting) {
            return presses;
        }
        long first = pbx.config.firstDigitDelay.toNanos();
        long during = promptNanos > 0 ? Math.min(first, promptNanos / 2) : first;
        if (runner.countCollection()) {
            long at = windowNanos > 0 ? Math.min(during, windowNanos / 2) : during;
            presses.add(new Press((char) 0, at));
            return presses;
        }
        CallScript.Step step = runner.nextStep();
        if (step == null || step.kind == CallScript.StepKind.NO_INPUT) {
            return presses;
        }
        long at = step.kind == CallScript.StepKind.PRESS ? during : promptNanos + first;
        for (char c : step.digits.toCharArray()) {
            presses.add(new Press(c, at));
            at += pbx.config.interDigitDelay.toNanos();
        }
        return presses;
    }

    /** Simulated clock of the current command. */
    private long now;

    private boolean advanceTo(long atNanos) {
        if (atNanos <= now) {
            return true;
        }
        ChannelRunner.Wake w = runner.pause(Duration.ofNanos(atNanos - now));
        if (w == ChannelRunner.Wake.ELAPSED) {
            now = atNanos;
            return true;
        }
        return false;
    }

    private void keep(List<Press> presses, int from) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < presses.size(); i++) {
            if (!presses.get(i).isHangup()) {
                sb.append(presses.get(i).digit);
            }
        }
        runner.typeAhead = sb + runner.typeAhead;
    }

    private void press(char digit) {
        pbx.lock.lock();
        try {
            pbx.dtmf(channel, digit);
        } finally {
            pbx.lock.unlock();
        }
    }

    private static long endpos(long nanos) {
        return nanos * 8000 / 1_000_000_000L;
    }

    /** STREAM FILE / GET OPTION: play, interruptible by the escape digits. */
    private Reply streamFile(String file, String escape, boolean streamStyle, Duration optionTimeout) {
        now = 0;
        String escapes = escape == null ? "" : escape;
        if (missing(file)) {
            return Reply.failure("200 result=-1 endpos=0");
        }
        long len = promptLength(file).toNanos();
        long window = len + (optionTimeout == null ? 0 : optionTimeout.toNanos());
        List<Press> presses = schedule(len, !escapes.isEmpty(), window);
        for (int i = 0; i < presses.size(); i++) {
            Press p = presses.get(i);
            if (p.atNanos >= window) {
                keep(presses, i);
                break;
            }
            if (!advanceTo(p.atNanos)) {
                keep(presses, i);
                return Reply.ok("200 result=-1 endpos=" + endpos(Math.min(now, len)));
            }
            if (p.isHangup()) {
                runner.remoteHangup();
                return Reply.ok("200 result=-1 endpos=" + endpos(Math.min(now, len)));
            }
            press(p.digit);
            if (escapes.indexOf(p.digit) >= 0) {
                keep(presses, i + 1);
                if (now < len) {
                    setVariable("PLAYBACKSTATUS", "FAILED");
                }
                return Reply.ok("200 result=" + (int) p.digit + " endpos=" + endpos(Math.min(now, len)));
            }
        }
        if (!advanceTo(window)) {
            return Reply.ok("200 result=-1 endpos=" + endpos(Math.min(now, len)));
        }
        setVariable("PLAYBACKSTATUS", "SUCCESS");
        return Reply.ok("200 result=0 endpos=" + endpos(len));
    }

    /** SAY *: like a prompt of 0.6 s per character, interruptible by the escape digits, no endpos. */
    private Reply say(String what, String escape) {
        now = 0;
        String escapes = escape == null ? "" : escape;
        long len = Duration.ofMillis(600L * Math.max(1, what.length())).toNanos();
        List<Press> presses = schedule(len, !escapes.isEmpty(), len);
        for (int i = 0; i < presses.size(); i++) {
            Press p = presses.get(i);
            if (p.atNanos >= len) {
                keep(presses, i);
                break;
            }
            if (!advanceTo(p.atNanos)) {
                return Reply.ok("200 result=-1");
            }
            if (p.isHangup()) {
                runner.remoteHangup();
                return Reply.ok("200 result=-1");
            }
            press(p.digit);
            if (escapes.indexOf(p.digit) >= 0) {
                keep(presses, i + 1);
                return Reply.ok("200 result=" + (int) p.digit);
            }
        }
        return advanceTo(len) ? Reply.ok("200 result=0") : Reply.ok("200 result=-1");
    }

    /** GET DATA: prompt interrupted by the first digit; '#' ends input (excluded); timeout per digit. */
    private Reply getData(String file, long timeoutMs, int maxDigits) {
        now = 0;
        long len = missing(file) ? 0 : promptLength(file).toNanos();
        long timeout = Duration.ofMillis(timeoutMs <= 0 ? 5000 : timeoutMs).toNanos();
        int max = maxDigits <= 0 ? 1024 : maxDigits;
        List<Press> presses = schedule(len, true, len + timeout);
        StringBuilder digits = new StringBuilder();
        long lastDigit = -1;
        for (int i = 0; i < presses.size(); i++) {
            Press p = presses.get(i);
            long limit = lastDigit < 0 ? len + timeout : lastDigit + timeout;
            if (p.atNanos > limit) {
                keep(presses, i);
                break;
            }
            if (!advanceTo(p.atNanos)) {
                return Reply.ok("200 result=-1");
            }
            if (p.isHangup()) {
                runner.remoteHangup();
                return Reply.ok("200 result=-1");
            }
            press(p.digit);
            if (p.digit == '#') {
                keep(presses, i + 1);
                return Reply.ok("200 result=" + digits);
            }
            digits.append(p.digit);
            lastDigit = p.atNanos;
            if (digits.length() >= max) {
                keep(presses, i + 1);
                return Reply.ok("200 result=" + digits);
            }
        }
        long limit = lastDigit < 0 ? len + timeout : lastDigit + timeout;
        if (!advanceTo(limit)) {
            return Reply.ok("200 result=-1");
        }
        return Reply.ok("200 result=" + digits + " (timeout)");
    }

    private Reply waitForDigit(long timeoutMs) {
        now = 0;
        long timeout = timeoutMs < 0 ? Long.MAX_VALUE : Duration.ofMillis(timeoutMs).toNanos();
        List<Press> presses = schedule(0, true, timeoutMs < 0 ? 0 : timeout);
        if (!presses.isEmpty() && presses.get(0).atNanos <= timeout) {
            Press p = presses.get(0);
            if (!advanceTo(p.atNanos)) {
                return Reply.ok("200 result=-1");
            }
            if (p.isHangup()) {
                runner.remoteHangup();
                return Reply.ok("200 result=-1");
            }
            press(p.digit);
            keep(presses, 1);
            return Reply.ok("200 result=" + (int) p.digit);
        }
        keep(presses, 0);
        if (timeout == Long.MAX_VALUE) {
            runner.pause(null);
            return Reply.ok("200 result=-1");
        }
        return advanceTo(timeout) ? Reply.ok("200 result=0") : Reply.ok("200 result=-1");
    }

    private Reply recordFile(String escape, long timeoutMs) {
        now = 0;
        String escapes = escape == null ? "" : escape;
        long timeout = Duration.ofMillis(timeoutMs < 0 ? 30_000 : timeoutMs).toNanos();
        List<Press> presses = schedule(0, !escapes.isEmpty(), timeout);
        for (int i = 0; i < presses.size(); i++) {
            Press p = presses.get(i);
            if (p.atNanos > timeout) {
                keep(presses, i);
                break;
            }
            if (!advanceTo(p.atNanos)) {
                return Reply.ok("200 result=-1 (hangup) endpos=" + endpos(now));
            }
            if (p.isHangup()) {
                runner.remoteHangup();
                return Reply.ok("200 result=-1 (hangup) endpos=" + endpos(now));
            }
            press(p.digit);
            if (escapes.indexOf(p.digit) >= 0) {
                keep(presses, i + 1);
                return Reply.ok("200 result=" + (int) p.digit + " (dtmf) endpos=" + endpos(now));
            }
        }
        if (!advanceTo(timeout)) {
            return Reply.ok("200 result=-1 (hangup) endpos=" + endpos(now));
        }
        return Reply.ok("200 result=0 (timeout) endpos=" + endpos(timeout));
    }

    private Reply exec(AgiCommandLine cmd, boolean dead) {
        String app = cmd.arg(1);
        String data = cmd.argc() > 2 ? String.join(",", cmd.args.subList(2, cmd.argc())) : "";
        String lower = app.toLowerCase(Locale.ROOT);
        if (!KNOWN_APPS.contains(lower)) {
            return new Reply(List.of("200 result=-2"), "200", "Unknown Result");
        }
        if (dead) {
            return Reply.ok("200 result=-1");
        }
        now = 0;
        switch (lower) {
            case "playback":
            case "background": {
                String file = data.split(",")[0].split("&")[0];
                if (missing(file)) {
                    setVariable("PLAYBACKSTATUS", "FAILED");
                    return Reply.ok("200 result=0");
                }
                if (!advanceTo(promptLength(file).toNanos())) {
                    return Reply.ok("200 result=-1");
                }
                setVariable("PLAYBACKSTATUS", "SUCCESS");
                return Reply.ok("200 result=0");
            }
            case "wait":
                return advanceTo((long) (parseDouble(data) * 1e9)) ? Reply.ok("200 result=0") : Reply.ok("200 result=-1");
            case "musiconhold": {
                String[] parts = data.split(",");
                setMusic(true, parts.length > 0 && !parts[0].isEmpty() ? parts[0] : "default");
                boolean stayed = parts.length > 1 ? advanceTo((long) (parseDouble(parts[1]) * 1e9))
                        : runner.pause(null) == ChannelRunner.Wake.ELAPSED;
                setMusic(false, null);
                return Reply.ok(stayed ? "200 result=0" : "200 result=-1");
            }
            case "set": {
                int eq = data.indexOf('=');
                if (eq > 0) {
                    setVariable(data.substring(0, eq), data.substring(eq + 1));
                }
                return Reply.ok("200 result=0");
            }
            case "answer":
                answer();
                return Reply.ok("200 result=0");
            case "hangup":
                runner.hangupRequested(channel, 16);
                return Reply.ok("200 result=-1");
            default:
                return Reply.ok("200 result=0");
        }
    }

    private static double parseDouble(String s) {
        try {
            return Double.parseDouble(s.split(",")[0].trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
