package org.griot.callback;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.griot.routing.Acd;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * "Take the caller's place in line": the request becomes a waiting contact of its queue with the
 * arrival time the caller had, so it is served before later callers; the delay before a retry is
 * set from the queue's schedule.
 */
@Component("callbackTakePlace")
class CallbackTakePlaceDelegate implements JavaDelegate {

    private final CallbackStore store;
    private final Acd acd;

    CallbackTakePlaceDelegate(CallbackStore store, Acd acd) {
        this.store = store;
        this.acd = acd;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long id = ((Number) execution.getVariable("callbackId")).longValue();
        CallbackRequest request = store.find(id).orElseThrow(() -> new IllegalStateException("No callback request " + id));
        int attempts = store.attempted(id);
        execution.setVariable("attempts", attempts);
        execution.setVariable("retryDelay", acd.policy(request.queue()).delayAfter(attempts).toString());
        // Into the line only once the process waits for the attempt's outcome (committed): a quick attempt
        // must find the process there to receive it.
        Runnable takePlace = () -> acd.enqueueCallback(id, request.number(), request.queue(), request.waitingSince(),
                request.language());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    takePlace.run();
                }
            });
        } else {
            takePlace.run();
        }
    }
}
