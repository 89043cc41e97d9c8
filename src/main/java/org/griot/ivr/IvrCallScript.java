package org.griot.ivr;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.Map;
import org.griot.callback.CallbackRequest;
import org.griot.callback.CallbackRequests;
import org.griot.routing.Acd;
import org.griot.routing.QueuePolicy;
import org.griot.routing.ServicePlaybook;
import org.griot.routing.ServiceSituation;
import org.griot.routing.ContactRequest;
import org.griot.telephony.CallCommand;
import org.griot.telephony.WaitingCallData;
import org.griot.telephony.CallHungUpException;
import org.griot.telephony.CallInfo;
import org.griot.telephony.CallScript;
import org.griot.telephony.CallSession;
import org.griot.workflow.CallProcesses;
import org.griot.workflow.ProcessReleases;
import org.griot.workflow.ProcessStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The "ivr" FastAGI script: a caller of a service number walks the BPMN process of that number. The
 * process decides (BPMN, rules); this thread performs each step on the line and completes it, one
 * short transaction per step (completing it and fetching the next one). When the process ends the caller is hung up, or parked for an agent
 * (the dialplan follows GRIOT_NEXT to griot-hold).
 */
@Component
class IvrCallScript implements CallScript {

    private static final Logger log = LoggerFactory.getLogger(IvrCallScript.class);
    static final String HOLD_LOCATION = "griot-hold,s,1";

    private final CallProcesses processes;
    private final ProcessReleases releases;
    private final IvrStepPerformer performer;
    private final CallerMemory memory;
    private final IvrProperties properties;
    private final Acd acd;
    private final WaitingOptions waitingOptions;
    private final CallbackRequests callbacks;
    private final PromptReleases prompts;
    private final ServicePlaybook playbook;
    private final org.griot.ivr.selfcare.SubscriberDirectory subscribers;

    private final Timer transitions;
    private final Timer steps;

    IvrCallScript(CallProcesses processes, ProcessReleases releases, IvrStepPerformer performer, CallerMemory memory,
            IvrProperties properties, Acd acd, WaitingOptions waitingOptions, CallbackRequests callbacks, PromptReleases prompts,
            ServicePlaybook playbook, org.griot.ivr.selfcare.SubscriberDirectory subscribers, MeterRegistry meters) {
        this.playbook = playbook;
        this.subscribers = subscribers;
        this.acd = acd;
        this.waitingOptions = waitingOptions;
        this.callbacks = callbacks;
        this.prompts = prompts;
        this.transitions = Timer.builder("griot.ivr.transition")
                .description("Griot's own time between two IVR steps: complete one and fetch the next (one transaction)")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.steps = Timer.builder("griot.ivr.step").description("One IVR step performed on the line (prompt, digits)")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.processes = processes;
        this.releases = releases;
        this.performer = performer;
        this.memory = memory;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "ivr";
    }

