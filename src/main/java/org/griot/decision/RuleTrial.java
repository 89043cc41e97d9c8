package org.griot.decision;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trial decisions on a freshly built rule base: one fact of each vocabulary type, made with its
 * widest public constructor and empty values (null, 0, false, an enum's first constant), decided
 * alone. A rule base that loops on them (a rule whose {@code modify} keeps its own condition true)
 * is refused at upload with the rule that looped, instead of being met by the first caller. It also
 * warms the rule base, so the first real decision is not the one paying Drools' lazy set-up against
 * the decision timeout. Only the firing limit refuses: a trial that times out is logged, not judged. The rules ran here are already checked: they can only touch the trial facts.
 * A loop that needs particular values is only met at run time, where the same limits stop it.
 */
final class RuleTrial {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RuleTrial.class);

    private final RuleVocabulary vocabulary;
    private final CompiledRuleBase.Limits limits;

    RuleTrial(RuleVocabulary vocabulary, CompiledRuleBase.Limits limits) {
        this.vocabulary = vocabulary;
        this.limits = limits;
    }

    /** The loops found, one message per fact type that made the rules loop. */
    List<RuleMessage> run(CompiledRuleBase ruleBase) {
        List<RuleMessage> loops = new ArrayList<>();
        for (String typeName : vocabulary.names()) {
            Class<?> type = vocabulary.byQualifiedName(typeName).orElseThrow().type();
            Optional<Object> fact = emptyFact(type);
            if (fact.isEmpty()) {
                continue;
            }
            try {
                ruleBase.decide(null, List.of(fact.get()), limits);
            } catch (RuleDecisionStoppedException e) {
                if (e.timedOut()) {
                    // Slow is not a loop (a cold JVM, a loaded machine): only the firing limit refuses a rule base.
                    log.warn("Trial decision on an empty {} timed out ({}); not judged", type.getSimpleName(), e.reason());
                    continue;
                }
                List<FiredRule> fired = e.decision().firedRules();
                FiredRule last = fired.isEmpty() ? null : fired.get(fired.size() - 1);
                Location where = last == null ? new Location(null, 1) : locate(ruleBase.sources(), last);
                loops.add(new RuleMessage("ERROR", where.file(), where.line(), 0, (last == null ? "the rules" : "rule \""
                        + last.name() + "\"") + " never stop on a " + type.getSimpleName() + " with empty values (" + e.reason()
                        + "): a rule loop — its modify or update keeps its own condition true; add a condition the change"
                        + " makes false, or no-loop"));
            } catch (RuntimeException e) {
                // A rule failing on empty values (a null where the real facts have a value) is not a loop: not judged here.
            }
        }
        return loops;
    }

    private static Optional<Object> emptyFact(Class<?> type) {
        Optional<Constructor<?>> widest = java.util.Arrays.stream(type.getConstructors())
                .max(Comparator.comparingInt(Constructor::getParameterCount));
        if (widest.isEmpty()) {
            return Optional.empty();
        }
        Class<?>[] parameters = widest.get().getParameterTypes();
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            arguments[i] = emptyValue(parameters[i]);
        }
        try {
            return Optional.of(widest.get().newInstance(arguments));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Object emptyValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type.isPrimitive()) {
            return type == long.class ? 0L : type == double.class ? 0d : type == float.class ? 0f
                    : type == short.class ? (short) 0 : type == byte.class ? (byte) 0 : 0;
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        return null;
    }

    private record Location(String file, int line) {
    }

    private static Location locate(Map<String, String> sources, FiredRule rule) {
        Pattern declaration = Pattern.compile("(?m)^[ \\t]*rule\\s+\"" + Pattern.quote(rule.name()) + "\"");
        for (Map.Entry<String, String> source : sources.entrySet()) {
            if (!source.getValue().contains(rule.packageName())) {
                continue;
            }
            Matcher matcher = declaration.matcher(source.getValue());
            if (matcher.find()) {
                return new Location(source.getKey(), (int) source.getValue().substring(0, matcher.start()).lines().count() + 1);
            }
        }
        return new Location(null, 1);
    }
}
