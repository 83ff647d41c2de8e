package org.fluxj.kernel;

/** Where broker components log: the ring buffer behind {@code flux dmesg}. */
@FunctionalInterface
public interface BrokerLog {
    /** Logs one line at a syslog severity under an application name ({@code broker}, a module's). */
    void log(int severity, String appname, String text);
}
