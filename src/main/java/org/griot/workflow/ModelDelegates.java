package org.griot.workflow;

import java.util.Set;
import java.util.TreeSet;

/**
 * The process delegates a model may name in {@code camunda:delegateExpression="${name}"}: reviewed Java
 * written by developers, composed by analysts. Adding a {@code JavaDelegate} bean to Griot means adding
 * its bean name here ({@code ModelDelegatesTests} fails otherwise); a model naming anything else is
 * refused, and the engine's expression sandbox resolves no other bean (docs/adr/0011-models-are-data.md).
 */
public final class ModelDelegates {

    private static final Set<String> NAMES = Set.of(
            "ivrSetLanguage", "ivrRouteToAgent", "ivrRequestCallback", // ivr
            "callbackTakePlace", "callbackFinish", // callback
            "outagePlaybookRules", // routing
            "sampleTriageDelegate"); // sample

    private ModelDelegates() {
    }

    public static boolean isRegistered(String beanName) {
        return NAMES.contains(beanName);
    }

    public static Set<String> names() {
        return new TreeSet<>(NAMES);
    }
}
