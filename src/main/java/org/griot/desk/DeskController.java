package org.griot.desk;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.griot.routing.Acd;
import org.griot.routing.AcdException;
import org.griot.routing.AgentState;
import org.griot.routing.AgentView;
import org.griot.routing.ContactView;
import org.griot.workflow.WorkTasks;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agent desk: log in on a desk phone, state buttons, the task list (the live call first), the
 * screen pop of the offered or current call, wrap-up with a disposition, transfers. Every action is
 * a plain form post (it works without script and with the keyboard); the page listens to
 * /desk/events and re-reads its panel when the ACD pushes a change.
 */
@Controller
class DeskController {

    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final Acd acd;
    private final ScreenPops screenPops;
    private final DeskPushes pushes;
    private final WorkTasks tasks;

    private final boolean demoCalls;
    private final org.griot.callback.CallbackRequests callbacks;

    DeskController(Acd acd, ScreenPops screenPops, DeskPushes pushes, WorkTasks tasks,
            org.griot.callback.CallbackRequests callbacks,
            @org.springframework.beans.factory.annotation.Value("${griot.telephony.adapter:simulated}") String adapter) {
        this.demoCalls = "simulated".equals(adapter);
        this.callbacks = callbacks;
        this.acd = acd;
        this.screenPops = screenPops;
        this.pushes = pushes;
        this.tasks = tasks;
    }

    @GetMapping("/desk")
    String desk(Principal principal, Model model) {
        fill(principal.getName(), model);
        return "desk";
    }

    /** The part of the desk that changes (re-read after a push). */
    @GetMapping("/desk/panel")
    String panel(Principal principal, Model model) {
        fill(principal.getName(), model);
        return "desk :: panel";
    }

    @GetMapping(path = "/desk/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(Principal principal) {
        String agentId = principal.getName();
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        DeskPushes.Desk desk = DeskPushes.desk((event, data) -> emitter.send(SseEmitter.event().name(event).data(data)),
                emitter::complete);
        emitter.onCompletion(() -> pushes.close(agentId, desk));
        emitter.onTimeout(() -> pushes.close(agentId, desk));
        emitter.onError(e -> pushes.close(agentId, desk));
        pushes.open(agentId, desk);
        try {
            // The agent's state as of now: a desk rendered before a change it missed refreshes itself.
            emitter.send(SseEmitter.event().name("hello").data(acd.isDispatcher() ? acd.agent(agentId).map(DeskController::stamp)
                    .orElse("none") : "none"));
        } catch (java.io.IOException e) {
            pushes.close(agentId, desk);
        }
        return emitter;
    }

    @PostMapping("/desk/login")
    String login(@RequestParam String extension, Principal principal, RedirectAttributes redirect) {
        return act(redirect, () -> acd.login(principal.getName(), extension.strip()));
    }

    @PostMapping("/desk/available")
    String available(Principal principal, RedirectAttributes redirect) {
        return act(redirect, () -> acd.makeAvailable(principal.getName()));
    }

    @PostMapping("/desk/pause")
    String pause(@RequestParam(defaultValue = "break") String reason, Principal principal, RedirectAttributes redirect) {
        return act(redirect, () -> acd.pause(principal.getName(), reason));
    }

    @PostMapping("/desk/logout")
    String logout(Principal principal, RedirectAttributes redirect) {
        return act(redirect, () -> acd.logout(principal.getName()));
    }

    @PostMapping("/desk/hangup")
    String hangUp(Principal principal, RedirectAttributes redirect) {
        return act(redirect, () -> acd.hangUp(principal.getName()));
    }

    @PostMapping("/desk/wrap-up")
    String wrapUp(@RequestParam long contactId, @RequestParam(defaultValue = "") String disposition,
            @RequestParam(defaultValue = "") String notes, Principal principal, RedirectAttributes redirect) {
        String result = act(redirect, () -> acd.wrapUp(principal.getName(), contactId, disposition, notes));
        if (!redirect.getFlashAttributes().containsKey("problem")) {
            redirect.addFlashAttribute("saved", contactId);
        }
        return result;
    }

    /** Preview callback: the agent has read the record and dials (their phone rings first, then the customer's). */
    @PostMapping("/desk/callback/dial")
    String dialCallback(Principal principal, RedirectAttributes redirect) {
        return act(redirect, () -> acd.dialPreview(principal.getName()));
    }

