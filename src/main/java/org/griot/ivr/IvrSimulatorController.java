package org.griot.ivr;

import java.security.Principal;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The browser IVR simulator's screens: the dial form, the live call (diagram, transcript, keypad),
 * its event stream (Server-Sent Events: the call pushes each prompt, step and the outcome), and the
 * keys, silence and hang-up the analyst sends.
 */
@Controller
class IvrSimulatorController {

    static final Duration STREAM_TIMEOUT = IvrSimulator.INPUT_TIMEOUT.plusMinutes(1);

    private final IvrSimulator simulator;
    private final org.griot.workflow.ProcessDiagrams diagrams;

    IvrSimulatorController(IvrSimulator simulator, org.griot.workflow.ProcessDiagrams diagrams) {
        this.simulator = simulator;
        this.diagrams = diagrams;
    }

    @GetMapping("/ivr/simulator")
    String form(Model model) {
        if (!model.containsAttribute("callerNumber")) {
            model.addAttribute("callerNumber", "");
            model.addAttribute("serviceNumber", "1919");
            model.addAttribute("environment", "staging");
        }
        return "ivr-simulator";
    }

    @PostMapping("/ivr/simulator/calls")
    String dial(@RequestParam(defaultValue = "") String callerNumber, @RequestParam(defaultValue = "1919") String serviceNumber,
            @RequestParam(defaultValue = "staging") String environment, Principal principal, Model model) {
        String caller = callerNumber.strip();
        String service = serviceNumber.strip();
        if (!caller.matches("\\+?[0-9]{2,20}") || !service.matches("[0-9]{2,10}")) {
            model.addAttribute("callerNumber", caller);
            model.addAttribute("serviceNumber", service);
            model.addAttribute("environment", environment);
            model.addAttribute("invalidNumber", true);
            return form(model);
        }
        try {
            SimulatorCall call = simulator.start(principal.getName(), caller, service, !"production".equals(environment));
            return "redirect:/ivr/simulator/calls/" + call.id();
        } catch (IvrSimulator.TooManySimulatedCallsException e) {
            model.addAttribute("callerNumber", caller);
            model.addAttribute("serviceNumber", service);
            model.addAttribute("environment", environment);
            model.addAttribute("tooManyCalls", true);
            return form(model);
        }
    }

    @GetMapping("/ivr/simulator/calls/{id}")
    String call(@PathVariable String id, Principal principal, Model model) {
        SimulatorCall call = callOf(id, principal);
        model.addAttribute("callId", call.id());
        model.addAttribute("callerNumber", call.callerNumber());
        model.addAttribute("serviceNumber", call.serviceNumber());
        model.addAttribute("staging", call.staging());
        simulator.versionOf(call).ifPresent(version -> {
            model.addAttribute("version", version);
            model.addAttribute("svg", diagrams.diagram(version).toSvg());
        });
        return "ivr-simulator-call";
    }

    /** The call's events: those already past (after Last-Event-ID when the browser reconnects), then live. */
    @GetMapping(path = "/ivr/simulator/calls/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            Principal principal) {
        SimulatorCall call = callOf(id, principal);
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        SimulatorCall.Subscriber subscriber = SimulatorCall.subscriber(
                event -> emitter.send(SseEmitter.event().id(Long.toString(event.id())).name(event.type())
                        .data(event.data(), MediaType.APPLICATION_JSON)),
                emitter::complete);
        emitter.onCompletion(() -> call.unsubscribe(subscriber));
        emitter.onTimeout(() -> call.unsubscribe(subscriber));
        emitter.onError(e -> call.unsubscribe(subscriber));
        call.subscribe(parse(lastEventId), subscriber);
        return emitter;
    }

    @PostMapping("/ivr/simulator/calls/{id}/keys")
    ResponseEntity<Void> press(@PathVariable String id, @RequestParam String key, Principal principal) {
        if (key.length() != 1 || BrowserCallSession.KEYS.indexOf(key.charAt(0)) < 0) {
            return ResponseEntity.badRequest().build();
        }
        callOf(id, principal).press(key.charAt(0));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/ivr/simulator/calls/{id}/silence")
    ResponseEntity<Void> silence(@PathVariable String id, Principal principal) {
        callOf(id, principal).silence();
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/ivr/simulator/calls/{id}/hangup")
    ResponseEntity<Void> hangUp(@PathVariable String id, Principal principal) {
        callOf(id, principal).hangUp();
        return ResponseEntity.noContent().build();
    }

    private SimulatorCall callOf(String id, Principal principal) {
        return simulator.find(id, principal.getName()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static long parse(String lastEventId) {
        try {
            return lastEventId == null ? 0 : Long.parseLong(lastEventId.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
