package org.griot.workflow;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The deployment screen: what is deployed, what the folder refused, and the upload of a new version. */
@Controller
class ProcessesController {

    private final ProcessCatalog catalog;
    private final ProcessDeployments deployments;
    private final ProcessReleases releases;

    ProcessesController(ProcessCatalog catalog, ProcessDeployments deployments, ProcessReleases releases) {
        this.catalog = catalog;
        this.deployments = deployments;
        this.releases = releases;
    }

    @GetMapping("/processes")
    String list(Model model) {
        model.addAttribute("models", catalog.latest());
        model.addAttribute("folderProblems", deployments.folderProblems());
        return "processes";
    }

    @GetMapping("/processes/{key}")
    String versions(@PathVariable String key, Model model) {
        var versions = catalog.versions(key);
        if (versions.isEmpty()) {
            throw new UnknownProcessException(key);
        }
        model.addAttribute("key", key);
        model.addAttribute("versions", versions);
        model.addAttribute("source", catalog.source(key, versions.get(0).version()).orElse(null));
        model.addAttribute("production", releases.production(key).orElse(null));
        model.addAttribute("releases", releases.releases(key));
        return "process-versions";
    }

    /** Staging (the latest version) becomes production: real callers get it from their next call. */
    @PostMapping("/processes/{key}/promote")
    String promote(@PathVariable String key, RedirectAttributes redirect) {
        return release(key, redirect, () -> releases.promote(key));
    }

    /** Production goes back to the previous release. */
    @PostMapping("/processes/{key}/rollback")
    String rollback(@PathVariable String key, RedirectAttributes redirect) {
        return release(key, redirect, () -> releases.rollback(key));
    }

    private String release(String key, RedirectAttributes redirect, java.util.function.Supplier<ProcessReleases.Release> action) {
        if (catalog.versions(key).isEmpty()) {
            throw new UnknownProcessException(key);
        }
        try {
            redirect.addFlashAttribute("released", action.get());
        } catch (ProcessReleases.ReleaseRefusedException e) {
            redirect.addFlashAttribute("releaseRefused", e.getMessage());
        }
        return "redirect:/processes/" + key;
    }

    /** An unknown process key is the client's mistake: 404 on the processes screen, with the key named. */
    @ExceptionHandler(UnknownProcessException.class)
    String unknownProcess(UnknownProcessException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("unknownProcess", e.processKey());
        return list(model);
    }

    @PostMapping("/processes/deploy")
    String deploy(@RequestParam("file") MultipartFile file, Model model, RedirectAttributes redirect) throws IOException {
        try {
            DeploymentOutcome outcome = deployments.upload(file.getOriginalFilename(), file.getBytes());
            redirect.addFlashAttribute("deployed", outcome);
            return "redirect:/processes";
        } catch (ModelRejectedException e) {
            model.addAttribute("rejectedFile", file.getOriginalFilename());
            model.addAttribute("problems", e.problems());
            model.addAttribute("status", e instanceof ModelTooLargeException ? HttpStatus.PAYLOAD_TOO_LARGE.value()
                    : HttpStatus.UNPROCESSABLE_ENTITY.value());
            return list(model);
        }
    }
}
