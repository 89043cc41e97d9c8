package org.griot.routing;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.Optional;
import org.griot.telephony.TelephonyEvent.HeldCall;

/**
 * After a restart (or a reconnection to the PBX): which callers the PBX still holds in Griot's
 * waiting area have no contact in the ACD, and what contact gives each its place back. A caller gets
 * one when their call never had a contact (Griot died between parking the call and writing the
 * contact, or the database was lost) or when its last contact was closed as abandoned while the PBX
 * kept the caller; never when the call was answered, handed to voicemail or a callback, which would
 * serve it twice. The order is the caller's arrival (the time Griot wrote on the call when it queued
 * it, else the channel's age), so nobody overtakes the callers who came before.
 */
final class HeldCallAdoption {

    static final String REASON = "re-adopted";
    private static final int DEFAULT_PRIORITY = 5;

    /**
     * A contact to create for a held call: the queue it goes to, and why. The caller's number and the
     * call data come from the PBX (the number from the caller's own signalling): what does not fit
     * the contact's columns or look like a number, a language, a skill is left out, never stored.
     */
    record Adopted(HeldCall call, String queue, int priority, String reason, String callerNumber, String language,
            List<String> skills) {
    }

    private HeldCallAdoption() {
    }

    /**
     * @param known         calls the ACD already has an open contact for
     * @param latestOutcome the outcome of a call's latest contact in MariaDB (empty: none, "": open)
     * @param queues        the queues that exist
     * @param defaultQueue  where a caller goes whose queue is unknown or gone
     */
    static List<Adopted> plan(List<HeldCall> held, Set<String> known, Function<String, Optional<String>> latestOutcome,
            Set<String> queues, String defaultQueue) {
        return held.stream()
                .filter(call -> !known.contains(call.call().value()))
                .filter(call -> latestOutcome.apply(call.call().value()).map("ABANDONED"::equals).orElse(true))
                .sorted(Comparator.comparing(HeldCall::waitingSince).thenComparing(call -> call.call().value(),
                        HeldCallAdoption::byUniqueId))
                .map(call -> {
                    boolean knownQueue = call.queue() != null && queues.contains(call.queue());
                    String reason = knownQueue ? REASON
                            : REASON + ":" + (call.queue() == null ? "no-queue" : "unknown-queue:" + call.queue());
                    int priority = call.priority() != null && call.priority() >= 1 && call.priority() <= 9 ? call.priority()
                            : DEFAULT_PRIORITY;
                    return new Adopted(call, knownQueue ? call.queue() : defaultQueue, priority, cut(reason, 64),
                            matching(call.callerNumber(), "[+0-9A-Za-z*#._-]{1,32}"),
                            matching(call.language(), "[a-z]{2,3}(-[A-Za-z]{2,3})?"), skills(call.skills()));
                })
                .toList();
    }

    private static String matching(String value, String pattern) {
        return value != null && value.matches(pattern) ? value : null;
    }

    private static String cut(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }

    /** Skills as the contact stores them (comma-joined, 255 characters at most). */
    private static List<String> skills(List<String> skills) {
        List<String> kept = new java.util.ArrayList<>();
        int length = 0;
        for (String skill : skills) {
            if (skill.matches("[A-Za-z0-9:_.-]{1,64}") && length + skill.length() + 1 <= 256) {
                kept.add(skill);
                length += skill.length() + 1;
            }
        }
        return List.copyOf(kept);
    }

    /** Asterisk's unique ids are "epoch.sequence": compared as numbers, so "…​.10" comes after "…​.9". */
    static int byUniqueId(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].matches("\\d{1,18}") && y[i].matches("\\d{1,18}") ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]))
                    : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
