package org.griot.telephony.asterisk;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Logs a flood of refusals as two lines instead of thousands: the first refusal of a burst as it
 * happens, then, once no refusal came for {@code quiet}, one summary with the count per reason and the
 * sources seen. A flood must not fill the disk nor hide the rest of the log. Not thread-safe: one
 * owner thread (the FastAGI acceptor) calls it; {@link #tick} is called regularly by that thread.
 */
final class BurstLog {

    private static final int SOURCES_SHOWN = 5;

    private final String what;
    private final Duration quiet;
    private final Consumer<String> sink;

    private Instant started;
    private Instant last;
    private final Map<String, Integer> reasons = new TreeMap<>();
    private final Map<String, Integer> sources = new TreeMap<>();
    private int total;

    BurstLog(String what, Duration quiet, Consumer<String> sink) {
        this.what = what;
        this.quiet = quiet;
        this.sink = sink;
    }

    void refused(Instant now, String source, String reason) {
        tick(now);
        if (started == null) {
            started = now;
            sink.accept(what + " refused from " + source + " (" + reason + "); further refusals are counted until "
                    + quiet.toSeconds() + " s pass without one");
        }
        last = now;
        total++;
        reasons.merge(reason, 1, Integer::sum);
        sources.merge(source, 1, Integer::sum);
    }

    /** Ends the running burst with its summary once it has been quiet long enough. */
    void tick(Instant now) {
        if (started == null || Duration.between(last, now).compareTo(quiet) < 0) {
            return;
        }
        StringBuilder shown = new StringBuilder();
        sources.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(SOURCES_SHOWN)
                .forEach(entry -> shown.append(shown.length() == 0 ? "" : ", ").append(entry.getKey()).append(" ×")
                        .append(entry.getValue()));
        if (sources.size() > SOURCES_SHOWN) {
            shown.append(", and ").append(sources.size() - SOURCES_SHOWN).append(" more source(s)");
        }
        sink.accept(what + " refusal burst over: " + total + " refused in "
                + Duration.between(started, last).toMillis() + " ms, by reason " + reasons + ", from " + shown);
        started = null;
        last = null;
        total = 0;
        reasons.clear();
        sources.clear();
    }

    boolean inBurst() {
        return started != null;
    }
}
