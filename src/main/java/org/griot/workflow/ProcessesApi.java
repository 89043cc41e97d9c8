package org.griot.workflow;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The deployment API (HTTP Basic): 201 with the new versions, or 422 with every problem. */
@RestController
@RequestMapping("/api/processes")
class ProcessesApi {

    private final ProcessCatalog catalog;
    private final ProcessDeployments deployments;

    ProcessesApi(ProcessCatalog catalog, ProcessDeployments deployments) {
        this.catalog = catalog;
        this.deployments = deployments;
    }

    @GetMapping
    List<DeployedModel> latest() {
        return catalog.latest();
    }

    @PostMapping
    ResponseEntity<?> deploy(@RequestParam("file") MultipartFile file) throws IOException {
        try {
            DeploymentOutcome outcome = deployments.upload(file.getOriginalFilename(), file.getBytes());
            return ResponseEntity.status(outcome.changed() ? HttpStatus.CREATED : HttpStatus.OK).body(outcome);
        } catch (ModelRejectedException e) {
            return ResponseEntity.unprocessableEntity().body(Map.of("rejected", file.getOriginalFilename(),
                    "problems", e.problems()));
        }
    }
}
