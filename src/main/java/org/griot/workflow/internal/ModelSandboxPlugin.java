package org.griot.workflow.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.camunda.bpm.engine.ArtifactFactory;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;

/**
 * Models are data, not code, inside the engine too (docs/adr/0011-models-are-data.md): every deployment
 * is checked ({@link ModelSandboxDeployer}), expressions are evaluated in a sandbox
 * ({@link ModelSandboxExpressionManager}), no script engine exists ({@link ModelSandboxScriptEngines})
 * and no Java class named by a model is ever instantiated ({@code camunda:class}).
 */
public class ModelSandboxPlugin implements ProcessEnginePlugin {

    /** Finds a registered delegate by bean name (the application context; Camunda's mocks in process tests). */
    @FunctionalInterface
    public interface DelegateLookup {
        Object find(String beanName);
    }

    private final DelegateLookup delegates;
    private final Predicate<String> serverObjects;
    private final boolean checkDeployments;

    /**
     * @param delegates       where registered delegates are found
     * @param serverObjects   names of server components an expression may not name (Spring beans)
     * @param checkDeployments false only in tests of the run-time sandbox alone
     */
    public ModelSandboxPlugin(DelegateLookup delegates, Predicate<String> serverObjects, boolean checkDeployments) {
        this.delegates = delegates;
        this.serverObjects = serverObjects;
        this.checkDeployments = checkDeployments;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setExpressionManager(new ModelSandboxExpressionManager(delegates));
        configuration.setScriptEngineResolver(new ModelSandboxScriptEngines());
        configuration.setScriptingEngines(null); // rebuilt by the engine on the resolver above
        configuration.setArtifactFactory(new NoArtifacts());
        if (checkDeployments) {
            List<Deployer> preDeployers = new ArrayList<>();
            preDeployers.add(new ModelSandboxDeployer(serverObjects));
            if (configuration.getCustomPreDeployers() != null) {
                preDeployers.addAll(configuration.getCustomPreDeployers());
            }
            configuration.setCustomPreDeployers(preDeployers);
        }
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (!(configuration.getExpressionManager() instanceof ModelSandboxExpressionManager)) {
            throw new IllegalStateException("Another component replaced Griot's expression sandbox: "
                    + configuration.getExpressionManager().getClass().getName());
        }
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        // nothing to do once built
    }

    /** camunda:class, class listeners, variable mapping classes: the engine's only way to instantiate them. */
    private static final class NoArtifacts implements ArtifactFactory {
        @Override
        public <T> T getArtifact(Class<T> type) {
            throw new ProcessEngineException("Java classes named by a model are never instantiated in Griot ("
                    + type.getName() + "): models are data, not code");
        }
    }
}
