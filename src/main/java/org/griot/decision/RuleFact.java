package org.griot.decision;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class of the rule vocabulary: analysts' rules may import it, match it, read its properties,
 * call its public methods (its own, not those it inherits from a class without this mark) and insert
 * new ones. Nothing else is reachable from a rule (ADR 0012), so a developer adding a fact type
 * decides, in reviewed code, exactly what rules can do with it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleFact {
}
