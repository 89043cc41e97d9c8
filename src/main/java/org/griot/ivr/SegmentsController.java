package org.griot.ivr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The segment table (VIP list, consumption tiers): counts and CSV import, for administrators. */
@Controller
class SegmentsController {

    private final CallerSegments segments;

    SegmentsController(CallerSegments segments) {
        this.segments = segments;
    }

    @GetMapping("/admin/segments")
    String overview(Model model) {
        model.addAttribute("counts", segments.counts());
        return "segments";
    }

    @PostMapping("/admin/segments")
    String importCsv(@RequestParam("file") MultipartFile file, Model model, RedirectAttributes redirect) throws IOException {
        try {
            redirect.addFlashAttribute("imported", segments.importCsv(new String(file.getBytes(), StandardCharsets.UTF_8)));
            return "redirect:/admin/segments";
        } catch (CallerSegments.ImportRefusedException e) {
            model.addAttribute("problems", e.problems());
            return overview(model);
        }
    }
}
