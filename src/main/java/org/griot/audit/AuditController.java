package org.griot.audit;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The auditors' screen: Griot's audit trail beside Camunda's user-operation log, and the chain check. */
@Controller
class AuditController {

    private final AuditTrail trail;
    private final List<OperationLogSource> otherLogs;

    AuditController(AuditTrail trail, List<OperationLogSource> otherLogs) {
        this.trail = trail;
        this.otherLogs = otherLogs;
    }

    @GetMapping("/audit")
    String trail(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
        AuditQuery query = new AuditQuery(actor, action, from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), 200);
        model.addAttribute("events", trail.search(query));
        List<OperationLogSource.Operation> operations = new ArrayList<>();
        otherLogs.forEach(source -> operations.addAll(source.latest(100)));
        operations.sort(Comparator.comparing(OperationLogSource.Operation::timestamp).reversed());
        model.addAttribute("operations", operations);
        model.addAttribute("verification", trail.lastVerification().orElse(null));
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "audit";
    }

    @PostMapping("/audit/verify")
    String verify(RedirectAttributes redirect) {
        AuditVerification result = trail.verify();
        trail.record(AuditAction.AUDIT_VERIFIED, "audit_event", null, "eventsChecked=" + result.eventsChecked()
                + ", checkpointsChecked=" + result.checkpointsChecked() + ", keyId=" + result.keyId()
                + ", intact=" + result.intact(), result.intact() ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE);
        redirect.addFlashAttribute("verified", result);
        return "redirect:/audit";
    }
}
