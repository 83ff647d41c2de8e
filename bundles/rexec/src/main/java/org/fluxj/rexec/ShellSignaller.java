package org.fluxj.rexec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.fluxj.formats.msg.Errno;

/**
 * Signals through one long-lived {@code /bin/sh} whose {@code kill} builtin is kill(2): a
 * signal costs a line written to a pipe and a line read back, and no fork. (Java 17 has no
 * kill(2) of its own: {@code ProcessHandle} can only send SIGTERM or SIGKILL to one pid.) The
 * shell is started on first use and again if it dies.
 */
final class ShellSignaller implements Signaller {
    /** Linux's highest signal number (SIGRTMAX). */
    static final int SIGNAL_MAX = 64;

    private final String shell;
    private Process process;
    private Writer in;
    private BufferedReader out;

    ShellSignaller(String shell) {
        this.shell = shell;
    }

    ShellSignaller() {
        this("/bin/sh");
    }

    @Override
    public synchronized void kill(int pid, int signum, boolean group) throws RexecException {
        String what = group ? "killpg" : "kill";
        if (signum < 1 || signum > SIGNAL_MAX) {
            throw new RexecException(Errno.EINVAL, what + ": " + Errno.EINVAL.message());
        }
        if (pid <= 1) {
            throw new RexecException(Errno.ESRCH, what + ": " + Errno.ESRCH.message());
        }
        String line = "kill -s " + signum + (group ? " -- -" : " ") + pid + "; echo \"@$?\"\n";
        String[] reply;
        try {
            reply = exchange(line);
        } catch (IOException e) {
            stop();
            try {
                reply = exchange(line);
            } catch (IOException again) {
                stop();
                throw new RexecException(Errno.EIO, what + ": signal helper failed: " + again.getMessage());
            }
        }
        if (!reply[0].equals("0")) {
            Errno errno = errnoOf(reply[1]);
            throw new RexecException(errno, what + ": " + errno.message());
        }
    }

    /** Sends one command line; returns its status and any error text. */
    private String[] exchange(String line) throws IOException {
        if (process == null || !process.isAlive()) {
            start();
        }
        in.write(line);
        in.flush();
        StringBuilder text = new StringBuilder();
        for (;;) {
            String reply = out.readLine();
            if (reply == null) {
                throw new IOException("signal helper exited");
            }
            if (reply.startsWith("@")) {
                return new String[] {reply.substring(1), text.toString()};
            }
            text.append(reply).append('\n');
        }
    }

    private void start() throws IOException {
        stop();
        process = new ProcessBuilder(shell).redirectErrorStream(true).start();
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private void stop() {
        if (process != null) {
            process.destroyForcibly();
            process = null;
        }
    }

    /** The errno behind a shell's kill message. */
    static Errno errnoOf(String text) {
        if (text.contains(Errno.ESRCH.message())) {
            return Errno.ESRCH;
        }
        if (text.contains(Errno.EPERM.message())) {
            return Errno.EPERM;
        }
        return Errno.EINVAL;
    }

    @Override
    public synchronized void close() {
        stop();
    }
}
