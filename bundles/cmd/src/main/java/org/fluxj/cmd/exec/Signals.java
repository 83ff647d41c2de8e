package org.fluxj.cmd.exec;

import java.util.function.IntConsumer;

/** Signals for commands that forward them: catching SIGINT/SIGTERM, and glibc's strsignal texts. */
final class Signals {
    private static final String[] NAMES = {
        null, "Hangup", "Interrupt", "Quit", "Illegal instruction", "Trace/breakpoint trap", "Aborted",
        "Bus error", "Floating point exception", "Killed", "User defined signal 1", "Segmentation fault",
        "User defined signal 2", "Broken pipe", "Alarm clock", "Terminated", "Stack fault", "Child exited",
        "Continued", "Stopped (signal)", "Stopped", "Stopped (tty input)", "Stopped (tty output)",
        "Urgent I/O condition", "CPU time limit exceeded", "File size limit exceeded", "Virtual timer expired",
        "Profiling timer expired", "Window changed", "I/O possible", "Power failure", "Bad system call",
    };
    private static final int SIGRTMIN = 34;
    private static final int SIGRTMAX = 64;

    private Signals() {
    }

    /** strsignal(3) as glibc words it on Linux. */
    static String describe(int signum) {
        if (signum > 0 && signum < NAMES.length) {
            return NAMES[signum];
        }
        if (signum >= SIGRTMIN && signum <= SIGRTMAX) {
            return "Real-time signal " + (signum - SIGRTMIN);
        }
        return "Unknown signal " + signum;
    }

    /**
     * Catches the named signals ("INT", "TERM"): each delivery calls {@code handler} with the
     * signal number (on a JVM signal thread) instead of ending the JVM.
     */
    @SuppressWarnings("restriction")
    static void install(IntConsumer handler, String... names) {
        for (String name : names) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> handler.accept(s.getNumber()));
            } catch (IllegalArgumentException e) {
                // the JVM reserves it (e.g. run with -Xrs): left as it is
            }
        }
    }
}
