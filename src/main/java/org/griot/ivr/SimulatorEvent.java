package org.griot.ivr;

import java.util.Map;

/**
 * Something that happened on a simulated call, as the simulator page receives it: {@code id} counts
 * from 1 in the call (the page resumes after the last one it saw), {@code type} is one of call,
 * answered, process, step, prompt, say, waiting, key, digits, data, hangup, timeout, ended.
 */
record SimulatorEvent(long id, String type, Map<String, Object> data) {

    SimulatorEvent {
        data = Map.copyOf(data);
    }
}
