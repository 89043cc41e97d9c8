package org.griot.workflow.internal;

import java.beans.FeatureDescriptor;
import java.lang.reflect.Array;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.PropertyNotWritableException;
import org.griot.workflow.ModelDelegates;

/**
 * The only names an expression sees at run time: the process variables of its scope, and Griot's
 * registered delegates (for {@code camunda:delegateExpression}). Read access to a map's entries and a
 * list's or array's elements; nothing else: no bean properties, no method invocation (no
 * {@code getClass()}, no engine services), no writes. What this resolver leaves unresolved, JUEL reports
 * as an unknown property or method, and the step fails without running anything.
 */
final class ModelSandboxElResolver extends ELResolver {

    private final ModelSandboxPlugin.DelegateLookup delegates;

    ModelSandboxElResolver(ModelSandboxPlugin.DelegateLookup delegates) {
        this.delegates = delegates;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base == null) {
            return identifier(context, String.valueOf(property));
        }
        if (base instanceof Map<?, ?> map) {
            context.setPropertyResolved(true);
            return map.get(property);
        }
        Integer index = index(property);
        if (index == null) {
            return null;
        }
        if (base instanceof List<?> list) {
            context.setPropertyResolved(true);
            return index >= 0 && index < list.size() ? list.get(index) : null;
        }
        if (base.getClass().isArray()) {
            context.setPropertyResolved(true);
            return index >= 0 && index < Array.getLength(base) ? Array.get(base, index) : null;
        }
        return null;
    }

    private Object identifier(ELContext context, String name) {
        Object scope = context.getContext(VariableScope.class);
        if (scope instanceof VariableScope variables && variables.hasVariable(name)) {
            context.setPropertyResolved(true);
            return variables.getVariable(name);
        }
        Object variableContext = context.getContext(VariableContext.class);
        if (variableContext instanceof VariableContext variables && variables.containsVariable(name)) {
            context.setPropertyResolved(true);
            TypedValue value = variables.resolve(name);
            return value == null ? null : value.getValue();
        }
        if (ModelDelegates.isRegistered(name)) {
            Object delegate = delegates.find(name);
            if (delegate != null) {
                context.setPropertyResolved(true);
                return delegate;
            }
        }
        return null;
    }

    private static Integer index(Object property) {
        if (property instanceof Number number) {
            return number.intValue();
        }
        try {
            return property == null ? null : Integer.valueOf(property.toString());
        } catch (NumberFormatException notAnIndex) {
            return null;
        }
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        throw new PropertyNotWritableException("expressions of Griot's models cannot change values");
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        context.setPropertyResolved(true);
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return Collections.emptyIterator();
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return base == null ? String.class : Object.class;
    }
}
