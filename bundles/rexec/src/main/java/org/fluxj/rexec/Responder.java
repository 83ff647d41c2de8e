package org.fluxj.rexec;

import com.fasterxml.jackson.databind.JsonNode;
import org.fluxj.formats.msg.Message;

/**
 * Where the subprocess server sends its answers (RFC 6). A streaming request gets any number of
 * {@link #respond} calls, ended by {@link #respondError} with ENODATA; a plain request gets one.
 * The signatures are those of the module context's, so a host adapts it with method references.
 * Called only from the server's serial executor.
 */
public interface Responder {

    /** One response to {@code request} with a JSON object payload, or none if {@code payload} is null. */
    void respond(Message request, JsonNode payload);

    /** An error response (ENODATA ends a stream); {@code text} may be null. */
    void respondError(Message request, int errnum, String text);
}
