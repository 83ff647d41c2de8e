package org.fluxj.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.fluxj.content.sqlite.SqliteStore;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.treeobj.BlobRef;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The content-sqlite backing store: acknowledged (durable) stores per second from one caller
 * waiting for each store, and from 64 callers at once (group commit); loads per second. The
 * cost of durability is the difference between {@code sync=FULL} (every commit syncs the WAL)
 * and {@code OFF}; the worth of group commit is {@code group=true} against {@code false} (one
 * transaction per store). The database is in {@code -Dfluxj.bench.dir} (default: java.io.tmpdir),
 * which must be on a real disk for the figures to mean anything.
 *
 * <p>{@code bench/jmh.sh ContentStoreBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ContentStoreBench {
    /** 1 KiB blobs, about a KVS directory or a small value. */
    static final int BLOB_SIZE = 1024;
    static final int PRELOADED = 10_000;

    @Param({"FULL", "NORMAL", "OFF"})
    String sync;

    @Param({"true", "false"})
    boolean group;

    Path dir;
    SqliteStore store;
    BlobRef[] preloaded;
    final AtomicLong counter = new AtomicLong();

    @Setup(Level.Trial)
    public void setup() throws IOException, ContentException {
        Path base = Path.of(System.getProperty("fluxj.bench.dir", System.getProperty("java.io.tmpdir")));
        dir = Files.createTempDirectory(base, "fluxj-content-bench");
        SqliteStore.Options options = SqliteStore.Options.defaults(BlobRef.Algorithm.SHA1)
                .withSynchronous(SqliteStore.Synchronous.valueOf(sync))
                .withMaxGroupOps(group ? 4096 : 1);
        // preload through a store that groups, so setup is quick whatever the parameters
        try (SqliteStore loader = SqliteStore.open(dir, SqliteStore.Options.defaults(BlobRef.Algorithm.SHA1)
                .withSynchronous(SqliteStore.Synchronous.OFF))) {
            List<CompletableFuture<BlobRef>> refs = new ArrayList<>();
            for (int i = 0; i < PRELOADED; i++) {
                refs.add(loader.store(blob(-1 - i)));
            }
            preloaded = refs.stream().map(CompletableFuture::join).toArray(BlobRef[]::new);
        }
        store = SqliteStore.open(dir, options);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, ContentException {
        store.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** A distinct blob for every number, so no store is a duplicate. */
    static byte[] blob(long n) {
        byte[] b = new byte[BLOB_SIZE];
        ByteBuffer.wrap(b).putLong(n).putLong(n * 0x9E3779B97F4A7C15L);
        return b;
    }

    @Benchmark
    @Threads(1)
    public BlobRef storeOneAtATime() {
        return store.store(blob(counter.incrementAndGet())).join();
    }

    @Benchmark
    @Threads(64)
    public BlobRef store64Writers() {
        return store.store(blob(counter.incrementAndGet())).join();
    }

    @Benchmark
    @Threads(1)
    public byte[] load() {
        return store.load(preloaded[ThreadLocalRandom.current().nextInt(PRELOADED)]).join();
    }
}
