package org.griot.callback;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The supervisors' callback page: figures per queue over a period and the latest requests. */
@Controller
class CallbackController {

    private final CallbackReport report;
    private final CallbackRequests requests;
    private final ZoneId zone;

    CallbackController(CallbackReport report, CallbackRequests requests,
            @Value("${griot.routing.zone:Africa/Porto-Novo}") String zone) {
        this.report = report;
        this.requests = requests;
        this.zone = ZoneId.of(zone);
    }

    @org.springframework.web.bind.annotation.PostMapping("/callbacks/{id}/cancel")
    String cancel(@org.springframework.web.bind.annotation.PathVariable long id, @RequestParam(defaultValue = "") String reason,
            org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute(requests.cancel(id, reason) ? "cancelled" : "notOpen", id);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("notOpen", id);
        }
        return "redirect:/callbacks";
    }

    @GetMapping("/callbacks")
    String page(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to, Model model) {
        LocalDate first = from == null ? LocalDate.now(zone) : from;
        LocalDate last = to == null ? first : to;
        if (last.isBefore(first)) {
            last = first;
        }
        Instant start = first.atStartOfDay(zone).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
        model.addAttribute("from", first);
        model.addAttribute("to", last);
        model.addAttribute("lines", report.between(start, end));
        model.addAttribute("latest", requests.since(start, 50));
        return "callbacks";
    }
}
