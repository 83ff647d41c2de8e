package org.fluxj.itest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@code bin/flux} command left running, as a user at a terminal has it: its stdout and
 * stderr lines are collected as they come, so a test can wait for a line (what the command has
 * said so far) before it types input or sends a signal.
 */
final class RunningFlux implements AutoCloseable {
    /** How long a test waits for a line or an exit before it fails (a bound, not a delay). */
    static final long WAIT_SECONDS = 60;

    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final List<Thread> readers = new ArrayList<>();

    RunningFlux(String uri, String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(FluxCli.command(args));
        pb.environment().put("FLUX_URI", uri);
        process = pb.start();
        collect(process.getInputStream(), out);
        collect(process.getErrorStream(), err);
    }

    private void collect(InputStream in, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    synchronized (this) {
                        lines.add(l);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
        });
        t.setDaemon(true);
        t.start();
        readers.add(t);
    }

    long pid() {
        return process.pid();
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Waits for a stdout line that matches; fails the test if none comes. */
    String awaitOut(Predicate<String> match) throws InterruptedException {
        return await(out, match, "stdout");
    }

    String awaitErr(Predicate<String> match) throws InterruptedException {
        return await(err, match, "stderr");
    }

    private synchronized String await(List<String> lines, Predicate<String> match, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        int seen = 0;
        while (true) {
            for (; seen < lines.size(); seen++) {
                if (match.test(lines.get(seen))) {
                    return lines.get(seen);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no such line on " + what + "; stdout " + out + ", stderr " + err);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Sends a signal by name ("INT", "TERM") with kill(1). */
    void signal(String name) throws IOException, InterruptedException {
        Process k = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (k.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " failed");
        }
    }

    /** Waits for the command to exit and its output to be read (bounded); its status. */
    int waitFor() throws InterruptedException {
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("flux did not exit; stdout " + out() + ", stderr " + err());
        }
        for (Thread t : readers) {
            t.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        }
        return process.exitValue();
    }

    /** stdout and stderr so far, once the command has exited and its streams are read. */
    synchronized List<String> out() {
        return List.copyOf(out);
    }

    synchronized List<String> err() {
        return List.copyOf(err);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
