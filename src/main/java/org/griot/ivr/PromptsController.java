package org.griot.ivr;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The prompts screen: upload a new version of a prompt (staging), listen to it, promote it to
 * production or roll production back, per prompt and language.
 */
@Controller
class PromptsController {

    private final PromptReleases releases;
    private final PromptCatalog catalog;

    PromptsController(PromptReleases releases, PromptCatalog catalog) {
        this.releases = releases;
        this.catalog = catalog;
    }

    @GetMapping("/prompts")
    String overview(Model model) {
        model.addAttribute("statuses", releases.statuses());
        model.addAttribute("languages", catalog.languages());
        model.addAttribute("promptIds", catalog.promptIds());
        model.addAttribute("maxKb", releases.maxUploadBytes() / 1024);
        return "prompts";
    }

    @GetMapping("/prompts/{language}/{promptId}")
    String prompt(@PathVariable String language, @PathVariable String promptId, Model model) {
        model.addAttribute("prompt", releases.status(promptId, language)
                .orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("releases", releases.releases(promptId, language));
        model.addAttribute("versions", releases.versions(promptId, language));
        model.addAttribute("shipped", catalog.has(promptId, language));
        return "prompt-versions";
    }

    @PostMapping("/prompts/upload")
    String upload(@RequestParam(defaultValue = "") String promptId, @RequestParam(defaultValue = "") String language,
            @RequestParam(defaultValue = "") String transcript, @RequestParam(name = "file", required = false) MultipartFile file,
            Model model, RedirectAttributes redirect, HttpServletResponse response) throws IOException {
        try {
            PromptReleases.Version uploaded = releases.upload(promptId, language, transcript, file == null ? null : file.getBytes());
            redirect.addFlashAttribute("uploaded", uploaded);
            return "redirect:/prompts/" + uploaded.language() + "/" + uploaded.promptId();
        } catch (PromptReleases.PromptRejectedException e) {
            // Re-shown with what was typed: only the file must be chosen again.
            model.addAttribute("problems", e.problems());
            model.addAttribute("promptId", promptId);
            model.addAttribute("language", language);
            model.addAttribute("transcript", transcript);
            model.addAttribute("rejectedFile", file == null ? null : file.getOriginalFilename());
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return overview(model);
        }
    }

    @PostMapping("/prompts/{language}/{promptId}/promote")
    String promote(@PathVariable String language, @PathVariable String promptId, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("released", releases.promote(promptId, language));
        } catch (PromptReleases.PromptReleaseRefusedException e) {
            redirect.addFlashAttribute("releaseRefused", e.getMessage());
        }
        return "redirect:/prompts/" + language + "/" + promptId;
    }

    @PostMapping("/prompts/{language}/{promptId}/rollback")
    String rollback(@PathVariable String language, @PathVariable String promptId, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("released", releases.rollback(promptId, language));
        } catch (PromptReleases.PromptReleaseRefusedException e) {
            redirect.addFlashAttribute("releaseRefused", e.getMessage());
        }
        return "redirect:/prompts/" + language + "/" + promptId;
    }

    /** A version's audio, to listen to in the browser (version 0: the shipped file). */
    @GetMapping("/prompts/{language}/{promptId}/v{version}.wav")
    ResponseEntity<byte[]> audio(@PathVariable String language, @PathVariable String promptId, @PathVariable int version) {
        if (!PromptCatalog.isValidName(promptId) || !language.matches("[a-z]{2,3}")) {
            return ResponseEntity.notFound().build();
        }
        return releases.audio(promptId, language, version)
                .map(bytes -> ResponseEntity.ok().contentType(MediaType.parseMediaType("audio/wav")).body(bytes))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
