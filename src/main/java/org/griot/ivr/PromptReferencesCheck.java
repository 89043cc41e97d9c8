package org.griot.ivr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.griot.workflow.CallStepModel;
import org.griot.workflow.ModelProblem;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Refuses a call process that plays a prompt missing a transcript or audio in any language: a gap
 * found at deployment, not by a caller hearing silence. A deployment is staging, so a prompt
 * uploaded (staging) counts: promote such prompts with, or before, the process that plays them.
 */
@Component
class PromptReferencesCheck implements CallStepModel.Check {

    private static final List<String> PROMPT_INPUTS = List.of("prompt", "invalidPrompt", "noInputPrompt", "failedPrompt",
            "suffixPrompt");
    /** What a last-calls lookup says besides digits (IvrStepPerformer.sayLastCalls). */
    static final List<String> LAST_CALLS = List.of("last-calls-intro", "no-recent-calls", "last-call-to", "last-call-day",
            "last-call-lasted", "minutes", "seconds");
    private static final List<String> DIGITS = IntStream.range(0, 10).mapToObj(d -> "digit-" + d).toList();

    private final Function<Collection<String>, List<PromptCatalog.MissingPrompt>> missing;

    @Autowired
    PromptReferencesCheck(PromptReleases prompts) {
        this.missing = prompts::missing;
    }

    /** Against the shipped prompts only (the prompts folder, no uploads). */
    PromptReferencesCheck(PromptCatalog catalog) {
        this.missing = catalog::missing;
    }

    @Override
    public List<ModelProblem> problems(CallStepModel model) {
        Map<String, Set<String>> usedBy = new LinkedHashMap<>();
        for (CallStepModel.Step step : model.steps()) {
            for (String prompt : promptsOf(step)) {
                usedBy.computeIfAbsent(prompt, p -> new LinkedHashSet<>()).add(step.activityId());
            }
        }
        List<ModelProblem> problems = new ArrayList<>();
        for (PromptCatalog.MissingPrompt missing : missing.apply(usedBy.keySet())) {
            for (String activity : usedBy.get(missing.promptId())) {
                problems.add(new ModelProblem(model.resource(), 0, 0, activity, "prompt '" + missing.promptId() + "' has no "
                        + missing.what().name().toLowerCase() + " in " + missing.language()));
            }
        }
        return problems;
    }

    /** The prompts a step plays: its literal prompt settings, and those it plays by default. */
    static Set<String> promptsOf(CallStepModel.Step step) {
        Set<String> used = new LinkedHashSet<>();
        for (String input : PROMPT_INPUTS) {
            String value = step.configuration().get(input);
            if (value != null && !value.isBlank() && !value.contains("${")) {
                used.add(value);
            }
        }
        switch (step.kind()) {
            case "menu", "collect" -> {
                if (!step.configuration().containsKey("invalidPrompt")) {
                    used.add("invalid-choice");
                }
                if (!step.configuration().containsKey("noInputPrompt")) {
                    used.add("no-input");
                }
                if (!step.configuration().containsKey("failedPrompt")) {
                    used.add("too-many-attempts");
                }
            }
            case "say" -> used.addAll(DIGITS);
            case "lookup" -> {
                if ("puk".equals(step.configuration().get("query"))) {
                    used.add("puk-is");
                    used.addAll(DIGITS);
                }
                if ("last-calls".equals(step.configuration().get("query"))) {
                    used.addAll(LAST_CALLS);
                    used.addAll(DIGITS);
                }
            }
            default -> {
            }
        }
        return used;
    }
}
