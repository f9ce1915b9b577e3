package io.pgbarge.script;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads a plain SQL script — typically a plain-format pg_dump — the way psql reads it, one item at a
 * time: SQL statements ({@link ScriptStatement}), COPY blocks with their data ({@link CopyBlock}) and
 * backslash commands ({@link MetaCommand}).
 *
 * <p>Statements end at a semicolon outside quotes ({@code '…'}, {@code E'…'} with backslash escapes,
 * and {@code '…'} with backslash escapes when standard_conforming_strings is off), double-quoted
 * identifiers, dollar quotes ({@code $$…$$}, {@code $tag$…$tag$}), comments ({@code --} and nested
 * block comments), parentheses, and the {@code BEGIN … END} bodies of SQL-standard functions and
 * procedures (psql's heuristic: in a statement that starts {@code CREATE [OR REPLACE]
 * FUNCTION|PROCEDURE}, BEGIN and CASE open a block that END closes). As in psql, leading whitespace and
 * {@code --} comments are not part of a statement, {@code \;} is a semicolon that does not end one, and
 * a last statement without a semicolon is still returned.
 *
 * <p>The script's bytes are UTF-8 until a {@code SET client_encoding}, {@code SET NAMES},
 * {@code set_config('client_encoding', …)} or {@code \encoding} says otherwise; the new encoding applies
 * to the bytes that follow. A UTF-8 byte order mark at the start is skipped.
 *
 * <p>Memory does not grow with the script: bytes go through a 64 KiB buffer, COPY data is streamed, and
 * only the statement being read is held (up to {@link #maxStatementLength}, 1 GiB by default as in the
 * server).
 *
 * <p>{@code \restrict KEY} (pg_dump since the 2025 security releases) is honoured as psql does: until
 * the matching {@code &#92;unrestrict KEY}, any other meta-command is an error. A script that ends while
 * still restricted is reported as truncated.
 *
 * <p>Not thread-safe. Use: {@code for (ScriptItem it; (it = reader.next()) != null; ) …}.
 */
public final class SqlScriptReader implements Closeable {

    /** The default longest statement, in chars: PostgreSQL's limit on a query string is 1 GB. */
    public static final int DEFAULT_MAX_STATEMENT_LENGTH = (1 << 30) - 1;

    /** Statement buffers larger than this are dropped after use rather than kept for the next one. */
    private static final int KEEP_BUFFER_CHARS = 1 << 20;

    private final InputStream stream;
    private final ScriptInput in;
    private final ScriptEncoding defaultEncoding;
    private int maxStatementLength = DEFAULT_MAX_STATEMENT_LENGTH;

    private boolean standardStrings = true;
    private long line = 1;
    private int[] pushback = new int[16];
    private int pushed;

    private StringBuilder sb = new StringBuilder(1024);
    private boolean hasContent;
    private long startLine;
    private int parenDepth;
    private long parenLine;
    private int beginDepth;
    private long beginLine;
    private int identifierCount;
    private final char[] identifiers = new char[4];

    private CopyRowStream copy;
    private String afterCopy;
    private String restrictKey;
    private long restrictLine;
    private int peakStatementBuffer;
    private boolean started;

    /** A reader of UTF-8 text (until the script sets another client encoding). */
    public SqlScriptReader(InputStream in) {
        this(in, ScriptEncoding.UTF8);
    }

    /** A reader whose bytes are in {@code encoding} until the script sets another. */
    public SqlScriptReader(InputStream in, ScriptEncoding encoding) {
        this.stream = in;
        this.defaultEncoding = encoding;
        this.in = new ScriptInput(in, encoding);
    }

    /** Opens a script file, or standard input for {@code "-"}. */
    public static SqlScriptReader open(String fileOrDash) throws IOException {
        if (fileOrDash.equals("-")) {
            return new SqlScriptReader(System.in);
        }
        return new SqlScriptReader(Files.newInputStream(Path.of(fileOrDash)));
    }

    /** Sets the longest statement accepted, in chars; a longer one is a {@link ScriptFormatException}. */
    public SqlScriptReader maxStatementLength(int chars) {
        this.maxStatementLength = chars;
        return this;
    }

    /** The client encoding the next bytes are read in. */
    public ScriptEncoding clientEncoding() {
        return in.encoding();
    }

    /** Whether standard_conforming_strings is on (as the script last set it; on by default). */
    public boolean standardConformingStrings() {
        return standardStrings;
    }

    /** The 1-based line the reader is at. */
    public long line() {
        return line;
    }

    /** The number of bytes of the script consumed so far (for progress reports). */
    public long bytesRead() {
        return in.position();
    }

    /**
     * The largest amount of memory, in bytes, the reader has held for its buffers at one time: the byte
     * buffer plus the largest statement buffer. A script's COPY data never counts toward it.
     */
    public long peakBufferBytes() {
        return ScriptInput.BUFFER_SIZE + 2L * peakStatementBuffer + 4L * pushback.length;
    }

    /**
     * The next item of the script, or null at its end. An unread rest of the previous item's COPY data
     * is skipped first.
     *
     * @throws ScriptFormatException when the script is malformed: it ends inside a quoted string,
     *                               comment, dollar quote, parenthesis, BEGIN … END body or COPY block, has
     *                               bytes that are invalid in its encoding, or a misplaced meta-command
     */
    public ScriptItem next() throws IOException {
        if (!started) {
            started = true;
            if (in.encoding() == ScriptEncoding.UTF8) {
                in.skipBom();
            }
        }
        finishCopy();
        while (true) {
            int c = read();
            switch (c) {
                case -1:
                    return atEnd();
                case ' ', '\t', '\n', '\r', '\f', 0x0B:
                    if (sb.length() > 0) {
                        append(c);
                    }
                    break;
                case '-':
                    if (nextIs('-')) {
                        lineComment();
                    } else {
                        appendContent(c);
                    }
                    break;
                case '/':
                    if (nextIs('*')) {
                        blockComment();
                    } else {
                        appendContent(c);
                    }
                    break;
                case '\'':
                    quoted(!standardStrings);
                    break;
                case '"':
                    quotedIdentifier();
                    break;
                case '$':
                    dollar();
                    break;
                case '(':
                    if (parenDepth++ == 0) {
                        parenLine = line;
                    }
                    appendContent(c);
                    break;
                case ')':
                    if (parenDepth > 0) {
                        parenDepth--;
                    }
                    appendContent(c);
                    break;
                case ';':
                    append(c);
                    if (parenDepth == 0 && beginDepth == 0) {
                        ScriptItem item = endStatement();
                        if (item != null) {
                            return item;
                        }
                    }
                    break;
                case '\\': {
                    MetaCommand m = metaCommand();
                    if (m != null) {
                        return m;
                    }
                    break;
                }
                default:
                    if (c < 0x80 ? SqlTokenizer.isIdentStart((char) c) : true) {
                        word(c);
                    } else {
                        appendContent(c);
                    }
            }
        }
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    // ------------------------------------------------------------------------------------------------
    // Chars, lines, the statement buffer
    // ------------------------------------------------------------------------------------------------

    private int read() throws IOException {
        int c = pushed > 0 ? pushback[--pushed] : in.read(line);
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private void unread(int c) {
        if (c < 0) {
            return;
        }
        if (pushed == pushback.length) {
            pushback = Arrays.copyOf(pushback, pushback.length * 2);
        }
        pushback[pushed++] = c;
        if (c == '\n') {
            line--;
        }
    }

    /** Consumes the next char if it is {@code expected}. */
    private boolean nextIs(int expected) throws IOException {
        int c = read();
        if (c == expected) {
            return true;
        }
        unread(c);
        return false;
    }

    private void append(int c) throws ScriptFormatException {
        if (sb.length() == 0) {
            startLine = line;
        } else if (sb.length() >= maxStatementLength) {
            throw new ScriptFormatException(startLine, "the statement starting at this line is longer than "
                    + maxStatementLength + " characters (is a quote or dollar quote left open?)");
        }
        sb.append((char) c);
    }

    private void appendContent(int c) throws ScriptFormatException {
        append(c);
        hasContent = true;
    }

    private ScriptFormatException unterminated(long at, String what) {
        return new ScriptFormatException(at, "the script ends inside " + what + " that starts at this line"
                + " (is the script truncated?)");
    }

    // ------------------------------------------------------------------------------------------------
    // Lexical constructs
    // ------------------------------------------------------------------------------------------------

    private void lineComment() throws IOException {
        boolean keep = sb.length() > 0;
        if (keep) {
            append('-');
            append('-');
        }
        int c;
        while ((c = read()) >= 0 && c != '\n') {
            if (keep) {
                append(c);
            }
        }
        unread(c);
    }

    private void blockComment() throws IOException {
        long at = line;
        append('/');
        append('*');
        int depth = 1;
        while (depth > 0) {
            int c = read();
            if (c < 0) {
                throw unterminated(at, "a /* comment */");
            }
            append(c);
            if (c == '/' && nextIs('*')) {
                append('*');
                depth++;
            } else if (c == '*' && nextIs('/')) {
                append('/');
                depth--;
            }
        }
    }

    /** A string constant whose opening quote was just read; {@code escapes}: backslash escapes apply. */
    private void quoted(boolean escapes) throws IOException {
        long at = line;
        appendContent('\'');
        while (true) {
            int c = read();
            if (c < 0) {
                throw unterminated(at, escapes ? "a quoted string (with backslash escapes)" : "a quoted string");
            }
            append(c);
            if (c == '\\' && escapes) {
                int e = read();
                if (e < 0) {
                    throw unterminated(at, "a quoted string (with backslash escapes)");
                }
                append(e);
            } else if (c == '\'') {
                int d = read();
                if (d == '\'') {
                    append(d);
                    continue;
                }
                // SQL continues a string across whitespace that contains a newline: 'a'\n'b' is 'ab'
                boolean newline = false;
                while (d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '\f') {
                    newline |= d == '\n';
                    append(d);
                    d = read();
                }
                if (d == '\'' && newline) {
                    append(d);
                    continue;
                }
                unread(d);
                return;
            }
        }
    }

    private void quotedIdentifier() throws IOException {
        long at = line;
        appendContent('"');
        while (true) {
            int c = read();
            if (c < 0) {
                throw unterminated(at, "a double-quoted identifier");
            }
            append(c);
            if (c == '"') {
                if (!nextIs('"')) {
                    return;
                }
                append('"');
            }
        }
    }

    /** At a '$' outside quotes: a parameter ($1), a dollar quote ($$, $tag$) or just a '$'. */
    private void dollar() throws IOException {
        long at = line;
        int c = read();
        String tag;
        if (c == '$') {
            tag = "$$";
        } else if (c >= 0 && c != '$' && (c < 0x80 ? SqlTokenizer.isIdentStart((char) c) : true)) {
            StringBuilder t = new StringBuilder().append('$').append((char) c);
            int d;
            while ((d = read()) >= 0 && (d < 0x80 ? SqlTokenizer.isDollarTagCont((char) d) : true)) {
                t.append((char) d);
            }
            if (d != '$') {
                // "$abc" without a closing '$' is not a dollar quote
                appendContent('$');
                for (int k = 1; k < t.length(); k++) {
                    append(t.charAt(k));
                }
                unread(d);
                return;
            }
            tag = t.append('$').toString();
        } else {
            appendContent('$');
            unread(c);
            return;
        }
        for (int k = 0; k < tag.length(); k++) {
            appendContent(tag.charAt(k));
        }
        int bodyStart = sb.length();
        int n = tag.length();
        while (true) {
            int d = read();
            if (d < 0) {
                throw unterminated(at, "a dollar-quoted string " + tag);
            }
            append(d);
            if (d == '$' && sb.length() - bodyStart >= n && endsWith(tag)) {
                return;
            }
        }
    }

    private boolean endsWith(String tag) {
        int n = tag.length();
        int off = sb.length() - n;
        for (int k = 0; k < n; k++) {
            if (sb.charAt(off + k) != tag.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** An unquoted identifier or keyword, or the prefix of E'…', B'…', X'…', N'…', U&amp;'…', U&amp;"…". */
    private void word(int first) throws IOException {
        int start = sb.length();
        appendContent(first);
        int c;
        while ((c = read()) >= 0 && (c < 0x80 ? SqlTokenizer.isIdentCont((char) c) : true)) {
            append(c);
        }
        int len = sb.length() - start;
        if (len == 1 && c == '\'') {
            switch (first) {
                case 'e', 'E' -> quoted(true);
                case 'b', 'B', 'x', 'X' -> quoted(false);
                default -> quoted(!standardStrings);
            }
            return;
        }
        if (len == 1 && (first == 'u' || first == 'U') && c == '&') {
            int q = read();
            if (q == '\'') {
                append('&');
                quoted(false);
                return;
            }
            if (q == '"') {
                append('&');
                quotedIdentifier();
                return;
            }
            unread(q);
        }
        unread(c);
        trackBeginEnd(len <= 9 ? SqlTokenizer.lower(sb.substring(start)) : "");
    }

    /**
     * psql's heuristic for the bodies of SQL-standard functions: in a statement that starts with
     * CREATE [OR REPLACE] FUNCTION|PROCEDURE, outside parentheses, BEGIN opens a block, CASE inside a
     * block opens another, END closes one; a semicolon inside a block does not end the statement.
     */
    private void trackBeginEnd(String w) {
        if (identifierCount == 0) {
            Arrays.fill(identifiers, '\0');
        }
        if (identifierCount < identifiers.length && (w.equals("create") || w.equals("function")
                || w.equals("procedure") || w.equals("or") || w.equals("replace"))) {
            identifiers[identifierCount] = w.charAt(0);
        }
        identifierCount++;
        boolean routine = identifiers[0] == 'c'
                && (identifiers[1] == 'f' || identifiers[1] == 'p'
                || (identifiers[1] == 'o' && identifiers[2] == 'r' && (identifiers[3] == 'f' || identifiers[3] == 'p')));
        if (routine && parenDepth == 0) {
            switch (w) {
                case "begin" -> {
                    if (beginDepth++ == 0) {
                        beginLine = line;
                    }
                }
                case "case" -> {
                    if (beginDepth >= 1) {
                        beginDepth++;
                    }
                }
                case "end" -> {
                    if (beginDepth > 0) {
                        beginDepth--;
                    }
                }
                default -> {
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Statements, COPY, end of script
    // ------------------------------------------------------------------------------------------------

    private ScriptItem endStatement() throws IOException {
        String sql = sb.toString();
        long at = startLine;
        boolean content = hasContent;
        resetStatement();
        if (!content) {
            return null;
        }
        return afterStatement(sql, at);
    }

    private void resetStatement() {
        peakStatementBuffer = Math.max(peakStatementBuffer, sb.capacity());
        if (sb.capacity() > KEEP_BUFFER_CHARS) {
            sb = new StringBuilder(1024);
        } else {
            sb.setLength(0);
        }
        hasContent = false;
        identifierCount = 0;
        parenDepth = 0;
        beginDepth = 0;
    }

    /** Applies what a statement changes for the lexer, and turns COPY FROM stdin into a CopyBlock. */
    private ScriptItem afterStatement(String sql, long at) throws IOException {
        char first = Character.toLowerCase(sql.charAt(0));
        if (first == 's' || first == 'r') {
            Optional<SetCommand> set = SetCommand.parse(sql);
            if (set.isPresent()) {
                applySetting(set.get(), at);
            }
        } else if (first == 'c' && isCopyFromStdin(sql)) {
            // the data starts on the next line; the rest of this one is read after the data, as psql does
            StringBuilder rest = new StringBuilder();
            int c;
            while ((c = read()) >= 0 && c != '\n') {
                rest.append((char) c);
            }
            if (c == '\n' && !rest.toString().isBlank()) {
                rest.append('\n');
            }
            afterCopy = rest.toString().isBlank() ? null : rest.toString();
            if (in.hasQueuedChar() || pushed > 0) {
                throw new ScriptFormatException(at, "cannot find where the data of this COPY starts");
            }
            copy = new CopyRowStream(in, at);
            return new CopyBlock(sql, copy, at);
        }
        return new ScriptStatement(sql, at);
    }

    private void applySetting(SetCommand set, long at) throws ScriptFormatException {
        switch (set.name()) {
            case "client_encoding" -> {
                if (set.isDefault()) {
                    in.setEncoding(defaultEncoding);
                } else {
                    try {
                        in.setEncoding(ScriptEncoding.forName(set.value()));
                    } catch (IllegalArgumentException e) {
                        throw new ScriptFormatException(at, e.getMessage(), e);
                    }
                }
            }
            case "standard_conforming_strings" -> standardStrings = set.isDefault() || set.booleanValue().orElse(true);
            case "all" -> {
                if (set.isDefault()) {
                    in.setEncoding(defaultEncoding);
                    standardStrings = true;
                }
            }
            default -> {
            }
        }
    }

    /** Whether a statement is COPY … FROM STDIN (the data follows in the script). */
    static boolean isCopyFromStdin(String sql) {
        SqlTokenizer t = new SqlTokenizer(sql);
        if (!t.accept("copy")) {
            return false;
        }
        int depth = 0;
        for (SqlToken tok = t.next(); tok != null; tok = t.next()) {
            if (tok.isSymbol('(')) {
                depth++;
            } else if (tok.isSymbol(')')) {
                depth--;
            } else if (depth == 0 && tok.is("to")) {
                return false;
            } else if (depth == 0 && tok.is("from")) {
                SqlToken src = t.next();
                return src != null && src.is("stdin");
            }
        }
        return false;
    }

    private void finishCopy() throws IOException {
        if (copy == null) {
            return;
        }
        copy.skipRest();
        line += copy.newlines();
        copy = null;
        if (afterCopy != null) {
            for (int k = afterCopy.length() - 1; k >= 0; k--) {
                unread(afterCopy.charAt(k));
            }
            afterCopy = null;
        }
    }

    private ScriptItem atEnd() throws IOException {
        if (hasContent) {
            if (parenDepth > 0) {
                throw unterminated(parenLine, "a parenthesis");
            }
            if (beginDepth > 0) {
                throw unterminated(beginLine, "a BEGIN … END function body");
            }
            String sql = sb.toString();
            long at = startLine;
            resetStatement();
            return afterStatement(sql, at);
        }
        resetStatement();
        if (restrictKey != null) {
            String key = restrictKey;
            restrictKey = null;
            throw new ScriptFormatException(restrictLine, "the script ends without the \\unrestrict " + key
                    + " that matches the \\restrict at this line (is the script truncated?)");
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------
    // Meta-commands
    // ------------------------------------------------------------------------------------------------

    /** After a backslash outside quotes: \; or \: (literal chars), or a meta-command up to the end of the line. */
    private MetaCommand metaCommand() throws IOException {
        long at = line;
        int c = read();
        if (c == ';' || c == ':') {
            appendContent(c);
            if (c == ';') {
                identifierCount = 0;
            }
            return null;
        }
        StringBuilder name = new StringBuilder();
        while (c >= 0 && !isSpace(c) && c != '\n' && c != '\\') {
            name.append((char) c);
            c = read();
        }
        unread(c);
        String cmd = name.toString();
        boolean identifiers = cmd.equals("c") || cmd.equals("connect");
        boolean stripSemicolons = identifiers || cmd.equals("encoding") || cmd.equals("restrict") || cmd.equals("unrestrict");
        List<String> args = new ArrayList<>();
        while (true) {
            c = read();
            while (isSpace(c)) {
                c = read();
            }
            if (c < 0 || c == '\n') {
                break;
            }
            if (c == '\\') {
                if (!nextIs('\\')) {
                    unread(c); // another meta-command follows on this line
                }
                break;
            }
            unread(c);
            args.add(metaArgument(cmd, at, identifiers, stripSemicolons));
        }
        return checkMetaCommand(new MetaCommand(cmd, args, at));
    }

    private String metaArgument(String cmd, long at, boolean identifiers, boolean stripSemicolons) throws IOException {
        StringBuilder arg = new StringBuilder();
        int unquotedTail = 0;
        while (true) {
            int c = read();
            if (c < 0 || c == '\n' || isSpace(c) || c == '\\') {
                unread(c);
                break;
            }
            if (c == '\'') {
                unquotedTail = 0;
                while (true) {
                    int d = read();
                    if (d < 0 || d == '\n') {
                        throw new ScriptFormatException(at, "unterminated quoted string in \\" + cmd);
                    }
                    if (d == '\'') {
                        if (nextIs('\'')) {
                            arg.append('\'');
                            continue;
                        }
                        break;
                    }
                    if (d == '\\') {
                        arg.append(metaEscape(cmd, at));
                        continue;
                    }
                    arg.append((char) d);
                }
            } else if (c == '"' || c == '`') {
                unquotedTail = 0;
                arg.append((char) c);
                while (true) {
                    int d = read();
                    if (d < 0 || d == '\n') {
                        throw new ScriptFormatException(at, "unterminated quoted string in \\" + cmd);
                    }
                    arg.append((char) d);
                    if (d == c) {
                        break;
                    }
                }
            } else {
                arg.append((char) c);
                unquotedTail++;
            }
        }
        if (stripSemicolons) {
            while (unquotedTail-- > 0 && arg.length() > 0 && arg.charAt(arg.length() - 1) == ';') {
                arg.setLength(arg.length() - 1);
            }
        }
        return identifiers ? dequoteIdentifier(arg.toString()) : arg.toString();
    }

    /** A backslash escape inside a single-quoted meta-command argument (the backslash was read). */
    private String metaEscape(String cmd, long at) throws IOException {
        int e = read();
        switch (e) {
            case -1, '\n' -> throw new ScriptFormatException(at, "unterminated quoted string in \\" + cmd);
            case 'n' -> {
                return "\n";
            }
            case 't' -> {
                return "\t";
            }
            case 'b' -> {
                return "\b";
            }
            case 'r' -> {
                return "\r";
            }
            case 'f' -> {
                return "\f";
            }
            case 'x' -> {
                int v = 0;
                int k = 0;
                int d;
                while (k < 2 && (d = read()) >= 0) {
                    if (Character.digit(d, 16) < 0) {
                        unread(d);
                        break;
                    }
                    v = v * 16 + Character.digit(d, 16);
                    k++;
                }
                return k == 0 ? "x" : String.valueOf((char) v);
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int v = e - '0';
                    for (int k = 0; k < 2; k++) {
                        int d = read();
                        if (d < '0' || d > '7') {
                            unread(d);
                            break;
                        }
                        v = v * 8 + (d - '0');
                    }
                    return String.valueOf((char) (v & 0xFF));
                }
                return String.valueOf((char) e);
            }
        }
    }

    /** psql's dequoting of identifier arguments without down-casing: "My""Db" → My"Db. */
    static String dequoteIdentifier(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean inQuotes = false;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '"') {
                if (inQuotes && k + 1 < s.length() && s.charAt(k + 1) == '"') {
                    out.append('"');
                    k++;
                } else {
                    inQuotes = !inQuotes;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /** Enforces \restrict, refuses \. outside COPY, applies \encoding. */
    private MetaCommand checkMetaCommand(MetaCommand m) throws ScriptFormatException {
        String name = m.name();
        if (name.equals(".")) {
            throw new ScriptFormatException(m.line(), "\\. outside of COPY data (a COPY statement before it"
                    + " was not recognised as COPY … FROM stdin, or a data line was split)");
        }
        if (restrictKey != null) {
            if (!name.equals("unrestrict")) {
                throw new ScriptFormatException(m.line(), "\\" + name + " is not allowed here: the script is in"
                        + " restricted mode since \\restrict at line " + restrictLine + " (only \\unrestrict is)");
            }
            if (m.args().isEmpty() || !m.args().get(0).equals(restrictKey)) {
                throw new ScriptFormatException(m.line(), "\\unrestrict with a key that does not match the"
                        + " \\restrict at line " + restrictLine);
            }
            restrictKey = null;
            return m;
        }
        if (name.equals("restrict")) {
            if (m.args().isEmpty() || m.args().get(0).isEmpty()) {
                throw new ScriptFormatException(m.line(), "\\restrict without a key");
            }
            restrictKey = m.args().get(0);
            restrictLine = m.line();
        } else if (name.equals("encoding") && !m.args().isEmpty()) {
            try {
                in.setEncoding(ScriptEncoding.forName(m.args().get(0)));
            } catch (IllegalArgumentException e) {
                throw new ScriptFormatException(m.line(), e.getMessage(), e);
            }
        }
        return m;
    }
}
