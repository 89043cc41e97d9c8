package org.griot.ivr;

import java.util.ArrayList;
import java.util.List;
import org.griot.decision.RuleFact;

/**
 * The facts the routing rules (rules/griot/ivr/routing.drl) decide on, and their decision: which
 * queue, which priority (1 = first served), which skills. Rules read the getters and call the setters.
 */
@RuleFact
public class RoutingRequest {

    private final String callerNumber;
    private final String language;
    private final String segment;
    private final String menuChoice;
    private final String preferredChannel;
    private final String reason;
    private String queue;
    private int priority;
    private final List<String> skills = new ArrayList<>();

    public RoutingRequest(String callerNumber, String language, String segment, String menuChoice, String preferredChannel,
            String reason) {
        this.callerNumber = callerNumber;
        this.language = language;
        this.segment = segment;
        this.menuChoice = menuChoice;
        this.preferredChannel = preferredChannel;
        this.reason = reason;
    }

    public String getCallerNumber() {
        return callerNumber;
    }

    public String getLanguage() {
        return language;
    }

    public String getSegment() {
        return segment;
    }

    public String getMenuChoice() {
        return menuChoice;
    }

    public String getPreferredChannel() {
        return preferredChannel;
    }

    /** Why the caller asks for an agent: "choice", "backend-unavailable", "identity-failed", "menu-failed". */
    public String getReason() {
        return reason;
    }

    public String getQueue() {
        return queue;
    }

    public void setQueue(String queue) {
        this.queue = queue;
    }

    public int getPriority() {
        return priority;
    }

    public void setPriority(int priority) {
        this.priority = priority;
    }

    public List<String> getSkills() {
        return skills;
    }

    public void addSkill(String skill) {
        if (!skills.contains(skill)) {
            skills.add(skill);
        }
    }
}
