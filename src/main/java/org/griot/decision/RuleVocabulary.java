package org.griot.decision;

import java.beans.Introspector;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * What analysts' rules may name: the {@link RuleFact} classes, their readable properties, their
 * public methods and constructors. The allow-list behind {@link RuleSafetyCheck}.
 */
public final class RuleVocabulary {

    private final Map<String, FactType> byName = new LinkedHashMap<>();

    /** One fact type: its properties (getters), its methods by name (with arities) and its constructor arities. */
    record FactType(Class<?> type, Set<String> properties, Map<String, Set<Integer>> methods, Set<Integer> constructorArities) {

        String simpleName() {
            return type.getSimpleName();
        }

        boolean hasMethod(String name, int arity) {
            return methods.getOrDefault(name, Set.of()).contains(arity);
        }
    }

    private RuleVocabulary(Collection<Class<?>> types) {
        for (Class<?> type : types) {
            if (type.getAnnotation(RuleFact.class) == null) {
                throw new IllegalArgumentException(type.getName() + " is not marked @RuleFact");
            }
            byName.put(type.getName(), describe(type));
        }
    }

    public static RuleVocabulary of(Class<?>... types) {
        return new RuleVocabulary(Arrays.asList(types));
    }

    /** Every {@link RuleFact} class under the given base package (Griot's own code). */
    public static RuleVocabulary scan(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RuleFact.class));
        ClassLoader loader = RuleVocabulary.class.getClassLoader();
        java.util.List<Class<?>> types = new java.util.ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            types.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), loader));
        }
        return new RuleVocabulary(types);
    }

    Optional<FactType> byQualifiedName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The fact type's qualified names, for messages. */
    Set<String> names() {
        return new TreeSet<>(byName.keySet());
    }

    private static FactType describe(Class<?> type) {
        Set<String> properties = new TreeSet<>();
        Map<String, Set<Integer>> methods = new LinkedHashMap<>();
        for (Method method : type.getMethods()) {
            // Only methods a RuleFact class declares: never Object's (getClass, wait, notify) nor a foreign superclass's.
            if (method.getDeclaringClass().getAnnotation(RuleFact.class) == null || Modifier.isStatic(method.getModifiers())
                    || method.isSynthetic() || method.isBridge()) {
                continue;
            }
            methods.computeIfAbsent(method.getName(), n -> new TreeSet<>()).add(method.getParameterCount());
            String name = method.getName();
            if (method.getParameterCount() == 0 && method.getReturnType() != void.class) {
                if (name.startsWith("get") && name.length() > 3) {
                    properties.add(Introspector.decapitalize(name.substring(3)));
                } else if (name.startsWith("is") && name.length() > 2
                        && (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class)) {
                    properties.add(Introspector.decapitalize(name.substring(2)));
                }
            }
        }
        Set<Integer> constructors = new TreeSet<>();
        for (Constructor<?> constructor : type.getConstructors()) {
            constructors.add(constructor.getParameterCount());
        }
        return new FactType(type, Set.copyOf(properties), Map.copyOf(methods), Set.copyOf(constructors));
    }
}
