package org.griot.decision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.ParserError;

/**
 * Checks parsed rule packages against the rule vocabulary before Drools compiles them (ADR 0012).
 * Everything is an allow-list: imports of {@link RuleFact} types only; no globals, functions,
 * queries, type declarations, entry points, windows, units or annotations; the java dialect; a few
 * rule attributes with literal values; left-hand sides made of patterns over fact types (with
 * and/or/not/exists) whose constraints {@link RuleCodeParser} reads; consequences in its small
 * grammar. Whatever is not listed is refused with the file, the line and the reason.
 */
final class RuleSafetyCheck {

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\+u");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9 _.:/-]{1,100}");
    private static final Set<String> FLAG_ATTRIBUTES = Set.of("no-loop", "lock-on-active", "auto-focus", "enabled");
    private static final Set<String> NAME_ATTRIBUTES = Set.of("agenda-group", "activation-group", "ruleflow-group");

    private final RuleVocabulary vocabulary;

    RuleSafetyCheck(RuleVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** Every reason to refuse the sources (file-relative paths to DRL text); empty when they are all in the vocabulary. */
    List<RuleMessage> check(SortedMap<String, String> sources) {
        List<RuleMessage> problems = new ArrayList<>();
        sources.forEach((file, text) -> problems.addAll(check(file, text)));
        return problems;
    }

    List<RuleMessage> check(String file, String text) {
        Problems problems = new Problems(file);
        String drl = text == null ? "" : text;
        var escape = UNICODE_ESCAPE.matcher(drl);
        if (escape.find()) {
            // javac would turn \\u000a into a line break even inside a comment: refuse before anything reads the text.
            problems.add(lineOf(drl, escape.start()), "unicode escapes (\\u...) are not allowed: write the character itself");
            return problems.list;
        }
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, drl);
        } catch (DroolsParserException e) {
            problems.add(1, "the rule file cannot be read: " + e.getMessage());
            return problems.list;
        }
        if (parser.hasErrors() || pkg == null) {
            for (DroolsError error : parser.getErrors()) {
                int line = error instanceof ParserError p ? p.getRow() : 1;
                problems.add(line, error.getMessage());
            }
            if (problems.list.isEmpty()) {
                problems.add(1, "the rule file cannot be read");
            }
            return problems.list;
        }
        checkPackage(pkg, problems);
        return problems.list;
    }

    private void checkPackage(PackageDescr pkg, Problems problems) {
        Map<String, RuleVocabulary.FactType> imports = new LinkedHashMap<>();
        for (ImportDescr imported : pkg.getImports()) {
            String target = imported.getTarget();
            var type = vocabulary.byQualifiedName(target);
            if (type.isEmpty()) {
                problems.add(imported.getLine(), "import " + target + " is not a fact type of the rule vocabulary "
                        + vocabulary.names());
            } else {
                imports.put(type.get().simpleName(), type.get());
            }
        }
        refuseAll(problems, pkg.getFunctionImports(), "an 'import function' (rules call no outside code)");
        refuseAll(problems, pkg.getAccumulateImports(), "an 'import accumulate'");
        refuseAll(problems, pkg.getGlobals(), "a global (rules reach nothing but their facts)");
        refuseAll(problems, pkg.getFunctions(), "a function (rules contain no code of their own)");
        refuseAll(problems, pkg.getTypeDeclarations(), "a 'declare' (fact types are Griot's, marked @RuleFact)");
        refuseAll(problems, pkg.getEnumDeclarations(), "a 'declare enum'");
        refuseAll(problems, pkg.getEntryPointDeclarations(), "an entry point declaration");
        refuseAll(problems, pkg.getWindowDeclarations(), "a window declaration");
        if (pkg.getUnit() != null) {
            problems.add(pkg.getUnit().getLine(), "rule units are not supported");
        }
        for (AttributeDescr attribute : pkg.getAttributes()) {
            checkAttribute(attribute, problems, "package");
        }
        for (RuleDescr rule : pkg.getRules()) {
            checkRule(rule, imports, problems);
        }
    }

    private void checkRule(RuleDescr rule, Map<String, RuleVocabulary.FactType> imports, Problems problems) {
        String where = "rule \"" + rule.getName() + "\"";
        if (rule.isQuery()) {
            problems.add(rule.getLine(), "query \"" + rule.getName() + "\": queries are not supported");
            return;
        }
        if (!rule.getAnnotations().isEmpty()) {
            problems.add(rule.getLine(), where + ": annotations (@...) are not allowed");
        }
        for (AttributeDescr attribute : rule.getAttributes().values()) {
            checkAttribute(attribute, problems, where);
        }
        if (!rule.getNamedConsequences().isEmpty()) {
            problems.add(rule.getLine(), where + ": named consequences (then[...]) are not supported");
        }
        Map<String, RuleVocabulary.FactType> facts = new HashMap<>();
        Set<String> values = new HashSet<>();
        if (rule.getLhs() != null) {
            for (BaseDescr element : rule.getLhs().getDescrs()) {
                checkCondition(element, where, imports, facts, values, problems);
            }
        }
        Object consequence = rule.getConsequence();
        String code = consequence == null ? "" : consequence.toString();
        try {
            RuleCodeParser.checkConsequence(code, new RuleCodeParser.Scope(null, facts, values, imports));
        } catch (RuleCodeParser.Refused e) {
            problems.add(rule.getConsequenceLine() + lineOf(code, e.offset) - 1, where + ", then: " + e.getMessage());
        }
    }

    /** One element of a left-hand side: a pattern over a fact type, or and/or/not/exists of patterns. */
    private void checkCondition(BaseDescr element, String where, Map<String, RuleVocabulary.FactType> imports,
            Map<String, RuleVocabulary.FactType> facts, Set<String> values, Problems problems) {
        if (element instanceof PatternDescr pattern) {
            checkPattern(pattern, where, imports, facts, values, problems);
        } else if (element instanceof AndDescr group) {
            group.getDescrs().forEach(d -> checkCondition(d, where, imports, facts, values, problems));
        } else if (element instanceof OrDescr group) {
            group.getDescrs().forEach(d -> checkCondition(d, where, imports, facts, values, problems));
        } else if (element instanceof NotDescr group) {
            // What is bound under not/exists is not visible to the consequence.
            Map<String, RuleVocabulary.FactType> inner = new HashMap<>(facts);
            group.getDescrs().forEach(d -> checkCondition((BaseDescr) d, where, imports, inner, new HashSet<>(values), problems));
        } else if (element instanceof ExistsDescr group) {
            Map<String, RuleVocabulary.FactType> inner = new HashMap<>(facts);
            group.getDescrs().forEach(d -> checkCondition((BaseDescr) d, where, imports, inner, new HashSet<>(values), problems));
        } else {
            problems.add(element.getLine(), where + ", when: " + describe(element)
                    + " is not supported (only patterns over fact types, with and, or, not, exists)");
        }
    }

    private void checkPattern(PatternDescr pattern, String where, Map<String, RuleVocabulary.FactType> imports,
            Map<String, RuleVocabulary.FactType> facts, Set<String> values, Problems problems) {
        String typeName = pattern.getObjectType();
        RuleVocabulary.FactType type = imports.get(typeName);
        if (type == null) {
            type = vocabulary.byQualifiedName(typeName).orElse(null);
        }
        if (type == null) {
            problems.add(pattern.getLine(), where + ", when: '" + typeName + "' is not an imported fact type " + imports.keySet());
            return;
        }
        if (pattern.getSource() != null) {
            problems.add(pattern.getLine(), where + ", when: " + typeName + " may only be matched among the facts "
                    + "(no from, collect, accumulate, entry point or window)");
        }
        if (pattern.isQuery() || !pattern.getBehaviors().isEmpty() || !pattern.getAnnotations().isEmpty()) {
            problems.add(pattern.getLine(), where + ", when: " + typeName + " is matched plainly (no query call, window or annotation)");
        }
        if (pattern.getConstraint() != null) {
            for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
                if (!(constraint instanceof ExprConstraintDescr expression)
                        || expression.getType() != ExprConstraintDescr.Type.NAMED) {
                    problems.add(constraint.getLine() > 0 ? constraint.getLine() : pattern.getLine(), where + ", when: constraint '"
                            + constraint.getText() + "' is not supported (write property comparisons)");
                    continue;
                }
                try {
                    String bound = RuleCodeParser.checkConstraint(expression.getExpression(),
                            new RuleCodeParser.Scope(type, facts, values, imports));
                    if (bound != null) {
                        values.add(bound);
                    }
                } catch (RuleCodeParser.Refused e) {
                    problems.add(constraint.getLine() > 0 ? constraint.getLine() : pattern.getLine(), where + ", when: "
                            + typeName + "(" + expression.getExpression() + "): " + e.getMessage());
                }
            }
        }
        if (pattern.getIdentifier() != null) {
            facts.put(pattern.getIdentifier(), type);
        }
    }

    private void checkAttribute(AttributeDescr attribute, Problems problems, String where) {
        String name = attribute.getName();
        String value = attribute.getValue() == null ? "" : attribute.getValue().strip().replaceAll("^\"|\"$", "");
        boolean allowed = switch (name) {
            case "salience" -> INTEGER.matcher(value).matches();
            case "dialect" -> value.equals("java");
            default -> FLAG_ATTRIBUTES.contains(name) ? value.isEmpty() || value.equals("true") || value.equals("false")
                    : NAME_ATTRIBUTES.contains(name) && NAME.matcher(value).matches();
        };
        if (!allowed) {
            String reason = switch (name) {
                case "salience" -> "salience is a whole number (no expression)";
                case "dialect" -> "the dialect is java (MVEL is not allowed)";
                default -> FLAG_ATTRIBUTES.contains(name) ? name + " is true or false"
                        : NAME_ATTRIBUTES.contains(name) ? name + " is a plain name" : "attribute '" + name
                                + "' is not allowed (salience, no-loop, lock-on-active, auto-focus, enabled, agenda-group, "
                                + "activation-group, ruleflow-group, dialect \"java\")";
            };
            problems.add(attribute.getLine(), where + ": " + reason);
        }
    }

    private static void refuseAll(Problems problems, java.util.Collection<? extends BaseDescr> found, String what) {
        for (BaseDescr descr : found) {
            problems.add(descr.getLine(), what + " is not allowed: " + describe(descr));
        }
    }

    private static String describe(BaseDescr descr) {
        String text = descr.getText();
        String kind = descr.getClass().getSimpleName().replaceFirst("Descr$", "").toLowerCase();
        return text == null || text.isBlank() ? kind : kind + " '" + abbreviate(text) + "'";
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 60 ? flat.substring(0, 60) + "…" : flat;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static final class Problems {
        private final String file;
        private final List<RuleMessage> list = new ArrayList<>();

        Problems(String file) {
            this.file = file;
        }

        void add(int line, String text) {
            list.add(new RuleMessage("ERROR", file, Math.max(line, 1), 0, text));
        }
    }
}
