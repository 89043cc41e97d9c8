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

/** The rules API (HTTP Basic): upload a DRL; 200 with the new version or 422 with file/line errors. */
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