    @Override
    public void serve(CallSession call) {
        CallInfo info = call.info();
        boolean staging = info.isStaging() || (info.callerNumber() != null && properties.testNumbers().contains(info.callerNumber()));
        String processKey = properties.processFor(info.dialedNumber());
        Map<String, Object> variables = new HashMap<>();
        variables.put("callId", info.callId().value());
        variables.put("callerNumber", info.callerNumber() == null ? "" : info.callerNumber());
        variables.put("dialedNumber", info.dialedNumber() == null ? "" : info.dialedNumber());
        variables.put("staging", staging);
        variables.put("language", info.callerNumber() == null ? null : memory.preferredLanguage(info.callerNumber()).orElse(null));
        call.answer();
        long transitionStart = System.nanoTime();
        CallProcesses.StartedCall started = processes.startAndFetchFirst(() -> releases.definitionFor(processKey, staging),
                info.callId().value(), variables);
        String processInstanceId = started.processInstanceId();
        String definitionId = started.processDefinitionId();
        Map<String, Object> result = started.endVariables();
        IvrCallObserver observer = call instanceof IvrCallObserver o ? o : null; // the browser simulator only
        if (observer != null) {
            observer.processStarted(processInstanceId, definitionId);
        }
        try {
            var step = started.firstStep();
            while (true) {
                transitions.record(System.nanoTime() - transitionStart, java.util.concurrent.TimeUnit.NANOSECONDS);
                if (step.isEmpty()) {
                    break;
                }
                ProcessStep current = step.get();
                if (observer != null) {
                    observer.stepStarted(current);
                }
                long stepStart = System.nanoTime();
                Map<String, Object> outcome = performer.perform(current, call);
                steps.record(System.nanoTime() - stepStart, java.util.concurrent.TimeUnit.NANOSECONDS);
                transitionStart = System.nanoTime();
                CallProcesses.Next next = processes.completeAndFetchNext(current, outcome, info.callId().value(), definitionId);
                step = next.step();
                result = next.endVariables(); // the outcome, read with the last step's transaction
            }
        } catch (CallHungUpException e) {
            processes.abandon(processInstanceId, "caller hung up");
            throw e;
        }
        if (result.get("routingQueue") != null) {
            // Parked in Asterisk's holding area; the ACD connects the caller from there.
            ContactRequest request = contactRequest(info, processInstanceId, result);
            // Written on the call before it is parked: a Griot restarted without this contact finds the
            // caller's queue and arrival on the PBX, and the ring time is on the call for the connect.
            Integer ringSeconds = acd.queue(request.queue()).map(q -> q.ringSeconds()).orElse(null);
            for (CallCommand.SetCallData data : WaitingCallData.of(request.queue(), request.priority(), request.skills(),
                    request.language(), java.time.Instant.now(), ringSeconds)) {
                call.perform(data);
            }
            call.perform(new CallCommand.SetCallData("GRIOT_NEXT", HOLD_LOCATION));
            log.info("Call {} queued for agents: queue {}, priority {}, because {}", info.callId(),
                    result.get("routingQueue"), result.get("routingPriority"), result.get("routingExplanation"));
            if (observer == null) { // the browser simulator has no line an agent could take
                try {
                    queue(call, request, staging);
                } catch (CallHungUpException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // The caller is on their way to hold: never leave them there with no place in line.
                    log.error("Call {}: queueing with the playbook failed; queued as decided by the IVR", info.callId(), e);
                    acd.enqueue(request);
                }
            }
        } else if (result.get("transferredTo") != null) {
            // GRIOT_NEXT already points the dialplan at the transfer destination.
            log.info("Call {} transferred to {}", info.callId(), result.get("transferredTo"));
        } else if (call.isActive()) {
            call.hangUp();
        }
    }

    /**
     * Into the queue — unless the queue takes callbacks only, is in emergency mode, or already has a
     * wait longer than its callback threshold: then the caller is offered a callback or a message
     * first (up front). A caller who called back in while a callback was promised merges with it.
     */
    private void queue(CallSession call, ContactRequest request, boolean staging) {
        ServiceSituation situation = playbook.decide(request.callId(), request.queue(), staging, subscribers.isAvailable());
        String language = request.language() == null ? PromptCatalog.DEFAULT_LANGUAGE : request.language();
        ContactRequest target = situation.getAction() == ServiceSituation.Action.BACKUP_QUEUE && situation.getBackupQueue() != null
                ? request.inQueue(situation.getBackupQueue(), "backup-of:" + request.queue()) : request;
        boolean mayWait = situation.getAction() != ServiceSituation.Action.OFFER_CALLBACK;
        if (situation.getAnnouncement() != null) {
            call.play(prompts.soundName(situation.getAnnouncement(), language, staging), "");
        }
        QueuePolicy policy = acd.policy(target.queue());
        boolean longWait = mayWait && policy.offerAfterSeconds() > 0
                && acd.expectedWait(target.queue()).toSeconds() > policy.offerAfterSeconds();
        if (!mayWait || longWait) {
            if (longWait) {
                call.play(prompts.soundName("all-agents-busy", language, staging), "");
            }
            if (waitingOptions.offer(call, target.queue(), language, java.time.Instant.now(), CallbackRequest.Origin.UPFRONT,
                    mayWait) != WaitingOptions.Choice.KEEP_WAITING) {
                return; // thanked and hung up: the request keeps the caller's place
            }
        }
        acd.enqueue(target);
        if (target.callerNumber() != null && callbacks.customerCalledIn(target.callerNumber(), target.callId()) > 0) {
            log.info("Call {} merged with the callback promised to {}", target.callId(), target.callerNumber());
        }
    }

    /** What the ACD needs of the call: the rules' decision and why, and where the caller went in the IVR. */
    private static ContactRequest contactRequest(CallInfo info, String processInstanceId, Map<String, Object> result) {
        String skills = result.get("routingSkills") == null ? "" : result.get("routingSkills").toString();
        Object reason = result.get("routingReason") != null ? result.get("routingReason")
                : Boolean.TRUE.equals(result.get("menuFailed")) ? "menu-failed" : "choice";
        return new ContactRequest(info.callId().value(), info.callerNumber(), result.get("routingQueue").toString(),
                Integer.parseInt(String.valueOf(result.get("routingPriority"))), java.util.Arrays.asList(skills.split(",")),
                result.get("language") == null ? null : result.get("language").toString(), reason.toString(),
                result.get("routingExplanation") == null ? null : result.get("routingExplanation").toString(), processInstanceId);
    }
}
