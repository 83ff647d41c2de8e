package org.fluxj.overlay;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fluxj.formats.curve.CurveCert;
import org.fluxj.formats.curve.Z85;
import org.fluxj.kernel.api.Severity;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The overlay's ZAP handler (ZeroMQ RFC 27, flux-core's zmqutil/zap.c): admits a CURVE client
 * only if its public key was {@link #authorize authorized}. It is bound on the overlay's own
 * context before the ROUTER binds, so no peer is ever admitted unchecked.
 */
final class Zap {
    /** The ZAP domain flux-core's overlay sockets use. */
    static final String DOMAIN = "flux";
    private static final String ENDPOINT = "inproc://zeromq.zap.01";

    private final Map<String, String> authorized = new ConcurrentHashMap<>(); // public key text -> name
    private final IoThread.Log log;
    private ZMQ.Socket socket;

    Zap(IoThread.Log log) {
        this.log = log;
    }

    /**
     * Admits a peer presenting this CURVE public key ({@code overlay_authorize}); any thread.
     *
     * @throws IllegalArgumentException if the key is not 40 characters of Z85
     */
    void authorize(String name, String publicKeyText) {
        if (publicKeyText == null || publicKeyText.length() != CurveCert.KEY_TEXT_SIZE
                || Z85.decode(publicKeyText) == null) {
            throw new IllegalArgumentException("not a CURVE public key: " + publicKeyText);
        }
        authorized.put(publicKeyText, name == null ? "" : name);
    }

    /** The I/O thread: binds the handler and polls it. */
    void bind(IoThread io) {
        socket = io.context().createSocket(SocketType.REP);
        socket.setLinger(0);
        socket.bind(ENDPOINT);
        io.register(socket, "zap", this::handle);
    }

    /**
     * Answers one ZAP request: version "1.0", mechanism CURVE and a client key that
     * {@link #authorize} admitted get 200; anything else 400 and a log line.
     */
    private void handle() {
        List<byte[]> req = IoThread.recvFrames(socket);
        if (req == null) {
            return;
        }
        String code = "400";
        String text = "No access";
        String userId = "";
        if (req.size() < 7 || !"1.0".equals(str(req.get(0))) || !"CURVE".equals(str(req.get(5)))
                || req.get(6).length != CurveCert.KEY_SIZE) {
            log.log(Severity.ERR, "ZAP request decode error");
        } else {
            String key = Z85.encode(req.get(6));
            String name = authorized.get(key);
            if (name != null) {
                code = "200";
                text = "OK";
                userId = key;
                log.log(Severity.DEBUG, "overlay auth " + (name.isEmpty() ? key : name) + " from " + str(req.get(3)));
            } else {
                log.log(Severity.ERR, "overlay auth " + text + ": CURVE key " + key + " from " + str(req.get(3))
                        + " is not authorized");
            }
        }
        if (req.size() < 2) {
            return; // cannot answer without a request id; the handshake times out
        }
        socket.send(req.get(0), ZMQ.SNDMORE);
        socket.send(req.get(1), ZMQ.SNDMORE);
        socket.send(code, ZMQ.SNDMORE);
        socket.send(text, ZMQ.SNDMORE);
        socket.send(userId, ZMQ.SNDMORE);
        socket.send(new byte[0], 0);
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
