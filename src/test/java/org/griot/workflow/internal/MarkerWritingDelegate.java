package org.griot.workflow.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.griot.workflow.HostileModels;

/** The Java a hostile model names with camunda:class: it writes the marker file if it ever runs. */
public class MarkerWritingDelegate implements JavaDelegate, ExecutionListener, TaskListener {

    @Override
    public void execute(DelegateExecution execution) {
        write();
    }

    @Override
    public void notify(DelegateExecution execution) {
        write();
    }

    @Override
    public void notify(DelegateTask task) {
        write();
    }

    private static void write() {
        try {
            Files.writeString(Path.of(System.getProperty(HostileModels.MARKER_PROPERTY)), "pwned");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
