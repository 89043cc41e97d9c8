package org.griot.telephony;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What is known of a call when its script starts: who calls, what they dialed, which script serves
 * it (with the query parameters and arguments the dialplan passed), the PBX channel name.
 */
public record CallInfo(CallId callId, String callerNumber, String callerName, String dialedNumber, String script,
        Map<String, String> parameters, List<String> arguments, String language, String channel, Instant arrivedAt) {

    public CallInfo {
        parameters = Map.copyOf(parameters);
        arguments = List.copyOf(arguments);
    }

    /** True when the call came from the staging test endpoint (agi://.../ivr?env=staging). */
    public boolean isStaging() {
        return "staging".equals(parameters.get("env"));
    }
}
