package org.griot.workflow.internal;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;

/** No script runs in Griot's engine, in any language (JUEL, Groovy, JavaScript, Python...). */
final class ModelSandboxScriptEngines implements ScriptEngineResolver {

    private final ScriptEngineManager none = new ScriptEngineManager(ClassLoader.getPlatformClassLoader());

    @Override
    public void addScriptEngineFactory(ScriptEngineFactory factory) {
        // Nothing is registered: Griot's engine has no script engine.
    }

    @Override
    public ScriptEngineManager getScriptEngineManager() {
        return none;
    }

    @Override
    public ScriptEngine getScriptEngine(String language, boolean resolveFromCache) {
        throw new ProcessEngineException("Scripts are disabled in Griot (language " + language
                + "): models are data, not code (docs/adr/0011-models-are-data.md)");
    }
}
