package org.griot.callback;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.griot.routing.Acd;
import org.springframework.stereotype.Component;

/**
 * The end of a callback request: SERVED, FAILED (attempts exhausted), EXPIRED (the caller's window
 * closed: the waiting contact leaves the line) or MERGED (the customer called in: the live call
 * takes the request's place). The state is given by the end task's input "result".
 */
@Component("callbackFinish")
class CallbackFinishDelegate implements JavaDelegate {

    private final CallbackStore store;
    private final Acd acd;

    CallbackFinishDelegate(CallbackStore store, Acd acd) {
        this.store = store;
        this.acd = acd;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long id = ((Number) execution.getVariable("callbackId")).longValue();
        CallbackRequest.State state = CallbackRequest.State.valueOf(String.valueOf(execution.getVariable("result")));
        if (state == CallbackRequest.State.EXPIRED || state == CallbackRequest.State.MERGED) {
            acd.withdrawCallback(id);
        }
        if (state == CallbackRequest.State.MERGED && execution.getVariable("liveCallId") != null) {
            store.find(id).ifPresent(request -> acd.advance(execution.getVariable("liveCallId").toString(), request.waitingSince()));
        }
        Object outcome = execution.getVariable("attemptOutcome");
        store.finish(id, state, state == CallbackRequest.State.MERGED ? "MERGED" : outcome == null ? state.name() : outcome.toString());
    }
}
