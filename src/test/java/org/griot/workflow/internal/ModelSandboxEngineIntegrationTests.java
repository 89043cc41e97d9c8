package org.griot.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.StartProcessVariableScope;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.griot.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The application's engine (Spring starter, whose own expression manager resolves every bean) runs
 * Griot's sandbox: its expressions reach the registered delegates and Griot's functions, and no other
 * bean, engine object or Java method; it has no script engine and instantiates no model-named class.
 */
class ModelSandboxEngineIntegrationTests extends IntegrationTest {

    @Autowired
    ProcessEngine engine;

    ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    Object evaluate(String expression) {
        ProcessEngineConfigurationImpl configuration = configuration();
        return configuration.getCommandExecutorTxRequired().execute(context -> configuration.getExpressionManager()
                .createExpression(expression).getValue(StartProcessVariableScope.getSharedInstance()));
    }

    @Test
    void theEngineUsesGriotsSandboxNotTheSpringExpressionManager() {
        assertThat(configuration().getExpressionManager()).isInstanceOf(ModelSandboxExpressionManager.class);
    }

    @Test
    void registeredDelegatesAndGriotsFunctionsResolve() {
        assertThat(evaluate("${ivrSetLanguage}")).isInstanceOf(JavaDelegate.class);
        assertThat(evaluate("${startsWith('22997000001', '229') && length(upper('ab')) == 2}")).isEqualTo(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"${processDeployments}", "${repositoryService}", "${dataSource}", "${processEngine}",
            "${applicationContext}", "${execution}", "${authenticatedUserId}", "${''.getClass()}",
            "${ivrSetLanguage.getClass()}", "${ivrSetLanguage.memory}", "${currentUser()}", "${dateTime()}"})
    void nothingElseResolves(String expression) {
        // The engine wraps a failed evaluation (ProcessEngineException); an unknown function fails at binding (ELException).
        assertThatThrownBy(() -> evaluate(expression)).isInstanceOfAny(ProcessEngineException.class, ELException.class)
                .hasMessageContainingAll(expression.contains("()") && !expression.contains(".")
                        ? new String[] {"Could not resolve function"} : new String[] {"Cannot"});
    }

    @ParameterizedTest
    @ValueSource(strings = {"juel", "groovy", "javascript", "js", "python", "ecmascript"})
    void noScriptEngineExists(String language) {
        ProcessEngineConfigurationImpl configuration = configuration();
        assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(context ->
                configuration.getScriptingEngines().getScriptEngineForLanguage(language)))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Scripts are disabled");
    }

    @Test
    void noClassNamedByAModelIsInstantiated() {
        assertThatThrownBy(() -> configuration().getArtifactFactory().getArtifact(MarkerWritingDelegate.class))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("never instantiated");
    }
}
