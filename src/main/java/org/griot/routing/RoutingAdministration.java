package org.griot.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.griot.audit.AuditEvent.Outcome;
import org.griot.audit.AuditTrail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Queues, dispositions, teams and agent profiles, administered by ADMIN and SUPERVISOR; every change
 * is audited (before and after) and taken in by the running ACD without losing a waiting contact.
 */
@Service
public class RoutingAdministration {

    static final String QUEUE_SAVED = "ROUTING_QUEUE_SAVED";
    static final String DISPOSITIONS_SAVED = "ROUTING_DISPOSITIONS_SAVED";
    static final String TEAM_SAVED = "ROUTING_TEAM_SAVED";
    static final String AGENT_SAVED = "ROUTING_AGENT_SAVED";
    static final String POLICY_SAVED = "ROUTING_QUEUE_POLICY_SAVED";
    static final String MODE_SWITCHED = "ROUTING_QUEUE_MODE_SWITCHED";

    private final RoutingStore store;
    private final Acd acd;
    private final AuditTrail audit;

    RoutingAdministration(RoutingStore store, Acd acd, AuditTrail audit) {
        this.store = store;
        this.acd = acd;
        this.audit = audit;
    }

    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    public void saveQueue(QueueSettings queue) {
        QueueSettings before = store.queues().stream().filter(q -> q.id().equals(queue.id())).findFirst().orElse(null);
        if (queue.overflowQueue() != null && store.queues().stream().noneMatch(q -> q.id().equals(queue.overflowQueue()))) {
            throw new IllegalArgumentException("Overflow queue '" + queue.overflowQueue() + "' does not exist");
        }
        store.saveQueue(queue);
        audit.record(QUEUE_SAVED, "queue:" + queue.id(), before == null ? null : before.toString(), queue.toString(),
                Outcome.SUCCESS);
        acd.configurationChanged();
    }

    /**
     * Replaces a queue's disposition codes from lines "CODE;Label". A malformed line refuses the whole
     * list (nothing changes) with the line number.
     */
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    public List<Disposition> saveDispositions(String queue, String lines) {
        if (store.queues().stream().noneMatch(q -> q.id().equals(queue))) {
            throw new IllegalArgumentException("No queue " + queue);
        }
        Map<String, Disposition> parsed = new LinkedHashMap<>();
        String[] rows = lines.split("\\R");
        for (int i = 0; i < rows.length; i++) {
            String row = rows[i].strip();
            if (row.isEmpty()) {
                continue;
            }
            int separator = row.indexOf(';');
            if (separator < 0) {
                throw new IllegalArgumentException("Line " + (i + 1) + ": expected CODE;Label, got '" + row + "'");
            }
            try {
                Disposition d = new Disposition(queue, row.substring(0, separator).strip(), row.substring(separator + 1).strip());
                if (parsed.put(d.code(), d) != null) {
                    throw new IllegalArgumentException("code " + d.code() + " appears twice");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("A queue needs at least one disposition code");
        }
        List<Disposition> before = store.dispositions(queue);
        List<Disposition> after = new ArrayList<>(parsed.values());
        store.replaceDispositions(queue, after);
        audit.record(DISPOSITIONS_SAVED, "queue:" + queue, codes(before), codes(after), Outcome.SUCCESS);
        acd.configurationChanged();
        return after;
    }

    /** A queue's callback policy (offer threshold, automatic or preview, retries) and service mode. */
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    public void savePolicy(QueuePolicy policy) {
        if (store.queues().stream().noneMatch(q -> q.id().equals(policy.queue()))) {
            throw new IllegalArgumentException("No queue " + policy.queue());
        }
        QueuePolicy before = store.policies().get(policy.queue());
        store.savePolicy(policy, AuditTrail.currentActor());
        boolean modeChanged = before == null || before.serviceMode() != policy.serviceMode();
        audit.record(modeChanged ? MODE_SWITCHED : POLICY_SAVED, "queue:" + policy.queue(),
                before == null ? null : before.toString(), policy.toString(), Outcome.SUCCESS);
        acd.configurationChanged();
    }

    /** The supervisor's switch: NORMAL, CALLBACK_ONLY or EMERGENCY for one queue, at once, audited. */
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    public QueuePolicy switchMode(String queue, QueuePolicy.ServiceMode mode) {
        QueuePolicy current = store.policies().getOrDefault(queue, QueuePolicy.defaults(queue));
        QueuePolicy switched = new QueuePolicy(queue, current.offerAfterSeconds(), current.callbackMode(), current.retryDelays(),
                current.maxAttempts(), mode);
        savePolicy(switched);
        return switched;
    }

    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    public void saveTeam(String id, String name) {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,31}") || name == null || name.isBlank()) {
            throw new IllegalArgumentException("A team needs an id (lower-case letters, digits, dashes) and a name");
        }
        String before = store.teams().get(id);
        store.saveTeam(id, name.strip());
        audit.record(TEAM_SAVED, "team:" + id, before, name.strip(), Outcome.SUCCESS);
    }

    /**
     * An agent's profile: name, team, skills ("language:fr=5" per line, level 1 to 5) and the queues
     * they serve. The agent id is their Griot login.
     */
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    public void saveAgent(String id, String displayName, String team, String skillLines, List<String> queues) {
        if (id == null || !id.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException("An agent id is their login (1 to 64 letters, digits, . _ @ -): " + id);
        }
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("Agent " + id + " needs a name");
        }
        String teamId = team == null || team.isBlank() ? null : team;
        if (teamId != null && !store.teams().containsKey(teamId)) {
            throw new IllegalArgumentException("No team " + teamId);
        }
        Map<String, Integer> skills = parseSkills(skillLines);
        List<String> known = store.queues().stream().map(QueueSettings::id).toList();
        for (String queue : queues) {
            if (!known.contains(queue)) {
                throw new IllegalArgumentException("No queue " + queue);
            }
        }
        String before = store.agents().stream().filter(a -> a.id.equals(id)).findFirst()
                .map(a -> describe(a.displayName, a.team, a.skills, new ArrayList<>(a.queues))).orElse(null);
        store.saveAgentProfile(id, displayName.strip(), teamId, skills, queues);
        audit.record(AGENT_SAVED, "agent:" + id, before, describe(displayName.strip(), teamId, skills, queues), Outcome.SUCCESS);
        acd.configurationChanged();
    }

    public Map<String, String> teams() {
        return store.teams();
    }

    static Map<String, Integer> parseSkills(String lines) {
        Map<String, Integer> skills = new LinkedHashMap<>();
        String[] rows = lines == null ? new String[0] : lines.split("[\\r\\n,]+");
        for (String raw : rows) {
            String row = raw.strip();
            if (row.isEmpty()) {
                continue;
            }
            String[] parts = row.split("=");
            if (parts.length != 2 || !parts[0].strip().matches("[a-z]+:[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("Skill '" + row + "': expected kind:value=level, e.g. language:fr=5");
            }
            int level;
            try {
                level = Integer.parseInt(parts[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Skill '" + row + "': the level is a number from 1 to 5");
            }
            if (level < 1 || level > 5) {
                throw new IllegalArgumentException("Skill '" + row + "': the level is a number from 1 to 5");
            }
            skills.put(parts[0].strip(), level);
        }
        return skills;
    }

    private static String describe(String name, String team, Map<String, Integer> skills, List<String> queues) {
        return "name=" + name + ", team=" + team + ", skills=" + skills + ", queues=" + queues;
    }

    private static String codes(List<Disposition> dispositions) {
        return dispositions.stream().map(d -> d.code() + "=" + d.label()).toList().toString();
    }
}
