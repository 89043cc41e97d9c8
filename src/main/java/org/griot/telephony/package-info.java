/**
 * The telephony port: Griot's own terms for calls, prompts, digits and agent phones. Domain code
 * sees only this package; the {@code asterisk} adapter (the sole user of asterisk-java) and the
 * {@code simulated} adapter implement it.
 *
 * <ul>
 *   <li>{@link org.griot.telephony.CallSession}: one live call's media/DTMF loop, driven by the
 *       {@link org.griot.telephony.CallScript} registered for its script name (ivr, callback...),
 *       with {@link org.griot.telephony.CallCommand}s (answer, play, collect, say, record, data, hang up).</li>
 *   <li>{@link org.griot.telephony.TelephonyControl}: actions on any call or phone
 *       ({@link org.griot.telephony.ControlCommand}: originate, connect to an agent, transfer, hold,
 *       recording, supervisor spy), answered asynchronously.</li>
 *   <li>{@link org.griot.telephony.TelephonyEvent}: what happened (call arrived, answered, digits,
 *       bridged, transferred, hung up, originate result, agent phone state).</li>
 * </ul>
 */
package org.griot.telephony;
