package org.griot.routing;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administration of queues, dispositions, teams and agents (ADMIN, SUPERVISOR). */
@Controller
class RoutingController {

    private final Acd acd;
    private final RoutingAdministration administration;
    private final RoutingProperties properties;

    RoutingController(Acd acd, RoutingAdministration administration, RoutingProperties properties) {
        this.acd = acd;
        this.administration = administration;
        this.properties = properties;
    }

    @GetMapping("/routing/queues")
    String queues(Model model) {
        var since = LocalDate.now(properties.zone()).atStartOfDay(properties.zone()).toInstant();
        List<QueueSettings> queues = acd.queues();
        Map<String, QueueFigures> figures = new LinkedHashMap<>();
        queues.forEach(q -> figures.put(q.id(), acd.figures(q, since)));
        Map<String, Long> waiting = acd.isDispatcher() ? acd.openContacts().stream()
                .filter(c -> c.state() == ContactState.WAITING)
                .collect(Collectors.groupingBy(ContactView::queue, Collectors.counting())) : Map.of();
        ZonedDateTime now = ZonedDateTime.now(properties.zone());
        Map<String, Boolean> open = new LinkedHashMap<>();
        queues.forEach(q -> open.put(q.id(), q.hours().isOpen(now)));
        model.addAttribute("queues", queues);
        model.addAttribute("policies", acd.policies());
        model.addAttribute("modes", QueuePolicy.ServiceMode.values());
        model.addAttribute("figures", figures);
        model.addAttribute("waiting", waiting);
        model.addAttribute("open", open);
        return "routing-queues";
    }

    @GetMapping("/routing/queues/{id}")
    String queue(@PathVariable String id, Model model) {
        QueueSettings queue = acd.queue(id)
                .orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(
                        org.springframework.http.HttpStatus.NOT_FOUND));
        if (!model.containsAttribute("queue")) {
            model.addAttribute("queue", queue);
        }
        if (!model.containsAttribute("dispositionLines")) {
            model.addAttribute("dispositionLines", acd.dispositions(id).stream().map(d -> d.code() + ";" + d.label())
                    .collect(Collectors.joining("\n")));
        }
        model.addAttribute("queues", acd.queues());
        model.addAttribute("policy", acd.policy(id));
        model.addAttribute("isNew", false);
        return "routing-queue";
    }

    @GetMapping("/routing/queues/new")
    String newQueue(Model model) {
        model.addAttribute("queue", new QueueSettings("new-queue", "Nouvelle file", 80, 20, 30, 15, 0, null, null, 0, 1, 0, 1));
        model.addAttribute("dispositionLines", "INFO;Information donnée");
        model.addAttribute("queues", acd.queues());
        model.addAttribute("policy", QueuePolicy.defaults("new-queue"));
        model.addAttribute("isNew", true);
        return "routing-queue";
    }

    @PostMapping("/routing/queues")
    String saveQueue(@RequestParam String id, @RequestParam String name, @RequestParam int slPercent, @RequestParam int slSeconds,
            @RequestParam int wrapUpSeconds, @RequestParam int ringSeconds, @RequestParam int maxWaitSeconds,
            @RequestParam(defaultValue = "") String overflowQueue, @RequestParam(defaultValue = "") String businessHours,
            @RequestParam int announceSeconds, @RequestParam int skillLevel, @RequestParam int relaxAfterSeconds,
            @RequestParam int relaxedLevel, @RequestParam(defaultValue = "") String dispositions,
            @RequestParam(defaultValue = "0") int offerAfterSeconds, @RequestParam(defaultValue = "AUTOMATIC") String callbackMode,
            @RequestParam(defaultValue = "PT2M,PT10M,PT30M") String retryDelays, @RequestParam(defaultValue = "3") int maxAttempts,
            RedirectAttributes redirect) {
        String queueId = id.strip();
        try {
            QueueSettings queue = new QueueSettings(queueId, name.strip(), slPercent, slSeconds, wrapUpSeconds, ringSeconds,
                    maxWaitSeconds, overflowQueue, businessHours.strip(), announceSeconds, skillLevel, relaxAfterSeconds,
                    relaxedLevel);
            QueuePolicy current = acd.policy(queueId);
            QueuePolicy policy = new QueuePolicy(queueId, offerAfterSeconds, QueuePolicy.CallbackMode.valueOf(callbackMode),
                    QueuePolicy.parseDelays(retryDelays), maxAttempts, current.serviceMode());
            administration.saveQueue(queue);
            administration.savePolicy(policy);
            if (!dispositions.isBlank()) {
                administration.saveDispositions(queueId, dispositions);
            }
            redirect.addFlashAttribute("saved", queueId);
            return "redirect:/routing/queues";
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            redirect.addFlashAttribute("dispositionLines", dispositions);
            return acd.queues().stream().anyMatch(q -> q.id().equals(queueId)) ? "redirect:/routing/queues/" + queueId
                    : "redirect:/routing/queues/new";
        }
    }

    /** The supervisor's switch on the queues page: normal, callback only, emergency message. */
    @PostMapping("/routing/queues/{id}/mode")
    String switchMode(@PathVariable String id, @RequestParam String mode, RedirectAttributes redirect) {
        try {
            administration.switchMode(id, QueuePolicy.ServiceMode.valueOf(mode));
            redirect.addFlashAttribute("saved", id);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/routing/queues";
    }

    @GetMapping("/routing/agents")
    String agents(Model model) {
        model.addAttribute("agents", acd.isDispatcher() ? acd.agents() : List.of());
        model.addAttribute("teams", administration.teams());
        model.addAttribute("queues", acd.queues());
        return "routing-agents";
    }

    @GetMapping("/routing/agents/{id}")
    String agent(@PathVariable String id, Model model) {
        AgentView agent = acd.agent(id).orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(
                org.springframework.http.HttpStatus.NOT_FOUND));
        model.addAttribute("agent", agent);
        model.addAttribute("skillLines", agent.skills().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")));
        model.addAttribute("teams", administration.teams());
        model.addAttribute("queues", acd.queues());
        return "routing-agent";
    }

    @PostMapping("/routing/agents")
    String saveAgent(@RequestParam String id, @RequestParam String displayName, @RequestParam(defaultValue = "") String team,
            @RequestParam(defaultValue = "") String skills, @RequestParam(required = false) List<String> queues,
            RedirectAttributes redirect) {
        try {
            administration.saveAgent(id.strip(), displayName, team, skills, queues == null ? List.of() : queues);
            redirect.addFlashAttribute("saved", id.strip());
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/routing/agents";
    }

    @PostMapping("/routing/teams")
    String saveTeam(@RequestParam String id, @RequestParam String name, RedirectAttributes redirect) {
        try {
            administration.saveTeam(id.strip(), name);
            redirect.addFlashAttribute("saved", id.strip());
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/routing/agents";
    }
}
