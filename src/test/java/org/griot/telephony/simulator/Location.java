package org.griot.telephony.simulator;

import java.util.Locale;

/** Where a channel is in the simulated dialplan: the few contexts Griot uses, or an application. */
final class Location {

    enum Kind { AGI, HOLD, CONNECT, SPY, APP, BRIDGED, DIALPLAN_END, HUNG_UP }

    static final Location DIALPLAN_END = new Location(Kind.DIALPLAN_END, null, null, null, null, null);
    static final Location HUNG_UP = new Location(Kind.HUNG_UP, null, null, null, null, null);

    final Kind kind;
    final String context;
    final String exten;
    final String app;
    final String data;
    final Callee callee;
    volatile Bridge bridge;

    Location(Kind kind, String context, String exten, String app, String data, Callee callee) {
        this.kind = kind;
        this.context = context;
        this.exten = exten;
        this.app = app;
        this.data = data;
        this.callee = callee;
    }

    /** The location an {@code Application=} Originate runs (no dialplan context of its own). */
    static Location application(String app, String data) {
        String name = app.trim();
        String lower = name.toLowerCase(Locale.ROOT);
        String d = data == null ? "" : data;
        switch (lower) {
            case "agi":
                return new Location(Kind.AGI, null, null, "AGI", d, null);
            case "chanspy":
                return new Location(Kind.SPY, null, null, "ChanSpy", d, null);
            case "musiconhold":
                return new Location(Kind.HOLD, null, null, "MusicOnHold", d, null);
            default:
                return new Location(Kind.APP, null, null, name, d, null);
        }
    }

    static Location bridged(Bridge bridge) {
        Location l = new Location(Kind.BRIDGED, null, null, null, null, null);
        l.bridge = bridge;
        return l;
    }

    boolean isEnd() {
        return kind == Kind.DIALPLAN_END || kind == Kind.HUNG_UP;
    }

    @Override
    public String toString() {
        return kind + (context == null ? "" : " " + context + "," + exten) + (app == null ? "" : " " + app + "(" + data + ")");
    }
}