    /** Preview callback: the agent passes it back to the line (it is offered to someone else). */
    @PostMapping("/desk/callback/skip")
    String skipCallback(Principal principal, RedirectAttributes redirect) {
        return act(redirect, () -> acd.skipPreview(principal.getName()));
    }

    /** The message a caller left (voicemail), for the agent returning it. */
    @GetMapping("/desk/recordings/{requestId}")
    org.springframework.http.ResponseEntity<org.springframework.core.io.Resource> recording(
            @org.springframework.web.bind.annotation.PathVariable long requestId, Principal principal) {
        // Customers' messages: only to the agent returning this one (their current contact).
        boolean theirs = acd.isDispatcher() && acd.agent(principal.getName()).map(AgentView::contactId)
                .flatMap(acd::contact).map(ContactView::callbackRequestId).filter(id -> id == requestId).isPresent();
        if (!theirs) {
            return org.springframework.http.ResponseEntity.notFound().build();
        }
        return callbacks.recording(requestId)
                .map(path -> org.springframework.http.ResponseEntity.ok().contentType(MediaType.parseMediaType("audio/wav"))
                        .<org.springframework.core.io.Resource>body(new org.springframework.core.io.FileSystemResource(path)))
                .orElseGet(() -> org.springframework.http.ResponseEntity.notFound().build());
    }

    @PostMapping("/desk/transfer")
    String transfer(@RequestParam(defaultValue = "") String queue, @RequestParam(defaultValue = "") String colleague,
            Principal principal, RedirectAttributes redirect) {
        return act(redirect, () -> {
            if (!colleague.isBlank()) {
                acd.transferToAgent(principal.getName(), colleague);
            } else if (!queue.isBlank()) {
                acd.transferToQueue(principal.getName(), queue);
            } else {
                throw new AcdException("Choose a queue or a colleague");
            }
        });
    }

    private String act(RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
        } catch (AcdException | IllegalArgumentException | UnsupportedOperationException | org.griot.telephony.TelephonyException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/desk";
    }

    /** What identifies the desk's current picture: state, since when, which contact. */
    static String stamp(AgentView agent) {
        return agent.state() + "@" + (agent.stateSince() == null ? 0 : agent.stateSince().toEpochMilli()) + "#" + agent.contactId();
    }

    private void fill(String agentId, Model model) {
        Optional<AgentView> found = acd.isDispatcher() ? acd.agent(agentId) : Optional.empty();
        model.addAttribute("dispatcher", acd.isDispatcher());
        model.addAttribute("demoCalls", demoCalls);
        if (found.isEmpty()) {
            model.addAttribute("stamp", "none");
            model.addAttribute("noProfile", true);
            return;
        }
        AgentView agent = found.get();
        model.addAttribute("agent", agent);
        model.addAttribute("stamp", stamp(agent));
        ContactView contact = agent.contactId() == null ? null : acd.contact(agent.contactId()).orElse(null);
        boolean current = contact != null && (agent.state() == AgentState.RESERVED || agent.state() == AgentState.ON_CALL
                || agent.state() == AgentState.WRAP_UP || contact.disposition() == null && contact.answeredAt() != null);
        if (current) {
            model.addAttribute("contact", contact);
            model.addAttribute("pop", screenPops.of(contact));
            model.addAttribute("dispositions", acd.dispositions(contact.queue()));
            if (contact.callbackRequestId() != null) {
                callbacks.find(contact.callbackRequestId()).ifPresent(request -> model.addAttribute("callback", request));
                model.addAttribute("hasRecording", callbacks.recording(contact.callbackRequestId()).isPresent());
                model.addAttribute("preview", acd.policy(contact.queue()).callbackMode()
                        == org.griot.routing.QueuePolicy.CallbackMode.PREVIEW);
            }
        }
        model.addAttribute("queues", acd.queues());
        model.addAttribute("colleagues", acd.agents().stream()
                .filter(a -> !a.id().equals(agentId) && a.state() == AgentState.AVAILABLE).toList());
        model.addAttribute("recent", acd.handledBy(agentId, 10));
        model.addAttribute("tasks", tasks.openFor(agentId, List.copyOf(agent.queues()), 20));
        model.addAttribute("pauseReasons", List.of("break", "lunch", "training", "meeting", "back-office"));
    }
}
