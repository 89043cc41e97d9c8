package org.griot.callback;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.griot.routing.Acd;
import org.griot.routing.AcdListener;
import org.griot.routing.AgentView;
import org.griot.routing.ContactView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Tells each callback request's process how its attempt ended (the ACD ends the callback contact:
 * ANSWERED, NO_ANSWER, BUSY, FAILED, ABANDONED), off the ACD's thread.
 */
@Component
class CallbackAttempts implements AcdListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CallbackAttempts.class);

    private final CallbackStore store;
    private final org.griot.workflow.ProcessCommands processes;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "callback-attempts");
        thread.setDaemon(true);
        return thread;
    });

    CallbackAttempts(CallbackStore store, org.griot.workflow.ProcessCommands processes, Acd acd) {
        this.store = store;
        this.processes = processes;
        acd.addListener(this);
    }

    @Override
    public void agentChanged(AgentView agent) {
    }

    @Override
    public void contactEnded(ContactView contact) {
        if (!contact.isCallback() || contact.callbackRequestId() == null || "MERGED".equals(contact.outcome())) {
            return;
        }
        long id = contact.callbackRequestId();
        worker.execute(() -> {
            try {
                String outcome = contact.answeredAt() != null ? "ANSWERED" : contact.outcome();
                store.lastAttempt(id, outcome, contact.agentId(), contact.answeredAt());
                Map<String, Object> variables = new HashMap<>();
                variables.put("attemptOutcome", outcome);
                variables.put("agentId", contact.agentId());
                if (!processes.deliver(CallbackRequests.PROCESS, CallbackRequest.businessKey(id), CallbackRequests.MESSAGE_ATTEMPTED,
                        variables)) {
                    log.warn("Callback request {}: no process waits for the outcome {} of its attempt", id, outcome);
                }
            } catch (RuntimeException e) {
                log.error("Callback request {}: the outcome of its attempt could not be recorded", id, e);
            }
        });
    }

    @Override
    public void destroy() {
        worker.shutdown();
    }
}
