package org.fluxj.formats.proc;

/**
 * wait(2) statuses, as RFC 42's {@code finished} and {@code wait} responses carry them, and
 * what they say in the words flux-core prints: glibc's strsignal(3) texts, and a
 * job's result as {@code flux_job_waitstatus_to_exitcode} words it (the status of its job
 * shells, which exit 128+N when their tasks die of signal N).
 */
public final class WaitStatus {
    private static final String[] STRSIGNAL = {
        null, "Hangup", "Interrupt", "Quit", "Illegal instruction", "Trace/breakpoint trap", "Aborted",
        "Bus error", "Floating point exception", "Killed", "User defined signal 1", "Segmentation fault",
        "User defined signal 2", "Broken pipe", "Alarm clock", "Terminated", "Stack fault", "Child exited",
        "Continued", "Stopped (signal)", "Stopped", "Stopped (tty input)", "Stopped (tty output)",
        "Urgent I/O condition", "CPU time limit exceeded", "File size limit exceeded", "Virtual timer expired",
        "Profiling timer expired", "Window changed", "I/O possible", "Power failure", "Bad system call",
    };
    private static final int SIGRTMIN = 34;
    private static final int SIGRTMAX = 64;

    private WaitStatus() {
    }

    /** strsignal(3) as glibc words it on Linux. */
    public static String strsignal(int signum) {
        if (signum > 0 && signum < STRSIGNAL.length) {
            return STRSIGNAL[signum];
        }
        if (signum >= SIGRTMIN && signum <= SIGRTMAX) {
            return "Real-time signal " + (signum - SIGRTMIN);
        }
        return "Unknown signal " + signum;
    }

    /** The status of a process that exited with {@code code}. */
    public static int exited(int code) {
        return (code & 0xff) << 8;
    }

    /** The status of a process killed by {@code signal}. */
    public static int killed(int signal) {
        return signal & 0x7f;
    }

    /** WIFSIGNALED. */
    public static boolean signaled(int status) {
        int sig = status & 0x7f;
        return sig != 0 && sig != 0x7f;
    }

    /** WTERMSIG. */
    public static int termSignal(int status) {
        return status & 0x7f;
    }

    /** WEXITSTATUS. */
    public static int exitStatus(int status) {
        return (status >> 8) & 0xff;
    }

    /**
     * The code a shell reports: the exit status, or 128+N for death by signal N (a job's exit
     * code too, as {@code flux_job_waitstatus_to_exitcode} computes it).
     */
    public static int shellCode(int status) {
        return signaled(status) ? 128 + termSignal(status) : exitStatus(status);
    }

    /** Why a job failed, from its wait status; empty if it succeeded. */
    public static String jobError(int status) {
        if (signaled(status)) {
            return "job shell " + strsignal(termSignal(status));
        }
        int code = exitStatus(status);
        if (code > 128) {
            return "task(s) " + strsignal(code - 128);
        }
        return code > 0 ? "task(s) exited with exit code " + code : "";
    }
}
