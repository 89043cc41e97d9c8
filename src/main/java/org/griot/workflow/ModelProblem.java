package org.griot.workflow;

/** A parse or validation problem of a BPMN/DMN model: where (resource, line, element) and what. */
public record ModelProblem(String resource, int line, int column, String elementId, String message) {

    @Override
    public String toString() {
        return resource + (line > 0 ? ":" + line + ":" + column : "") + (elementId == null ? "" : " [" + elementId + "]")
                + ": " + message;
    }
}
