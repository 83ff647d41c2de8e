package org.fluxj.rexec;

/** The broker log, as the server writes to it (severities as {@code org.fluxj.kernel.api.Severity}). */
@FunctionalInterface
public interface ServerLog {
    void log(int severity, String text);
}
