package org.fluxj.rexec;

/** UNIX wait(2) status values, as RFC 42 {@code finished} and {@code wait} responses carry them. */
public final class WaitStatus {
    private WaitStatus() {
    }

    /** The status of a process that exited with {@code code}. */
    public static int exited(int code) {
        return (code & 0xff) << 8;
    }

    /** The status of a process killed by {@code signal}. */
    public static int signaled(int signal) {
        return signal & 0x7f;
    }


    public static boolean isSignaled(int status) {
        int sig = status & 0x7f;
        return sig != 0 && sig != 0x7f;
    }

    public static int exitCode(int status) {
        return (status >> 8) & 0xff;
    }

    public static int termSignal(int status) {
        return status & 0x7f;
    }

    /** The exit code a shell reports for it: the exit code, or 128 + the signal. */
    public static int shellCode(int status) {
        return isSignaled(status) ? 128 + termSignal(status) : exitCode(status);
    }
}
