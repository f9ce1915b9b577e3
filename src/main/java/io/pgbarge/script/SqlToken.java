package io.pgbarge.script;

/**
 * One lexical token of a SQL statement, as {@link SqlTokenizer} reads it.
 *
 * @param type  what kind of token
 * @param text  the token as written
 * @param value for WORD the word in lower case (PostgreSQL folds unquoted ASCII letters); for
 *              QUOTED_IDENT the identifier without quotes; for STRING and DOLLAR_STRING the string's
 *              value; otherwise the text
 */
public record SqlToken(Type type, String text, String value) {

    public enum Type {
        /** An unquoted identifier or keyword. */
        WORD,
        /** A double-quoted identifier. */
        QUOTED_IDENT,
        /** A string constant: '…', E'…', B'…', X'…', N'…', U&amp;'…'. */
        STRING,
        /** A dollar-quoted string constant. */
        DOLLAR_STRING,
        NUMBER,
        /** A positional parameter, $1. */
        PARAM,
        /** Punctuation or an operator character: ( ) , . ; = and others, one char each. */
        SYMBOL
    }

    /** Whether this is the unquoted keyword (case-insensitive, given in lower case). */
    public boolean is(String keyword) {
        return type == Type.WORD && value.equals(keyword);
    }

    /** Whether this is the given punctuation. */
    public boolean isSymbol(char c) {
        return type == Type.SYMBOL && text.length() == 1 && text.charAt(0) == c;
    }

    /** Whether this can be (part of) an object name: a word or a quoted identifier. */
    public boolean isName() {
        return type == Type.WORD || type == Type.QUOTED_IDENT;
    }
}
