package org.griot.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;

/** The language chosen is remembered for real callers only: test lines and simulated calls read, never write. */
class SetLanguageDelegateTests {

    final CallerMemory memory = mock(CallerMemory.class);
    final SetLanguageDelegate delegate = new SetLanguageDelegate(memory);

    @Test
    void aRealCallersChoiceIsRemembered() {
        DelegateExecution call = call("call-1", false);

        delegate.execute(call);

        verify(call).setVariable("language", "fon");
        verify(memory).rememberLanguage("22997100200", "fon");
    }

    @Test
    void aTestLineOrASimulatedCallIsNotRemembered() {
        for (DelegateExecution call : new DelegateExecution[] {call("line-1", true), call("sim-web-1", false), call("sim-1.2", false)}) {
            delegate.execute(call);
            verify(call).setVariable("language", "fon");
            assertThat(SetLanguageDelegate.isTestCall(call)).isTrue();
        }
        verify(memory, never()).rememberLanguage(any(), any());
    }

    private static DelegateExecution call(String businessKey, boolean staging) {
        DelegateExecution call = mock(DelegateExecution.class);
        when(call.getVariable("languageChoice")).thenReturn("3");
        when(call.getVariable("callerNumber")).thenReturn("22997100200");
        when(call.getVariable("staging")).thenReturn(staging);
        when(call.getProcessBusinessKey()).thenReturn(businessKey);
        return call;
    }
}
