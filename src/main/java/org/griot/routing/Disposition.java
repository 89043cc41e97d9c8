package org.griot.routing;

/** A reason code an agent picks at wrap-up, administered per queue. */
public record Disposition(String queue, String code, String label) {

    public Disposition {
        if (code == null || !code.matches("[A-Z0-9][A-Z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("A disposition code is 1 to 32 capitals, digits, _ or -: " + code);
        }
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("Disposition " + code + " needs a label");
        }
    }
}
