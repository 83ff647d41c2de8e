package org.fluxj.pmi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The server side of the RFC 13 wire protocol, independent of transport, as flux-core's
 * {@code simple_server.c}: a transport hands it each request line of each client and it
 * answers through the client's {@link Connection}. Responses are the bytes flux-core sends.
 *
 * <p>A line that is not RFC 13 is a protocol error: {@link #request} throws and the transport
 * closes that connection (RFC 13 "Error handling"); other clients are not disturbed. Methods
 * are synchronized; responses to a client are sent in the order its requests came.
 */
public final class PmiSimpleServer {

    /** One client's connection, as a transport provides it. */
    public interface Connection {
        /** The client's rank, or -1 if the transport does not know it. */
        int rank();

        /** Sends one response line (newline included). */
        void send(String line) throws IOException;
    }

    private final PmiService service;
    private final int appnum;
    private final int universeSize;
    private final int localSize;
    private final String kvsname;
    private final List<Connection> inBarrier = new ArrayList<>();
    private final List<Connection> inSpawn = new ArrayList<>();
    private BiConsumer<Integer, String> trace;

    /**
     * @param localSize how many clients of this server enter each barrier
     * @param kvsname the name {@code get_my_kvsname} answers (flux-start uses "-")
     */
    public PmiSimpleServer(PmiService service, int appnum, int universeSize, int localSize, String kvsname) {
        if (!Pmi.isWord(kvsname) || kvsname.length() >= Pmi.KVS_NAME_MAX) {
            throw new IllegalArgumentException("invalid kvs name: " + kvsname);
        }
        if (localSize < 1 || universeSize < 1) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        this.service = service;
        this.appnum = appnum;
        this.universeSize = universeSize;
        this.localSize = localSize;
        this.kvsname = kvsname;
    }

    /** Traces each request ("C: ...") and response ("S: ...") with the client's rank. */
    public synchronized void setTrace(BiConsumer<Integer, String> trace) {
        this.trace = trace;
    }


    public int universeSize() {
        return universeSize;
    }

    public String kvsname() {
        return kvsname;
    }

    /**
     * Handles one request line from {@code client}.
     *
     * @return true if the client finalized and its connection should now be closed
     * @throws PmiException with {@link Pmi#FAIL} on a protocol error
     */
    public synchronized boolean request(Connection client, String line) throws PmiException {
        String buf = line.endsWith("\n") ? line : line + "\n";
        trace(client, "C: " + buf);
        if (inSpawn.contains(client)) {
            // The spawn command spans lines up to "endcmd"; spawn is not implemented.
            if (buf.equals("endcmd\n")) {
                inSpawn.remove(client);
                respond(client, "cmd=spawn_result rc=-1\n");
            }
            return false;
        }
        if (KeyVal.is(buf, "mcmd", "spawn")) {
            inSpawn.add(client);
            return false;
        }
        String cmd = KeyVal.word(buf, "cmd");
        if (cmd == null) {
            throw protocol(buf);
        }
        switch (cmd) {
            case "init" -> {
                long version = KeyVal.uint(buf, "pmi_version");
                long subversion = KeyVal.uint(buf, "pmi_subversion");
                if (version < 0 || subversion < 0) {
                    throw protocol(buf);
                }
                // below 1.1, or PMI-2 (slurm's libpmi2.so): refused
                if (version < 1 || (version == 1 && subversion < 1) || version == 2) {
                    respond(client, "cmd=response_to_init rc=-1\n");
                } else {
                    respond(client, "cmd=response_to_init rc=0 pmi_version=1 pmi_subversion=1\n");
                }
            }
            case "get_maxes" -> respond(client, "cmd=maxes rc=0 kvsname_max=" + Pmi.KVS_NAME_MAX
                    + " keylen_max=" + Pmi.KVS_KEY_MAX + " vallen_max=" + Pmi.KVS_VAL_MAX + "\n");
            case "abort" -> {
                // RFC 13 defines no parameters; mpich sends exitcode=N, older flux exit_code=N
                // and error_msg=STR. There is no response.
                long code = KeyVal.uint(buf, "exitcode");
                if (code < 0) {
                    code = KeyVal.uint(buf, "exit_code");
                }
                String msg = KeyVal.string(buf, "error_msg");
                service.abort(client.rank(), code < 0 ? 1 : (int) code, msg == null ? "aborted" : msg);
            }
            case "finalize" -> {
                respond(client, "cmd=finalize_ack rc=0\n");
                inBarrier.remove(client);
                return true;
            }
            case "get_universe_size" -> respond(client, "cmd=universe_size rc=0 size=" + universeSize + "\n");
            case "get_appnum" -> respond(client, "cmd=appnum rc=0 appnum=" + appnum + "\n");
            case "get_my_kvsname" -> respond(client, "cmd=my_kvsname rc=0 kvsname=" + kvsname + "\n");
            case "put" -> respond(client, "cmd=put_result rc=" + put(buf) + "\n");
            case "get" -> get(client, buf);
            case "barrier_in" -> barrierIn(client);
            case "publish_name" -> respond(client, "cmd=publish_result rc=-1 msg=command not implemented\n");
            case "unpublish_name" -> respond(client, "cmd=unpublish_result rc=-1 msg=command not implemented\n");
            case "lookup_name" -> respond(client, "cmd=lookup_result rc=-1 msg=command not implemented\n");
            default -> throw protocol(buf);
        }
        return false;
    }

    /** The client went away: it leaves any barrier it was in. */
    public synchronized void disconnected(Connection client) {
        inBarrier.remove(client);
        inSpawn.remove(client);
    }

    private int put(String buf) throws PmiException {
        String name = KeyVal.word(buf, "kvsname");
        if (name == null) {
            throw protocol(buf);
        }
        if (name.length() >= Pmi.KVS_NAME_MAX) {
            return Pmi.ERR_INVALID_LENGTH;
        }
        String key = KeyVal.word(buf, "key");
        if (key == null) {
            throw protocol(buf);
        }
        if (key.length() >= Pmi.KVS_KEY_MAX) {
            return Pmi.ERR_INVALID_KEY_LENGTH;
        }
        String value = KeyVal.string(buf, "value");
        if (value == null) {
            throw protocol(buf);
        }
        if (value.length() >= Pmi.KVS_VAL_MAX) {
            return Pmi.ERR_INVALID_VAL_LENGTH;
        }
        return service.put(name, key, value) ? Pmi.SUCCESS : Pmi.ERR_INVALID_KEY;
    }

    private void get(Connection client, String buf) throws PmiException {
        String name = KeyVal.word(buf, "kvsname");
        if (name == null) {
            throw protocol(buf);
        }
        if (name.length() >= Pmi.KVS_NAME_MAX) {
            respond(client, "cmd=get_result rc=" + Pmi.ERR_INVALID_LENGTH + "\n");
            return;
        }
        String key = KeyVal.word(buf, "key");
        if (key == null) {
            throw protocol(buf);
        }
        if (key.length() >= Pmi.KVS_KEY_MAX) {
            respond(client, "cmd=get_result rc=" + Pmi.ERR_INVALID_KEY_LENGTH + "\n");
            return;
        }
        service.get(name, key).whenComplete((value, error) -> {
            synchronized (this) {
                if (value != null && error == null) {
                    respond(client, "cmd=get_result rc=0 value=" + value + "\n");
                } else {
                    respond(client, "cmd=get_result rc=" + Pmi.ERR_INVALID_KEY + "\n");
                }
            }
        });
    }

    private void barrierIn(Connection client) {
        if (!inBarrier.contains(client)) {
            inBarrier.add(client);
        }
        if (inBarrier.size() < localSize) {
            return;
        }
        List<Connection> entered = new ArrayList<>(inBarrier);
        inBarrier.clear();
        service.barrier().whenComplete((v, error) -> {
            synchronized (this) {
                String resp = "cmd=barrier_out rc=" + (error == null ? Pmi.SUCCESS : Pmi.FAIL) + "\n";
                for (Connection c : entered) {
                    respond(c, resp);
                }
            }
        });
    }

    private void respond(Connection client, String resp) {
        trace(client, "S: " + resp);
        try {
            client.send(resp);
        } catch (IOException e) {
            // the client is gone; its connection's end is handled where it is read
        }
    }

    private void trace(Connection client, String text) {
        if (trace != null) {
            trace.accept(client.rank(), text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        }
    }

    private static PmiException protocol(String buf) {
        String shown = buf.strip();
        if (shown.length() > 80) {
            shown = shown.substring(0, 80) + "...";
        }
        return new PmiException(Pmi.FAIL, "protocol error: " + shown);
    }
}
