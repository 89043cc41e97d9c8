package org.griot.decision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The rules screen: the staging and production rule bases side by side, promote and roll back,
 * their history, the last refusal, upload and reload.
 */
@Controller
class RulesController {

    private final RulesHost host;

    RulesController(RulesHost host) {
        this.host = host;
    }

    @GetMapping("/rules")
    String overview(Model model) {
        model.addAttribute("serving", host.production().orElse(null));
        model.addAttribute("staging", host.staging().orElse(null));
        model.addAttribute("releases", host.releases(10));
        model.addAttribute("rejection", host.lastRejection().orElse(null));
        model.addAttribute("history", host.history(20));
        return "rules";
    }

    @GetMapping("/rules/versions/{version}")
    String version(@PathVariable long version, Model model) {
        model.addAttribute("version", version);
        model.addAttribute("sources", host.sources(version));
        return "rules-version";
    }

    @PostMapping("/rules/upload")
    String upload(@RequestParam("file") MultipartFile file, Model model, RedirectAttributes redirect) throws IOException {
        try {
            RuleBaseSummary activated = host.upload(file.getOriginalFilename(), new String(file.getBytes(), StandardCharsets.UTF_8));
            redirect.addFlashAttribute("activated", activated);
            return "redirect:/rules";
        } catch (RuleBaseRejectedException e) {
            model.addAttribute("rejectedFile", file.getOriginalFilename());
            model.addAttribute("errors", e.errors());
            model.addAttribute("status", HttpStatus.UNPROCESSABLE_ENTITY.value());
            return overview(model);
        }
    }

    /** Staging becomes production (one action; four-eyes when on). */
    @PostMapping("/rules/promote")
    String promote(RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("released", host.promote());
        } catch (RuleReleaseRefusedException e) {
            redirect.addFlashAttribute("releaseRefused", e.getMessage());
        }
        return "redirect:/rules";
    }

    /** Production goes back to the previous release. */
    @PostMapping("/rules/rollback")
    String rollback(RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("released", host.rollback());
        } catch (RuleReleaseRefusedException e) {
            redirect.addFlashAttribute("releaseRefused", e.getMessage());
        }
        return "redirect:/rules";
    }

    @PostMapping("/rules/reload")
    String reload(Model model, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("activated", host.reloadRequested());
            return "redirect:/rules";
        } catch (RuleBaseRejectedException e) {
            model.addAttribute("errors", e.errors());
            return overview(model);
        }
    }
}
