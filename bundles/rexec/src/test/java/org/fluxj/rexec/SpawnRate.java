package org.fluxj.rexec;

import java.util.ArrayList;
import java.util.List;
import org.fluxj.formats.msg.Message;

/**
 * Not a test: measures how many {@code /bin/true} the server spawns and reaps per second,
 * through the whole protocol (streaming exec, started, EOFs, finished, ENODATA), with
 * {@code N} requests in flight. Run: {@code java -cp ... org.fluxj.rexec.SpawnRate 2000 16 2}
 * (count, in flight, spawn threads).
 */
public final class SpawnRate {
    private SpawnRate() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        for (int round = 0; round < 3; round++) {
            TestClient.Replies replies = new TestClient.Replies();
            try (SubprocessServer server = SubprocessServer.builder(replies).spawnThreads(threads).build()) {
                TestClient c = new TestClient(server, replies, "bench");
                long t0 = System.nanoTime();
                List<Message> window = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    if (window.size() == inFlight) {
                        c.untilEnd(window.remove(0));
                    }
                    window.add(c.execArgs("/bin/true"));
                }
                window.forEach(c::untilEnd);
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("round %d: %d x /bin/true, %d in flight, %d spawn threads: %.0f/s%n",
                        round, count, inFlight, threads, count / s);
            }
        }
    }
}
