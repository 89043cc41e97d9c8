package org.griot.telephony.simulated;

import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Demo calls without a PBX: places a call to a service number on the simulated PBX, the caller
 * pressing the given keys at each menu, so that a demo shows the whole path (IVR, queue, agent desk).
 * Exists only with the simulated adapter.
 */
@Controller
@ConditionalOnProperty(name = "griot.telephony.adapter", havingValue = "simulated", matchIfMissing = true)
class DemoCallsController {

    private final SimulatedTelephony telephony;

    DemoCallsController(SimulatedTelephony telephony) {
        this.telephony = telephony;
    }

    @GetMapping("/demo/calls")
    String form(Model model) {
        if (!model.containsAttribute("callerNumber")) {
            model.addAttribute("callerNumber", "22997000002");
            model.addAttribute("keys", "1 0");
        }
        return "demo-calls";
    }

    @PostMapping("/demo/calls")
    String place(@RequestParam String callerNumber, @RequestParam(defaultValue = "") String keys, RedirectAttributes redirect) {
        String caller = callerNumber.strip();
        String[] presses = keys.isBlank() ? new String[0] : keys.strip().split("\\s+");
        redirect.addFlashAttribute("callerNumber", caller);
        redirect.addFlashAttribute("keys", keys.strip());
        if (!caller.matches("\\+?[0-9]{2,20}") || Arrays.stream(presses).anyMatch(p -> !p.matches("[0-9*#]{1,20}"))) {
            redirect.addFlashAttribute("invalid", true);
            return "redirect:/demo/calls";
        }
        var call = telephony.placeCall(caller, "1919", "ivr", Map.of(), SimulatedCaller.pressing(presses));
        redirect.addFlashAttribute("placed", call.id().value());
        return "redirect:/demo/calls";
    }
}
