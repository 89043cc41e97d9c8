package org.griot.decision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The rules API (HTTP Basic): the production rule base (GET), staging and production (GET /stages),
 * upload a DRL (200 with the new staging version or 422 with file/line errors), promote and roll
 * back (200 with the release, 409 when refused, e.g. four-eyes).
 */
@RestController
@RequestMapping("/api/rules")
class RulesApi {

    private final RulesHost host;

    RulesApi(RulesHost host) {
        this.host = host;
    }

    @GetMapping
    ResponseEntity<?> serving() {
        return host.serving().<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(503).body(Map.of("error", "no rule base serving")));
    }

    @GetMapping("/stages")
    Map<String, Object> stages() {
        Map<String, Object> stages = new java.util.LinkedHashMap<>();
        stages.put("staging", host.staging().orElse(null));
        stages.put("production", host.production().orElse(null));
        return stages;
    }

    @PostMapping("/promote")
    ResponseEntity<?> promote() {
        try {
            return ResponseEntity.ok(host.promote());
        } catch (RuleReleaseRefusedException e) {
            return ResponseEntity.status(409).body(Map.of("error", e.getMessage()));
        }
    }

    @PostMapping("/rollback")
    ResponseEntity<?> rollback() {
        try {
            return ResponseEntity.ok(host.rollback());
        } catch (RuleReleaseRefusedException e) {
            return ResponseEntity.status(409).body(Map.of("error", e.getMessage()));
        }
    }

    @PostMapping
    ResponseEntity<?> upload(@RequestParam("file") MultipartFile file) throws IOException {
        try {
            return ResponseEntity.ok(host.upload(file.getOriginalFilename(), new String(file.getBytes(), StandardCharsets.UTF_8)));
        } catch (RuleBaseRejectedException e) {
            return ResponseEntity.unprocessableEntity().body(Map.of("rejected", String.valueOf(file.getOriginalFilename()),
                    "errors", e.errors()));
        }
    }
}
