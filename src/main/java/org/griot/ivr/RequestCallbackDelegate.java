package org.griot.ivr;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.griot.callback.CallbackRequest;
import org.griot.callback.CallbackRequests;
import org.springframework.stereotype.Component;

/**
 * "Be called back" chosen in the IVR menu: the routing rules pick the queue (as for an agent), and a
 * callback request takes the caller's place from now on; the caller is not queued. Test lines and
 * the simulator get no request (nobody would be called back), only the decision.
 */
@Component("ivrRequestCallback")
class RequestCallbackDelegate implements JavaDelegate {

    private final RouteToAgentDelegate routing;
    private final CallbackRequests callbacks;

    RequestCallbackDelegate(RouteToAgentDelegate routing, CallbackRequests callbacks) {
        this.routing = routing;
        this.callbacks = callbacks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RoutingRequest request = routing.decide(execution);
        Object caller = execution.getVariable("callerNumber");
        String callId = String.valueOf(execution.getVariable("callId"));
        boolean test = Boolean.TRUE.equals(execution.getVariable("staging")) || callId.startsWith("sim-");
        execution.setVariable("callbackQueue", request.getQueue());
        if (test || caller == null || caller.toString().isBlank()) {
            return;
        }
        Object language = execution.getVariable("language");
        long id = callbacks.request(new CallbackRequests.Ask(caller.toString(), caller.toString(), request.getQueue(),
                CallbackRequest.Origin.MENU, language == null ? null : language.toString(), Instant.now(), null, null, null));
        execution.setVariable("callbackRequestId", id);
    }
}
