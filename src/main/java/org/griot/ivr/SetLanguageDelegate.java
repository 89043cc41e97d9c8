package org.griot.ivr;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.griot.workflow.CallProcesses;
import org.springframework.stereotype.Component;

/**
 * "Set language" step: the caller's choice in the language menu (1 fr, 2 en, 3 fon, 4 yo) becomes the
 * call's language and is remembered for the next calls from this number. A test call (test line,
 * staging endpoint, browser simulator) is not a caller: it reads the memory (to try a known
 * caller's path) but never writes it.
 */
@Component("ivrSetLanguage")
class SetLanguageDelegate implements JavaDelegate {

    static final Map<String, String> CHOICES = Map.of("1", "fr", "2", "en", "3", "fon", "4", "yo");

    private final CallerMemory memory;

    SetLanguageDelegate(CallerMemory memory) {
        this.memory = memory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object choice = execution.getVariable("languageChoice");
        String language = CHOICES.getOrDefault(choice == null ? "" : choice.toString(), "fr");
        execution.setVariable("language", language);
        Object caller = execution.getVariable("callerNumber");
        if (caller != null && !caller.toString().isBlank() && !isTestCall(execution)) {
            memory.rememberLanguage(caller.toString(), language);
        }
    }

    /** Staging calls (variable staging) and simulated ones (business key sim-...), whichever version they run. */
    static boolean isTestCall(DelegateExecution execution) {
        String businessKey = execution.getProcessBusinessKey();
        return Boolean.TRUE.equals(execution.getVariable(CallProcesses.STAGING_VARIABLE))
                || businessKey != null && businessKey.startsWith(CallProcesses.SIMULATED_BUSINESS_KEY_PREFIX);
    }
}
