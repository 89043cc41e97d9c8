package org.griot.telephony;

import java.util.concurrent.CompletableFuture;

/**
 * Sends {@link ControlCommand}s to the PBX. Never blocks the caller: the future completes when the
 * PBX answers, or exceptionally with {@link TelephonyException} (refused, timed out, PBX down).
 */
public interface TelephonyControl {

    <R> CompletableFuture<R> send(ControlCommand<R> command);

    /** True while the control link to the PBX is up. */
    boolean isConnected();
}
