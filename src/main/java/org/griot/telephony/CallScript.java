package org.griot.telephony;

/**
 * Serves calls that the PBX hands to Griot under a script name (agi://griot:4573/&lt;name&gt;):
 * "ivr", "callback", "queue-position". Implementations are Spring beans; the adapters find
 * them by {@link #name()}. A script runs on its own thread and must not hold a database transaction
 * while the caller listens or types.
 */
public interface CallScript {

    String name();

    void serve(CallSession call);
}
