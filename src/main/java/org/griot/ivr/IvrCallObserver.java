package org.griot.ivr;

import org.griot.workflow.ProcessStep;

/**
 * Implemented by a {@link org.griot.telephony.CallSession} that wants to follow the IVR script's
 * progress (the browser simulator does, to draw the path on the diagram). Real calls' sessions do
 * not implement it, and the script then does exactly what it did without it.
 */
interface IvrCallObserver {

    /** The call's process has started: which instance, of which process definition (version). */
    void processStarted(String processInstanceId, String definitionId);

    /** The script is about to perform this step on the line. */
    void stepStarted(ProcessStep step);
}
