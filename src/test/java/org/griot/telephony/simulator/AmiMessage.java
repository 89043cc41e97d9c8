package org.griot.telephony.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One AMI message (action, response or event) as an ordered list of headers: header order is part of
 * what Asterisk sends (e.g. {@code ActionID} last in {@code Status} items), so it is kept as received/built.
 */
public final class AmiMessage {

    private final List<Map.Entry<String, String>> headers = new ArrayList<>();

    AmiMessage() {
    }

    static AmiMessage event(String name) {
        return new AmiMessage().add("Event", name);
    }

    static AmiMessage response(String response, String actionId) {
        AmiMessage m = new AmiMessage().add("Response", response);
        if (actionId != null) {
            m.add("ActionID", actionId);
        }
        return m;
    }

    AmiMessage add(String name, Object value) {
        headers.add(Map.entry(name, value == null ? "" : String.valueOf(value)));
        return this;
    }

    /** First value of a header, compared case-insensitively as Asterisk does; null when absent. */
    public String get(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** All values of a repeated header (e.g. several {@code Variable:} lines of an Originate). */
    public List<String> getAll(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                values.add(h.getValue());
            }
        }
        return values;
    }

    /** The {@code Event:} name, or null for responses and actions. */
    public String eventName() {
        return get("Event");
    }

    public List<Map.Entry<String, String>> headers() {
        return Collections.unmodifiableList(headers);
    }

    boolean isEmpty() {
        return headers.isEmpty();
    }

    /** Wire form: one {@code Name: value} line per header, CRLF, and the blank line that ends a message. */
    public String toWire() {
        StringBuilder sb = new StringBuilder(headers.size() * 24);
        for (Map.Entry<String, String> h : headers) {
            sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    String lowerName() {
        String event = eventName();
        return event == null ? "" : event.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return toWire().replace("\r\n", " | ");
    }
}
