package org.griot.workflow;

import java.util.List;
import org.springframework.util.unit.DataSize;

/** An upload over griot.processes.max-upload-size: refused before it is parsed (413). */
public class ModelTooLargeException extends ModelRejectedException {

    public ModelTooLargeException(String resource, long size, DataSize limit) {
        super(List.of(new ModelProblem(resource, 0, 0, null, "the model is " + size + " bytes; uploads are limited to "
                + limit.toBytes() + " bytes (griot.processes.max-upload-size)")));
    }
}
