package org.fluxj.pmi;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The client side of the RFC 13 wire protocol, as flux-core's {@code simple_client.c}, over a
 * socket reached with MPICH's port handshake (see the package description). One request at a
 * time; not thread-safe, as PMI-1 itself.
 */
public final class PmiClient implements Closeable {
    private final LineChannel channel;
    private final int rank;
    private final int size;
    private final boolean spawned;
    private final boolean debug;
    private Consumer<String> trace;
    private boolean initialized;
    private int kvsnameMax;
    private int keylenMax;
    private int vallenMax;
    private String kvsname;

    private PmiClient(LineChannel channel, int pmiid, boolean spawned, Consumer<String> trace) throws IOException {
        this.channel = channel;
        this.spawned = spawned;
        this.trace = trace;
        int[] set = handshake(pmiid);
        this.size = set[0];
        this.rank = set[1];
        this.debug = set[2] != 0;
    }

    /**
     * Connects as {@code env} directs: {@code FLUX_PMI_SOCKET} (AF_UNIX path) or
     * {@code PMI_PORT} ({@code host:port}), presenting {@code PMI_ID} (else {@code PMI_RANK}).
     * Empty if neither is set; tracing on stderr if {@code FLUX_PMI_DEBUG} is set.
     *
     * @throws PmiException if the environment is incomplete or the server cannot be reached
     */
    public static Optional<PmiClient> fromEnvironment(Map<String, String> env) throws PmiException {
        String socket = env.get(Pmi.ENV_SOCKET);
        String port = env.get(Pmi.ENV_PORT);
        if (socket == null && port == null) {
            return Optional.empty();
        }
        String idText = env.getOrDefault(Pmi.ENV_ID, env.get(Pmi.ENV_RANK));
        int id;
        try {
            id = Integer.parseInt(idText);
        } catch (NumberFormatException e) {
            throw new PmiException(Pmi.ERR_INVALID_ARG, "PMI_ID (or PMI_RANK) is not set to a rank: " + idText);
        }
        boolean spawned = "1".equals(env.get(Pmi.ENV_SPAWNED));
        Consumer<String> trace = env.containsKey(Pmi.ENV_DEBUG) ? s -> System.err.println("simple: " + s) : null;
        try {
            if (socket != null) {
                return Optional.of(connect(UnixDomainSocketAddress.of(socket), id, spawned, trace));
            }
            int colon = port.lastIndexOf(':');
            if (colon <= 0) {
                throw new PmiException(Pmi.ERR_INVALID_ARG, "PMI_PORT is not host:port: " + port);
            }
            int p = Integer.parseInt(port.substring(colon + 1));
            return Optional.of(connect(new InetSocketAddress(port.substring(0, colon), p), id, spawned, trace));
        } catch (NumberFormatException e) {
            throw new PmiException(Pmi.ERR_INVALID_ARG, "PMI_PORT is not host:port: " + port);
        } catch (PmiException e) {
            throw e;
        } catch (IOException e) {
            throw new PmiException(Pmi.FAIL, "cannot reach PMI server at " + (socket != null ? socket : port) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Connects to a server at an AF_UNIX path. */
    public static PmiClient connect(Path path, int pmiid) throws IOException {
        return connect(UnixDomainSocketAddress.of(path), pmiid, false, null);
    }

    /** Connects to a server at a TCP address. */
    public static PmiClient connect(InetSocketAddress address, int pmiid) throws IOException {
        return connect((SocketAddress) address, pmiid, false, null);
    }

    private static PmiClient connect(SocketAddress address, int pmiid, boolean spawned,
            Consumer<String> trace) throws IOException {
        SocketChannel ch = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        try {
            ch.connect(address);
            return new PmiClient(new LineChannel(ch), pmiid, spawned, trace);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Traces each request and response line. */
    public void setTrace(Consumer<String> trace) {
        this.trace = trace;
    }

    /** This process's rank, as the server told it in the handshake. */
    public int rank() {
        return rank;
    }

    /** The size of the program, as the server told it in the handshake. */
    public int size() {
        return size;
    }

    /** True if the program was created by a spawn ({@code PMI_SPAWNED=1}). */
    public boolean spawned() {
        return spawned;
    }

    /** The debug value of the handshake. */
    public boolean debug() {
        return debug;
    }

    private int[] handshake(int pmiid) throws IOException {
        send("cmd=initack pmiid=" + pmiid + "\n");
        String ack = receive("initack");
        if (ack == null) {
            throw new PmiException(Pmi.FAIL, "PMI server closed the connection during the handshake");
        }
        int[] vals = new int[3];
        String[] names = {"size", "rank", "debug"};
        for (int i = 0; i < 3; i++) {
            String line = receive("set");
            Integer v = KeyVal.integer(line, names[i]);
            if (v == null) {
                throw new PmiException(Pmi.FAIL, "protocol error: expected cmd=set " + names[i] + "=N, got: " + line.strip());
            }
            vals[i] = v;
        }
        if (vals[0] < 1 || vals[1] < 0 || vals[1] >= vals[0]) {
            throw new PmiException(Pmi.FAIL, "protocol error: rank " + vals[1] + " size " + vals[0]);
        }
        return vals;
    }

    /** Negotiates PMI 1.1 and reads the server's limits ({@code init} then {@code get_maxes}). */
    public void init() throws IOException {
        String r = call("cmd=init pmi_version=1 pmi_subversion=1\n", "response_to_init");
        if (KeyVal.uint(r, "pmi_version") != 1 || KeyVal.uint(r, "pmi_subversion") != 1) {
            throw new PmiException(Pmi.FAIL, "server offers an unsupported PMI version: " + r.strip());
        }
        r = call("cmd=get_maxes\n", "maxes");
        long n = KeyVal.uint(r, "kvsname_max");
        long k = KeyVal.uint(r, "keylen_max");
        long v = KeyVal.uint(r, "vallen_max");
        if (n <= 0 || k <= 0 || v <= 0) {
            throw new PmiException(Pmi.FAIL, "protocol error: " + r.strip());
        }
        kvsnameMax = (int) n;
        keylenMax = (int) k;
        vallenMax = (int) v;
        initialized = true;
    }

    public int kvsnameMax() {
        return kvsnameMax;
    }

    public int keylenMax() {
        return keylenMax;
    }

    public int vallenMax() {
        return vallenMax;
    }

    /** The program's kvs name ({@code get_my_kvsname}), asked once. */
    public String kvsname() throws IOException {
        checkInit();
        if (kvsname == null) {
            String r = call("cmd=get_my_kvsname\n", "my_kvsname");
            String name = KeyVal.word(r, "kvsname");
            if (name == null) {
                throw new PmiException(Pmi.FAIL, "protocol error: " + r.strip());
            }
            kvsname = name;
        }
        return kvsname;
    }

    public int appnum() throws IOException {
        checkInit();
        return intResult(call("cmd=get_appnum\n", "appnum"), "appnum");
    }

    public int universeSize() throws IOException {
        checkInit();
        return intResult(call("cmd=get_universe_size\n", "universe_size"), "size");
    }

    /** Puts a value into the program's kvs. Keys are words; values are strings, no newline. */
    public void put(String key, String value) throws IOException {
        checkInit();
        if (!Pmi.isWord(key)) {
            throw new PmiException(Pmi.ERR_INVALID_KEY, "invalid PMI key: " + key);
        }
        if (key.length() >= keylenMax) {
            throw new PmiException(Pmi.ERR_INVALID_KEY_LENGTH, "PMI key is too long: " + key);
        }
        if (!Pmi.isString(value)) {
            throw new PmiException(Pmi.ERR_INVALID_VAL, "invalid PMI value for " + key);
        }
        if (value.length() >= vallenMax) {
            throw new PmiException(Pmi.ERR_INVALID_VAL_LENGTH, "PMI value for " + key + " is too long");
        }
        call("cmd=put kvsname=" + kvsname() + " key=" + key + " value=" + value + "\n", "put_result");
    }

    /**
     * The value of {@code key} in the program's kvs.
     *
     * @throws PmiException with {@link Pmi#ERR_INVALID_KEY} if there is no such key
     */
    public String get(String key) throws IOException {
        checkInit();
        if (!Pmi.isWord(key)) {
            throw new PmiException(Pmi.ERR_INVALID_KEY, "invalid PMI key: " + key);
        }
        String r = call("cmd=get kvsname=" + kvsname() + " key=" + key + "\n", "get_result");
        String value = KeyVal.string(r, "value");
        if (value == null) {
            throw new PmiException(Pmi.FAIL, "protocol error: " + r.strip());
        }
        return value;
    }

    /** The value of {@code key}, or empty if the server has none. */
    public Optional<String> lookup(String key) throws IOException {
        try {
            return Optional.of(get(key));
        } catch (PmiException e) {
            if (e.result() == Pmi.ERR_INVALID_KEY) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Waits until every process of the program has entered the barrier. */
    public void barrier() throws IOException {
        checkInit();
        call("cmd=barrier_in\n", "barrier_out");
    }

    /**
     * Asks the server to abort the program. RFC 13's abort has no response; unlike
     * {@code PMI_Abort} this returns, and the caller exits.
     */
    public void abort(int exitCode, String message) throws IOException {
        checkInit();
        String msg = message == null ? "" : " error_msg=" + message.replace('\n', ' ');
        send("cmd=abort exitcode=" + exitCode + msg + "\n");
    }

    /** Ends the session ({@code finalize}); the server then closes the connection. */
    public void finish() throws IOException {
        checkInit();
        call("cmd=finalize\n", "finalize_ack");
        initialized = false;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void checkInit() throws PmiException {
        if (!initialized) {
            throw new PmiException(Pmi.ERR_INIT, "PMI is not initialized");
        }
    }

    private static int intResult(String r, String key) throws PmiException {
        Integer v = KeyVal.integer(r, key);
        if (v == null) {
            throw new PmiException(Pmi.FAIL, "protocol error: " + r.strip());
        }
        return v;
    }

    /** Sends a request and reads its response, which must be {@code cmd=expect} with rc 0. */
    private String call(String request, String expect) throws IOException {
        send(request);
        String r = receive(expect);
        if (r == null) {
            throw new PmiException(Pmi.FAIL, "PMI server closed the connection");
        }
        Integer rc = KeyVal.integer(r, "rc");
        if (rc != null && rc != 0) {
            String msg = KeyVal.string(r, "msg");
            throw new PmiException(rc, KeyVal.word(request, "cmd") + ": " + (msg != null ? msg : PmiErrors.describe(rc)));
        }
        return r;
    }

    private void send(String line) throws IOException {
        if (trace != null) {
            trace.accept("C: " + line.strip());
        }
        channel.write(line);
    }

    private String receive(String expect) throws IOException {
        String r = channel.readLine();
        if (r == null) {
            return null;
        }
        if (trace != null) {
            trace.accept("S: " + r.strip());
        }
        if (!KeyVal.is(r, "cmd", expect)) {
            throw new PmiException(Pmi.FAIL, "protocol error: expected cmd=" + expect + ", got: " + r.strip());
        }
        return r;
    }
}
