package org.griot.decision;

import java.util.List;

/** A rule base that did not build; the one serving before keeps serving. */
public class RuleBaseRejectedException extends RuntimeException {

    private final transient List<RuleMessage> errors;

    public RuleBaseRejectedException(List<RuleMessage> errors) {
        super("Rule base rejected: " + errors.size() + " error(s); first: " + (errors.isEmpty() ? "-" : errors.get(0)));
        this.errors = List.copyOf(errors);
    }

    public List<RuleMessage> errors() {
        return errors;
    }
}
