package org.griot.workflow;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The deployment API (HTTP Basic): 201 with the new versions, 422 with every problem, 413 over the size cap. */
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

    /** The versions of one process, newest first; 404 with the key named when none is deployed. */
    @GetMapping("/{key}")
    ResponseEntity<?> versions(@PathVariable String key) {
        var versions = catalog.versions(key);
        if (versions.isEmpty()) {
            return unknown(key);
        }
        return ResponseEntity.ok(versions);
    }

    /** Any other request about one process: 404 naming the key when it is unknown (never a server error). */
    @RequestMapping(value = "/{key}", method = {RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH,
            RequestMethod.DELETE})
    ResponseEntity<?> otherMethod(@PathVariable String key) {
        return catalog.versions(key).isEmpty() ? unknown(key)
                : ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).body(Map.of("error", "models are deployed by"
                        + " POST /api/processes with the file"));
    }

    @RequestMapping("/{key}/**")
    ResponseEntity<?> subPath(@PathVariable String key) {
        return catalog.versions(key).isEmpty() ? unknown(key)
                : ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no such resource of process " + key));
    }

    @PostMapping
    ResponseEntity<?> deploy(@RequestParam("file") MultipartFile file) throws IOException {
        try {
            DeploymentOutcome outcome = deployments.upload(file.getOriginalFilename(), file.getBytes());
            return ResponseEntity.status(outcome.changed() ? HttpStatus.CREATED : HttpStatus.OK).body(outcome);
        } catch (ModelTooLargeException e) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(Map.of("rejected", file.getOriginalFilename(),
                    "problems", e.problems()));
        } catch (ModelRejectedException e) {
            return ResponseEntity.unprocessableEntity().body(Map.of("rejected", file.getOriginalFilename(),
                    "problems", e.problems()));
        }
    }

    private static ResponseEntity<?> unknown(String key) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no process '" + key + "' is deployed"));
    }
}
