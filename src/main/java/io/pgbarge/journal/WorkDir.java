package io.pgbarge.journal;

import java.nio.file.Path;

/**
 * Where journals live when {@code --work-dir} is not given: {@code $XDG_STATE_HOME/pgbarge}, else
 * {@code ~/.local/state/pgbarge} — state that must survive a reboot (unlike /tmp), kept per user, as the
 * XDG base-directory convention says for such files.
 */
public final class WorkDir {
    private WorkDir() {
    }

    public static Path defaultDir() {
        String override = System.getProperty("pgbarge.workdir"); // the test suite keeps its journals under target/
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "pgbarge");
        }
        return Path.of(System.getProperty("user.home"), ".local", "state", "pgbarge");
    }
}
