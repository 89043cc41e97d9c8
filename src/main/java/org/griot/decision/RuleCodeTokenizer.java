package org.griot.decision;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the code inside a rule into tokens for {@link RuleCodeParser}: identifiers, strings (simple
 * escapes only), numbers (digits), symbols. Comments are dropped. A character no rule of the grammar
 * uses becomes a symbol of its own, which the parser then refuses where it stands.
 */
final class RuleCodeTokenizer {

    enum Kind { IDENT, STRING, NUMBER, SYMBOL, END }

    record Token(Kind kind, String text, int offset) {
        boolean is(String symbol) {
            return (kind == Kind.SYMBOL || kind == Kind.IDENT) && text.equals(symbol);
        }
    }

    private static final List<String> SYMBOLS = List.of("==", "!=", "<=", ">=", "&&", "||", "(", ")", "{", "}", ",", ";",
            ".", "<", ">", "!", "+", "-", "*", "/", "%", "?", ":");

    private RuleCodeTokenizer() {
    }

    /** Comments are dropped; strings keep simple escapes only; any character outside the grammar is refused. */
    static List<Token> tokenize(String code) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int length = code.length();
        while (i < length) {
            char c = code.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (code.startsWith("//", i)) {
                int end = code.indexOf('\n', i);
                i = end < 0 ? length : end;
            } else if (code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new RuleCodeParser.Refused("unclosed comment", i);
                }
                i = end + 2;
            } else if (c == '"' || c == '\'') {
                int start = i++;
                StringBuilder text = new StringBuilder();
                while (i < length && code.charAt(i) != c) {
                    char s = code.charAt(i);
                    if (s == '\n') {
                        throw new RuleCodeParser.Refused("a string ends on its line", start);
                    }
                    if (s == '\\') {
                        char escaped = i + 1 < length ? code.charAt(i + 1) : ' ';
                        if ("nt\"'\\".indexOf(escaped) < 0) {
                            throw new RuleCodeParser.Refused("only \\n, \\t, \\\", \\' and \\\\ escapes are allowed in a string", i);
                        }
                        i++;
                    }
                    text.append(code.charAt(i));
                    i++;
                }
                if (i >= length) {
                    throw new RuleCodeParser.Refused("unclosed string", start);
                }
                i++;
                tokens.add(new Token(Kind.STRING, text.toString(), start));
            } else if (c >= '0' && c <= '9') {
                int start = i;
                while (i < length && (Character.isDigit(code.charAt(i)) || code.charAt(i) == '.')) {
                    i++;
                }
                if (i < length && Character.isLetter(code.charAt(i))) {
                    throw new RuleCodeParser.Refused("a number is written with digits only", start);
                }
                tokens.add(new Token(Kind.NUMBER, code.substring(start, i), start));
            } else if (isIdentifierStart(c)) {
                int start = i;
                while (i < length && isIdentifierPart(code.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENT, code.substring(start, i), start));
            } else {
                String symbol = null;
                for (String candidate : SYMBOLS) {
                    if (code.startsWith(candidate, i)) {
                        symbol = candidate;
                        break;
                    }
                }
                if (symbol == null) {
                    symbol = String.valueOf(c); // no rule of the grammar accepts it: the parser refuses it in context
                }
                tokens.add(new Token(Kind.SYMBOL, symbol, i));
                i += symbol.length();
            }
        }
        tokens.add(new Token(Kind.END, "", length));
        return tokens;
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }
}
