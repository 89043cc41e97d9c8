package org.griot.telephony.asterisk;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Who may open FastAGI connections, and how many each source may hold at once. The allow-list takes
 * IP literals and CIDR ranges only: a host name would make every accepted connection depend on DNS,
 * and a name that resolves elsewhere tomorrow would silently open the door. Empty = any source.
 */
final class AgiSourcePolicy {

    /** Why a connection was not accepted. */
    enum Verdict { ACCEPTED, NOT_ALLOWED, SOURCE_LIMIT }

    // Digits, hex, dots and colons only: InetAddress then parses a literal and never asks DNS.
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f.:]+");

    private final List<Range> allowed;
    private final int maxPerSource;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

    AgiSourcePolicy(List<String> allowedSources, int maxPerSource) {
        if (maxPerSource <= 0) {
            throw new IllegalArgumentException("griot.telephony.agi.max-connections-per-source must be positive, not "
                    + maxPerSource);
        }
        List<Range> ranges = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String source : allowedSources) {
            try {
                ranges.add(Range.parse(source));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("griot.telephony.agi.allowed-sources: " + String.join("; ", problems));
        }
        this.allowed = List.copyOf(ranges);
        this.maxPerSource = maxPerSource;
    }

    boolean isAllowed(InetAddress source) {
        return allowed.isEmpty() || allowed.stream().anyMatch(range -> range.contains(source));
    }

    /** Counts a new connection from {@code source} unless refused; an accepted one must be {@link #release}d. */
    Verdict admit(InetAddress source) {
        if (!isAllowed(source)) {
            return Verdict.NOT_ALLOWED;
        }
        boolean[] admitted = {false};
        open.compute(source, (address, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerSource) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        return admitted[0] ? Verdict.ACCEPTED : Verdict.SOURCE_LIMIT;
    }

    void release(InetAddress source) {
        open.computeIfPresent(source, (address, count) -> count <= 1 ? null : count - 1);
    }

    int openFrom(InetAddress source) {
        return open.getOrDefault(source, 0);
    }

    /** An address and a prefix length (the whole address when written without "/bits"). */
    record Range(byte[] network, int bits) {

        static Range parse(String text) {
            String value = text.strip();
            int slash = value.indexOf('/');
            String address = slash < 0 ? value : value.substring(0, slash);
            if (address.isEmpty() || !IP_LITERAL.matcher(address).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range (host names are not accepted)");
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range");
            }
            int max = bytes.length * 8;
            int bits = max;
            if (slash >= 0) {
                String prefix = value.substring(slash + 1);
                if (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > max) {
                    throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + max);
                }
                bits = Integer.parseInt(prefix);
            }
            return new Range(bytes, bits);
        }

        boolean contains(InetAddress candidate) {
            byte[] other = candidate.getAddress();
            if (other.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (other[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (other[full] & mask) == (network[full] & mask);
        }
    }
}
