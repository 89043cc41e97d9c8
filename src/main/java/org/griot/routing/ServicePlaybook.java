package org.griot.routing;

import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import org.griot.telephony.TelephonyControl;
import org.griot.workflow.ProcessCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The outage playbook at the moment a caller would queue: the queue's service mode (set by
 * supervisors), its opening hours, whether anyone is logged in on it, whether the PBX link is up,
 * go to the playbook process (processes/outage-playbook.bpmn), whose rules
 * (rules/griot/routing/outage.drl) decide what the caller hears and gets. Each run is in the process
 * history and each decision is recorded with the rules that made it.
 */
@Service
public class ServicePlaybook {

    private static final Logger log = LoggerFactory.getLogger(ServicePlaybook.class);
    public static final String PROCESS = "outage-playbook";

    private final Acd acd;
    private final ProcessCommands processes;
    private final TelephonyControl telephony;
    private final RoutingProperties properties;

    ServicePlaybook(Acd acd, ProcessCommands processes, TelephonyControl telephony, RoutingProperties properties) {
        this.acd = acd;
        this.processes = processes;
        this.telephony = telephony;
        this.properties = properties;
    }

    /**
     * Runs the playbook for a caller about to queue in {@code queue}. If the playbook itself fails
     * (not deployed, a broken rule), the caller queues as usual: the failure is logged, never the
     * caller's problem.
     */
    public ServiceSituation decide(String callId, String queue, boolean staging) {
        return decide(callId, queue, staging, true);
    }

    /** {@code backendUp}: whether the operator's systems answer (the IVR knows; the ACD does not). */
    public ServiceSituation decide(String callId, String queue, boolean staging, boolean backendUp) {
        try {
            return run(callId, queue, staging, backendUp);
        } catch (RuntimeException e) {
            log.error("Call {}: the outage playbook could not run ({}); the caller queues as usual", callId, e.getMessage());
            ServiceSituation fallback = new ServiceSituation(queue, QueuePolicy.ServiceMode.NORMAL, true, 1, true, null);
            fallback.decide("QUEUE", null);
            return fallback;
        }
    }

    private ServiceSituation run(String callId, String queue, boolean staging, boolean backendUp) {
        QueueSettings settings = acd.queue(queue).orElse(null);
        ServiceSituation situation = new ServiceSituation(queue, acd.policy(queue).serviceMode(),
                settings == null || settings.hours().isOpen(ZonedDateTime.now(properties.zone())), acd.loggedIn(queue),
                telephony.isConnected(), settings == null ? null : settings.overflowQueue(), backendUp);
        Map<String, Object> facts = new HashMap<>();
        facts.put("callId", callId);
        facts.put("queue", queue);
        facts.put("mode", situation.getMode());
        facts.put("open", situation.isOpen());
        facts.put("agentsLoggedIn", situation.getAgentsLoggedIn());
        facts.put("pbxUp", situation.isPbxUp());
        facts.put("backupQueue", situation.getBackupQueue());
        facts.put("staging", staging);
        facts.put("backendUp", backendUp);
        // Its own business key: the call id stays the key of the call's IVR process alone.
        Map<String, Object> result = processes.run(PROCESS, "playbook:" + callId, facts);
        situation.decide(String.valueOf(result.get("action")), (String) result.get("announcement"));
        return situation;
    }
}
