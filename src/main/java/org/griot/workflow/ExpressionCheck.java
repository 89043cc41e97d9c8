package org.griot.workflow;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * Reads a JUEL expression the way the engine does (Camunda's bundled JUEL parser, method invocations
 * and varargs on) and walks its tree. Allowed: literals, operators, process variables, read access to
 * a variable's entries ({@code a.b}, {@code a['b']}, {@code a[0]}) and calls of
 * {@link ExpressionFunctions}. Refused: any method call on an object, any other function, the engine's
 * objects ({@code execution}, {@code task}, ...), server components (Spring beans) and Java
 * introspection names ({@code class}, {@code classLoader}, ...). The engine's sandbox enforces the same
 * at run time; this check tells the analyst why before anything is deployed.
 */
public final class ExpressionCheck {

    /** Names Camunda's default resolver maps to engine objects; the sandbox maps them to nothing. */
    static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task", "externalTask", "caseExecution",
            "authenticatedUserId", "variableScope", "processEngine", "processEngineServices", "applicationContext");

    /** Property names that lead from a value to Java's reflection or class loading. */
    static final Set<String> INTROSPECTION = Set.of("class", "getclass", "classloader", "declaringclass", "module",
            "forname", "runtime", "invoke", "newinstance", "constructor", "constructors", "methods", "fields",
            "declaredmethods", "declaredfields", "protectiondomain");

    private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

    private ExpressionCheck() {
    }

    /**
     * Why the expression is refused, as one message naming every construct at fault; empty when it may
     * be deployed.
     */
    public static List<String> problems(String expression, Predicate<String> serverObjects) {
        Node root;
        try {
            root = PARSER.build(expression).getRoot();
        } catch (TreeBuilderException | IllegalArgumentException e) {
            return List.of("the expression " + quote(expression) + " cannot be read: " + e.getMessage());
        }
        Set<String> reasons = new LinkedHashSet<>();
        walk(root, serverObjects, reasons, false);
        if (reasons.isEmpty()) {
            return List.of();
        }
        return List.of("the expression " + quote(expression) + " is refused: " + String.join(", ", reasons)
                + "; expressions use process variables, operators and Griot's functions "
                + ExpressionFunctions.all().keySet() + " only");
    }

    /** The bean name of a delegate expression written exactly as {@code ${name}}, or null. */
    public static String delegateName(String expression) {
        String trimmed = expression == null ? "" : expression.strip();
        if (trimmed.matches("\\$\\{\\s*[A-Za-z_][A-Za-z0-9_]*\\s*}")) {
            return trimmed.substring(2, trimmed.length() - 1).strip();
        }
        return null;
    }

    private static void walk(Node node, Predicate<String> serverObjects, Set<String> reasons, boolean calledMethod) {
        if (node instanceof AstMethod) {
            reasons.add("it calls the method " + quote(methodName(node)) + " on an object");
        } else if (node instanceof AstFunction function) {
            if (!ExpressionFunctions.isRegistered(function.getName())) {
                reasons.add("it calls " + quote(function.getName() + "()") + ", which is not one of Griot's expression"
                        + " functions");
            }
        } else if (node instanceof AstIdentifier identifier) {
            String name = identifier.getName();
            if (ENGINE_OBJECTS.contains(name)) {
                reasons.add("it reads the engine object " + quote(name));
            } else if (serverObjects.test(name)) {
                reasons.add("it names the server component " + quote(name));
            }
        } else if (node instanceof AstDot && !calledMethod) {
            checkProperty(dotProperty(node), reasons);
        } else if (node instanceof AstBracket && !calledMethod && node.getCardinality() > 1
                && node.getChild(1) instanceof AstString key) {
            checkProperty(stringValue(key), reasons);
        }
        for (int i = 0; i < node.getCardinality(); i++) {
            walk(node.getChild(i), serverObjects, reasons, node instanceof AstMethod && i == 0);
        }
    }

    private static void checkProperty(String property, Set<String> reasons) {
        if (property != null && INTROSPECTION.contains(property.toLowerCase(Locale.ROOT))) {
            reasons.add("it reads " + quote(property) + ", which leads to Java introspection");
        }
    }

    /** AstDot prints itself as ". name" (its only public view of the name). */
    private static String dotProperty(Node dot) {
        String printed = dot.toString();
        return printed.startsWith(". ") ? printed.substring(2) : printed;
    }

    private static String methodName(Node method) {
        Node property = method.getCardinality() > 0 ? method.getChild(0) : null;
        if (property instanceof AstDot) {
            return dotProperty(property);
        }
        if (property instanceof AstBracket && property.getCardinality() > 1 && property.getChild(1) instanceof AstString key) {
            return stringValue(key);
        }
        return String.valueOf(property);
    }

    /** AstString prints itself as "\"value\"". */
    private static String stringValue(AstString literal) {
        String printed = literal.toString();
        return printed.length() >= 2 && printed.startsWith("\"") && printed.endsWith("\"")
                ? printed.substring(1, printed.length() - 1) : printed;
    }

    private static String quote(String text) {
        return "'" + text + "'";
    }
}
