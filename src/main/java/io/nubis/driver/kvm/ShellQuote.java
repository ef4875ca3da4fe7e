package io.nubis.driver.kvm;

/**
 * Quotes one argument for a POSIX shell: single quotes around it, each embedded single quote written as {@code '\''}.
 * Inside single quotes the shell expands nothing ({@code $(...)}, backticks, {@code ;}, globs, newlines are all
 * literal), so the quoted word reaches the program exactly as given.
 */
public final class ShellQuote {

    private ShellQuote() {
    }

    public static String quote(String arg) {
        if (arg.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL byte in a command argument");
        }
        if (!arg.isEmpty() && arg.chars().allMatch(ShellQuote::safe)) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /** Characters no POSIX shell treats specially. */
    private static boolean safe(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.' || c == '/' || c == ':' || c == '=' || c == ',' || c == '@' || c == '+' || c == '%';
    }
}
