package org.griot.workflow.internal;

import java.lang.reflect.Method;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.FunctionMapper;
import org.griot.workflow.ExpressionFunctions;

/**
 * The engine's expression manager in Griot: Camunda's JUEL, with {@link ModelSandboxElResolver} instead
 * of Camunda's resolvers (which reach {@code execution}, engine services, Spring beans and any public
 * method by reflection) and {@link ExpressionFunctions} as the only functions. Replaces the Spring
 * starter's SpringExpressionManager, which resolves every bean of the application context.
 */
final class ModelSandboxExpressionManager extends JuelExpressionManager {

    private final ModelSandboxPlugin.DelegateLookup delegates;

    ModelSandboxExpressionManager(ModelSandboxPlugin.DelegateLookup delegates) {
        this.delegates = delegates;
        functions.clear();
        functions.putAll(ExpressionFunctions.all());
    }

    /** The engine registers currentUser(), dateTime(), ...: only the registry's own functions are kept. */
    @Override
    public void addFunction(String name, Method function) {
        if (function.getDeclaringClass() == ExpressionFunctions.class) {
            functions.put(name, function);
        }
    }

    @Override
    protected ELResolver createElResolver() {
        return new ModelSandboxElResolver(delegates);
    }

    @Override
    protected FunctionMapper createFunctionMapper() {
        return new FunctionMapper() {
            @Override
            public Method resolveFunction(String prefix, String localName) {
                return prefix == null || prefix.isEmpty() ? functions.get(localName) : null;
            }
        };
    }
}
