package org.griot.workflow;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The only functions a process model's expressions may call, e.g. {@code ${startsWith(callerNumber, '229')}}.
 * Each is pure (no side effect, no I/O, no reflection) and null-safe. {@link ModelSafetyCheck} refuses a
 * call to anything else, and the engine's expression sandbox resolves only these
 * (docs/adr/0011-models-are-data.md). Adding one: a public static method here, documented in
 * docs/ivr-analyst-guide.md.
 */
public final class ExpressionFunctions {

    private static final Map<String, Method> FUNCTIONS = collect();

    private ExpressionFunctions() {
    }

    /** The registry: function name → method. */
    public static Map<String, Method> all() {
        return FUNCTIONS;
    }

    public static boolean isRegistered(String name) {
        return FUNCTIONS.containsKey(name);
    }

    /** The current time (e.g. for a timer: {@code ${now()}}). */
    public static Date now() {
        return new Date();
    }

    public static boolean startsWith(Object text, Object prefix) {
        return text != null && prefix != null && text.toString().startsWith(prefix.toString());
    }

    public static boolean endsWith(Object text, Object suffix) {
        return text != null && suffix != null && text.toString().endsWith(suffix.toString());
    }

    /** Text contains a part, or a list contains an element. */
    public static boolean contains(Object whole, Object part) {
        if (whole == null || part == null) {
            return false;
        }
        if (whole instanceof Collection<?> collection) {
            return collection.stream().anyMatch(e -> e != null && e.toString().equals(part.toString()));
        }
        return whole.toString().contains(part.toString());
    }

    public static String lower(Object text) {
        return text == null ? null : text.toString().toLowerCase(Locale.ROOT);
    }

    public static String upper(Object text) {
        return text == null ? null : text.toString().toUpperCase(Locale.ROOT);
    }

    public static String trim(Object text) {
        return text == null ? null : text.toString().strip();
    }

    /** Characters of a text, or elements of a list or map; 0 for null. */
    public static int length(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Collection<?> collection) {
            return collection.size();
        }
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        return value.toString().length();
    }

    private static Map<String, Method> collect() {
        Map<String, Method> functions = new TreeMap<>();
        Arrays.stream(ExpressionFunctions.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                .filter(m -> !m.getName().equals("all") && !m.getName().equals("isRegistered"))
                .forEach(m -> functions.put(m.getName(), m));
        return Map.copyOf(functions);
    }
}
