package org.fluxj.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.fluxj.client.Handle;
import org.fluxj.client.job.Jobs;
import org.fluxj.formats.jobspec.Jobspec;
import org.fluxj.formats.jobspec.JobspecBuilder;

/**
 * Job submissions per second on FLUX_URI (bench/submit.sh runs it inside an instance): CLIENTS
 * threads, each with its own connection, submit JOBS jobs in all, each client keeping up to 64
 * submissions in flight (as {@code flux submit --cc} does). Prints "submit_jobs_per_s_cN VALUE".
 *
 * <pre>java -cp bench/target/benchmarks.jar org.fluxj.bench.SubmitLoad [CLIENTS] [JOBS]</pre>
 */
public final class SubmitLoad {
    private static final int IN_FLIGHT = 64;

    private SubmitLoad() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        String uri = System.getenv("FLUX_URI");
        Jobspec jobspec = new JobspecBuilder().command(List.of("true")).build();
        String json = jobspec.toJson();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int share = jobs / clients + (c < jobs % clients ? 1 : 0);
            Thread t = new Thread(() -> {
                try (Handle h = Handle.open(uri)) {
                    Semaphore window = new Semaphore(IN_FLIGHT);
                    List<CompletableFuture<?>> all = new ArrayList<>();
                    for (int i = 0; i < share; i++) {
                        window.acquire();
                        CompletableFuture<Long> f = Jobs.submitAsync(h, json, 16, 0);
                        f.whenComplete((id, err) -> window.release());
                        all.add(f);
                    }
                    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("submit_jobs_per_s_c%d %.0f%n", clients, jobs / secs);
    }
}
