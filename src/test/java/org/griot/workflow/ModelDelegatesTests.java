package org.griot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.griot.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The registry of delegates a model may name is exactly the delegates Griot has: adding one means registering it. */
class ModelDelegatesTests extends IntegrationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void everyJavaDelegateBeanIsRegisteredAndEveryRegisteredNameIsADelegate() {
        assertThat(context.getBeansOfType(JavaDelegate.class).keySet())
                .as("JavaDelegate beans missing from ModelDelegates").isNotEmpty()
                .allSatisfy(name -> assertThat(ModelDelegates.isRegistered(name)).as(name).isTrue());
        assertThat(ModelDelegates.names()).allSatisfy(name -> assertThat(context.getBean(name)).as(name)
                .isInstanceOf(JavaDelegate.class));
    }
}
