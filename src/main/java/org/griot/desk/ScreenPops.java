package org.griot.desk;

import java.util.List;
import org.griot.ivr.selfcare.LookupResult;
import org.griot.ivr.selfcare.Subscriber;
import org.griot.ivr.selfcare.SubscriberDirectory;
import org.griot.routing.Acd;
import org.griot.routing.ContactView;
import org.griot.workflow.CallProcesses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Assembles a contact's screen pop from the subscriber directory, the contact history and the call's process. */
@Service
class ScreenPops {

    private static final Logger log = LoggerFactory.getLogger(ScreenPops.class);
    static final int HISTORY = 5;

    private final SubscriberDirectory subscribers;
    private final Acd acd;
    private final CallProcesses processes;

    ScreenPops(SubscriberDirectory subscribers, Acd acd, CallProcesses processes) {
        this.subscribers = subscribers;
        this.acd = acd;
        this.processes = processes;
    }

    ScreenPop of(ContactView contact) {
        String lookup;
        String name = null;
        String status = null;
        String language = null;
        boolean vip = false;
        LookupResult<Subscriber> result = contact.callerNumber() == null ? new LookupResult.NotFound<>()
                : subscribers.subscriber(contact.callerNumber());
        if (result instanceof LookupResult.Found<Subscriber> found) {
            lookup = "found";
            name = found.value().displayName();
            status = found.value().status().name();
            language = found.value().language();
            vip = found.value().vip();
        } else if (result instanceof LookupResult.NotFound<Subscriber>) {
            lookup = "not-found";
        } else {
            lookup = "unavailable";
        }
        List<ContactView> history = acd.history(contact.callerNumber(), HISTORY + 1).stream()
                .filter(previous -> previous.id() != contact.id()).limit(HISTORY).toList();
        List<String> steps = List.of();
        if (contact.processInstanceId() != null) {
            try {
                steps = processes.visitedSteps(contact.processInstanceId());
            } catch (RuntimeException e) {
                log.warn("Screen pop of contact {}: the IVR path is unavailable: {}", contact.id(), e.getMessage());
            }
        }
        return new ScreenPop(contact, lookup, name, status, vip, language, history, steps);
    }
}
