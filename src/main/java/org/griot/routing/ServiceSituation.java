package org.griot.routing;

import org.griot.decision.RuleFact;

/**
 * The facts the outage playbook (rules/griot/routing/outage.drl) decides on when a caller is about to
 * queue, and its decision: queue normally, offer only a callback or a message (after an announcement),
 * or send the caller to a back-up queue. Rules read the getters and call {@link #decide}.
 */
@RuleFact
public class ServiceSituation {

    public enum Action { QUEUE, OFFER_CALLBACK, BACKUP_QUEUE }

    private final String queue;
    private final QueuePolicy.ServiceMode mode;
    private final boolean open;
    private final int agentsLoggedIn;
    private final boolean pbxUp;
    private final String backupQueue;
    private final boolean backendUp;
    private Action action;
    private String announcement;

    public ServiceSituation(String queue, QueuePolicy.ServiceMode mode, boolean open, int agentsLoggedIn, boolean pbxUp,
            String backupQueue) {
        this(queue, mode, open, agentsLoggedIn, pbxUp, backupQueue, true);
    }

    public ServiceSituation(String queue, QueuePolicy.ServiceMode mode, boolean open, int agentsLoggedIn, boolean pbxUp,
            String backupQueue, boolean backendUp) {
        this.backendUp = backendUp;
        this.queue = queue;
        this.mode = mode;
        this.open = open;
        this.agentsLoggedIn = agentsLoggedIn;
        this.pbxUp = pbxUp;
        this.backupQueue = backupQueue;
    }

    public String getQueue() {
        return queue;
    }

    public String getMode() {
        return mode.name();
    }

    public boolean isOpen() {
        return open;
    }

    public int getAgentsLoggedIn() {
        return agentsLoggedIn;
    }

    public boolean isPbxUp() {
        return pbxUp;
    }

    /** The operator's systems (self-care back end) answer: agents will see the customer's record. */
    public boolean isBackendUp() {
        return backendUp;
    }

    public String getBackupQueue() {
        return backupQueue;
    }

    public Action getAction() {
        return action;
    }

    public String getAnnouncement() {
        return announcement;
    }

    /** The playbook's decision (the first rule to decide wins: later rules check action == null). */
    public void decide(String action, String announcement) {
        this.action = Action.valueOf(action);
        this.announcement = announcement;
    }

    @Override
    public String toString() {
        return "action=" + action + (announcement == null ? "" : ", announcement=" + announcement)
                + (action == Action.BACKUP_QUEUE ? ", queue=" + backupQueue : "");
    }
}
