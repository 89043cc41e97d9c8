package org.griot.decision;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the code inside a rule (a pattern's constraints, a consequence) with a small grammar of its
 * own and refuses anything outside it. It is an allow-list: what it cannot read is refused, so a
 * construct Java or MVEL would accept (a static call, {@code new} of any class, a loop, a lambda,
 * a fully qualified name, {@code drools.}, reflection) never reaches the Drools compiler.
 *
 * <pre>
 * consequence := statement*
 * statement   := modify(VAR) { call (, call)* } ;? | (update|retract|delete)(VAR) ; | insert(new Fact(args) | VAR) ;
 *              | VAR . method(args) ;
 * constraint  := (BINDING :)? expr
 * expr        := or (? expr : expr)?          or := and (|| and)*      and := relation (&& relation)*
 * relation    := sum ((== | != | < | > | <= | >=) sum | not? (contains | memberOf) sum | not? in (expr, ...))?
 * sum         := product ((+|-) product)*     product := unary ((*|/|%) unary)*     unary := (!|-) unary | primary
 * primary     := literal | (expr) | PROPERTY (of the matched fact) | VAR (. property | . method(args))?
 * </pre>
 * VAR is a variable bound on the left-hand side; methods and properties are those of its fact type
 * in the {@link RuleVocabulary}.
 */
final class RuleCodeParser {

    /** Code outside the rule vocabulary, with the offset in the parsed text. */
    static final class Refused extends RuntimeException {
        final int offset;

        Refused(String reason, int offset) {
            super(reason, null, false, false);
            this.offset = offset;
        }
    }

    /** What a piece of code may refer to. */
    record Scope(RuleVocabulary.FactType matched, Map<String, RuleVocabulary.FactType> facts, Set<String> values,
            Map<String, RuleVocabulary.FactType> imports) {
    }


    private final List<RuleCodeTokenizer.Token> tokens;
    private final Scope scope;
    private int position;

    private RuleCodeParser(String code, Scope scope) {
        this.tokens = RuleCodeTokenizer.tokenize(code);
        this.scope = scope;
    }

    /** Checks a consequence (the code after {@code then}). */
    static void checkConsequence(String code, Scope scope) {
        RuleCodeParser parser = new RuleCodeParser(code, scope);
        while (parser.peek().kind() != RuleCodeTokenizer.Kind.END) {
            parser.statement();
        }
    }

    /**
     * Checks one constraint of a pattern; returns the name it binds ({@code $lang : language}), or null.
     */
    static String checkConstraint(String code, Scope scope) {
        RuleCodeParser parser = new RuleCodeParser(code, scope);
        String bound = null;
        if (parser.peek().kind() == RuleCodeTokenizer.Kind.IDENT && parser.peek(1).is(":")) {
            bound = parser.next().text();
            parser.next();
        }
        parser.expression();
        parser.expect(RuleCodeTokenizer.Kind.END, "the end of the constraint");
        return bound;
    }

    private void statement() {
        RuleCodeTokenizer.Token first = peek();
        if (first.is("modify")) {
            next();
            expectSymbol("(");
            RuleVocabulary.FactType type = factVariable(next());
            expectSymbol(")");
            expectSymbol("{");
            do {
                RuleCodeTokenizer.Token method = next();
                if (method.kind() != RuleCodeTokenizer.Kind.IDENT) {
                    throw new Refused("a modify block lists calls such as setQueue(\"vip\"), found '" + method.text() + "'", method.offset());
                }
                callArguments(type, method);
            } while (accept(","));
            expectSymbol("}");
            accept(";");
        } else if (first.is("update") || first.is("retract") || first.is("delete")) {
            next();
            expectSymbol("(");
            factVariable(next());
            expectSymbol(")");
            expectSymbol(";");
        } else if (first.is("insert")) {
            next();
            expectSymbol("(");
            if (peek().is("new")) {
                newFact();
            } else {
                factVariable(next());
            }
            expectSymbol(")");
            expectSymbol(";");
        } else if (first.is("new")) {
            throw new Refused("'new' only creates imported fact types " + scope.imports().keySet()
                    + ", inside insert(new ...): not '" + peek(1).text() + "'", first.offset());
        } else if (first.kind() == RuleCodeTokenizer.Kind.IDENT && scope.facts().containsKey(first.text())) {
            RuleVocabulary.FactType type = factVariable(next());
            expectSymbol(".");
            callArguments(type, next());
            if (peek().is(".")) {
                throw new Refused("one call per statement: the result of " + first.text() + "'s method cannot be called on", peek().offset());
            }
            expectSymbol(";");
        } else {
            throw new Refused("a consequence may only modify, update, insert or delete facts and call their methods "
                    + "($fact.method(...)); '" + first.text() + "' is none of them", first.offset());
        }
    }

    private void newFact() {
        RuleCodeTokenizer.Token keyword = next();
        RuleCodeTokenizer.Token name = next();
        RuleVocabulary.FactType type = name.kind() == RuleCodeTokenizer.Kind.IDENT ? scope.imports().get(name.text()) : null;
        if (type == null || peek().is(".")) {
            throw new Refused("'new' only creates imported fact types " + scope.imports().keySet() + ", not '" + name.text() + "'",
                    keyword.offset());
        }
        int arity = arguments();
        if (!type.constructorArities().contains(arity)) {
            throw new Refused(type.simpleName() + " has no public constructor taking " + arity + " argument(s)", name.offset());
        }
    }

    private RuleVocabulary.FactType factVariable(RuleCodeTokenizer.Token token) {
        RuleVocabulary.FactType type = token.kind() == RuleCodeTokenizer.Kind.IDENT ? scope.facts().get(token.text()) : null;
        if (type == null) {
            throw new Refused("'" + token.text() + "' is not a fact bound on the left-hand side (e.g. $r : RoutingRequest(...))",
                    token.offset());
        }
        return type;
    }

    private void callArguments(RuleVocabulary.FactType type, RuleCodeTokenizer.Token method) {
        int arity = arguments();
        if (method.kind() != RuleCodeTokenizer.Kind.IDENT || !type.hasMethod(method.text(), arity)) {
            throw new Refused(type.simpleName() + " has no method " + method.text() + " with " + arity
                    + " argument(s) in the rule vocabulary", method.offset());
        }
    }

    private int arguments() {
        expectSymbol("(");
        int count = 0;
        if (!peek().is(")")) {
            do {
                expression();
                count++;
            } while (accept(","));
        }
        expectSymbol(")");
        return count;
    }

    private void expression() {
        or();
        if (accept("?")) {
            expression();
            expectSymbol(":");
            expression();
        }
    }

    private void or() {
        and();
        while (accept("||")) {
            and();
        }
    }

    private void and() {
        relation();
        while (accept("&&")) {
            relation();
        }
    }

    private void relation() {
        sum();
        RuleCodeTokenizer.Token operator = peek();
        if (operator.kind() == RuleCodeTokenizer.Kind.SYMBOL && Set.of("==", "!=", "<", ">", "<=", ">=").contains(operator.text())) {
            next();
            sum();
            return;
        }
        boolean negated = operator.is("not");
        RuleCodeTokenizer.Token word = negated ? peek(1) : operator;
        if (word.is("contains") || word.is("memberOf")) {
            position += negated ? 2 : 1;
            sum();
        } else if (word.is("in")) {
            position += negated ? 2 : 1;
            expectSymbol("(");
            do {
                expression();
            } while (accept(","));
            expectSymbol(")");
        } else if (negated) {
            throw new Refused("'not' is followed by contains, memberOf or in here", operator.offset());
        }
    }

    private void sum() {
        product();
        while (peek().is("+") || peek().is("-")) {
            next();
            product();
        }
    }

    private void product() {
        unary();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            next();
            unary();
        }
    }

    private void unary() {
        if (accept("!") || accept("-")) {
            unary();
        } else {
            primary();
        }
    }

    private void primary() {
        RuleCodeTokenizer.Token token = next();
        switch (token.kind()) {
            case STRING, NUMBER -> {
                return;
            }
            case SYMBOL -> {
                if (token.is("(")) {
                    expression();
                    expectSymbol(")");
                    return;
                }
                throw new Refused("unexpected '" + token.text() + "'", token.offset());
            }
            case END -> throw new Refused("the expression is incomplete", token.offset());
            default -> {
            }
        }
        if (token.is("null") || token.is("true") || token.is("false")) {
            return;
        }
        RuleVocabulary.FactType fact = scope.facts().get(token.text());
        if (fact != null) {
            if (accept(".")) {
                RuleCodeTokenizer.Token member = next();
                if (peek().is("(")) {
                    callArguments(fact, member);
                } else if (member.kind() != RuleCodeTokenizer.Kind.IDENT || !fact.properties().contains(member.text())) {
                    throw new Refused(fact.simpleName() + " has no property '" + member.text() + "'", member.offset());
                }
                if (peek().is(".")) {
                    throw new Refused("only one step from a fact: " + token.text() + "." + member.text() + " cannot be followed by '.'",
                            peek().offset());
                }
            }
            return;
        }
        if (scope.values().contains(token.text())) {
            if (peek().is(".")) {
                throw new Refused("'" + token.text() + "' holds a value, not a fact: nothing can be called on it", peek().offset());
            }
            return;
        }
        if (scope.matched() != null && scope.matched().properties().contains(token.text())) {
            if (peek().is(".") || peek().is("(")) {
                throw new Refused("property '" + token.text() + "' is compared, not called or navigated", peek().offset());
            }
            return;
        }
        throw new Refused("'" + token.text() + "' is not in the rule vocabulary (a property of the matched fact, a bound variable "
                + "or a literal)", token.offset());
    }

    private RuleCodeTokenizer.Token peek() {
        return peek(0);
    }

    private RuleCodeTokenizer.Token peek(int ahead) {
        return tokens.get(Math.min(position + ahead, tokens.size() - 1));
    }

    private RuleCodeTokenizer.Token next() {
        RuleCodeTokenizer.Token token = peek();
        if (position < tokens.size() - 1) {
            position++;
        }
        return token;
    }

    private boolean accept(String symbol) {
        if (peek().kind() == RuleCodeTokenizer.Kind.SYMBOL && peek().text().equals(symbol)) {
            position++;
            return true;
        }
        return false;
    }

    private void expectSymbol(String symbol) {
        RuleCodeTokenizer.Token token = next();
        if (token.kind() != RuleCodeTokenizer.Kind.SYMBOL || !token.text().equals(symbol)) {
            throw new Refused("expected '" + symbol + "', found " + (token.kind() == RuleCodeTokenizer.Kind.END ? "the end" : "'" + token.text() + "'"),
                    token.offset());
        }
    }

    private void expect(RuleCodeTokenizer.Kind kind, String what) {
        RuleCodeTokenizer.Token token = next();
        if (token.kind() != kind) {
            throw new Refused("expected " + what + ", found '" + token.text() + "'", token.offset());
        }
    }

}
