package org.griot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionCheckTests {

    static final Predicate<String> BEANS = Set.of("processDeployments", "repositoryService", "dataSource")::contains;

    @ParameterizedTest
    @ValueSource(strings = {"${choice == '1'}", "${!menuFailed && choice == '0'}",
            "${attemptOutcome != 'ANSWERED' && attempts >= maxAttempts}", "${language == null}", "${retryDelay}",
            "${customer.segment == 'VIP'}", "${customer['segment']}", "${list[0] > 3 ? 'a' : 'b'}",
            "${startsWith(callerNumber, '229') || endsWith(callerNumber, '00')}", "${lower(name) == 'ana'}",
            "${length(trim(digits)) == 8}", "${now()}", "${contains(upper(x), 'A')}", "${empty x}", "#{a + 1}",
            "Bonjour ${name} !", "${not (a lt 3) and b eq 'x'}"})
    void expressionsOfVariablesOperatorsAndRegisteredFunctionsAreAllowed(String expression) {
        assertThat(ExpressionCheck.problems(expression, BEANS)).isEmpty();
    }

    @Test
    void reflectionToRuntimeIsRefusedAtEveryMethodCall() {
        assertThat(ExpressionCheck.problems("${''.getClass().forName('java.lang.Runtime').getRuntime().exec('id')}", BEANS))
                .anySatisfy(p -> assertThat(p).contains("calls the method 'exec'"))
                .allSatisfy(p -> assertThat(p).contains("'${''.getClass()"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"${execution.getProcessEngineServices()}", "${execution.processEngineServices}",
            "${task.delegationState}", "${externalTask}", "${authenticatedUserId}"})
    void theEngineObjectsAreRefused(String expression) {
        assertThat(ExpressionCheck.problems(expression, BEANS)).anySatisfy(p -> assertThat(p).contains("engine object"));
    }

    @Test
    void serverComponentsAreRefusedEvenWithoutAMethodCall() {
        assertThat(ExpressionCheck.problems("${processDeployments}", BEANS)).singleElement()
                .satisfies(p -> assertThat(p).contains("server component 'processDeployments'"));
        assertThat(ExpressionCheck.problems("${repositoryService.deploymentQuery}", BEANS)).isNotEmpty();
    }

    @Test
    void beanMethodCallsAreRefusedWithTheMethodNamed() {
        assertThat(ExpressionCheck.problems("${x.deleteEverything(1, 2)}", BEANS)).singleElement()
                .satisfies(p -> assertThat(p).contains("calls the method 'deleteEverything'", "now", "startsWith"));
        assertThat(ExpressionCheck.problems("${x['wipe']()}", BEANS)).singleElement()
                .satisfies(p -> assertThat(p).contains("'wipe'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"${name.class}", "${name['class']}", "${a.class.classLoader}", "${a.Class}",
            "${a.declaringClass}"})
    void introspectionPropertiesAreRefused(String expression) {
        assertThat(ExpressionCheck.problems(expression, BEANS)).anySatisfy(p -> assertThat(p).contains("introspection"));
    }

    @Test
    void functionsOutsideTheRegistryAreRefusedWithOrWithoutAPrefix() {
        assertThat(ExpressionCheck.problems("${currentUser()}", BEANS)).singleElement()
                .satisfies(p -> assertThat(p).contains("'currentUser()'", "not one of Griot's expression functions"));
        assertThat(ExpressionCheck.problems("${fn:exec('x')}", BEANS)).singleElement()
                .satisfies(p -> assertThat(p).contains("'fn:exec()'"));
    }

    @Test
    void anUnreadableExpressionIsRefusedWithTheParsersReason() {
        assertThat(ExpressionCheck.problems("${a +}", BEANS)).singleElement()
                .satisfies(p -> assertThat(p).contains("cannot be read"));
    }

    @Test
    void aDelegateExpressionIsExactlyOneName() {
        assertThat(ExpressionCheck.delegateName("${ivrSetLanguage}")).isEqualTo("ivrSetLanguage");
        assertThat(ExpressionCheck.delegateName(" ${ ivrSetLanguage } ")).isEqualTo("ivrSetLanguage");
        assertThat(ExpressionCheck.delegateName("${ivrSetLanguage.x}")).isNull();
        assertThat(ExpressionCheck.delegateName("#{a}")).isNull();
        assertThat(ExpressionCheck.delegateName("${a}${b}")).isNull();
    }
}
