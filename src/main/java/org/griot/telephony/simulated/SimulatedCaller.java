package org.griot.telephony.simulated;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * How a simulated caller behaves: the key presses they make, in order, each consumed by the next
 * prompt or digit collection ("" = says nothing, lets it time out), and when they hang up.
 */
public final class SimulatedCaller {

    private final Deque<String> presses;
    private final int hangUpAfterCommands;

    private SimulatedCaller(List<String> presses, int hangUpAfterCommands) {
        this.presses = new ArrayDeque<>(presses);
        this.hangUpAfterCommands = hangUpAfterCommands;
    }

    /** A caller who presses these keys in turn and stays on the line until the script ends the call. */
    public static SimulatedCaller pressing(String... presses) {
        return new SimulatedCaller(List.of(presses), Integer.MAX_VALUE);
    }

    /** The same caller, who hangs up when the script sends its Nth command. */
    public SimulatedCaller hangingUpAtCommand(int command) {
        return new SimulatedCaller(List.copyOf(presses), command);
    }

    synchronized String nextPress() {
        return presses.isEmpty() ? "" : presses.poll();
    }

    synchronized String peekOrEmpty() {
        return presses.isEmpty() ? "" : presses.peek();
    }

    /** A barge-in digit is taken from the front of the next press; the rest stays for what follows. */
    synchronized void consumeFirstDigit() {
        String press = presses.poll();
        if (press != null && press.length() > 1) {
            presses.addFirst(press.substring(1));
        }
    }

    int hangUpAfterCommands() {
        return hangUpAfterCommands;
    }
}
