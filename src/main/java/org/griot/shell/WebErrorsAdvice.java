package org.griot.shell;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MultipartException;

/** A form posted without its file is the client's mistake: 400 with the reason, not a server error. */
@ControllerAdvice
class WebErrorsAdvice {

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<String> notMultipart(MultipartException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body("A file upload (multipart/form-data) is expected: "
                + e.getMessage());
    }
}
