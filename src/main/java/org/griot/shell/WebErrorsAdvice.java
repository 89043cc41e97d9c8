package org.griot.shell;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/** A form posted without its file is the client's mistake: 400 with the reason, not a server error. */
@ControllerAdvice
class WebErrorsAdvice {

    /** Over spring.servlet.multipart.max-file-size: 413 naming the limit (each upload has its own, smaller, cap too). */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<String> tooLarge(MaxUploadSizeExceededException e) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body("The upload is too large: " + e.getMessage());
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<String> notMultipart(MultipartException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body("A file upload (multipart/form-data) is expected: "
                + e.getMessage());
    }
}
