package org.fluxj.kvs;

import org.fluxj.formats.json.JsonLimitException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.Rpc;

/**
 * How the KVS answers a failed stage: a RequestException's errno and text, EOVERFLOW for what
 * would exceed a JSON read limit (its text names the limit), anything else EIO.
 */
final class KvsErrors {
    private KvsErrors() {
    }


    static int errno(Throwable e) {
        Throwable t = Rpc.cause(e);
        if (t instanceof RequestException r) {
            return r.errno().number();
        }
        return t instanceof JsonLimitException ? Errno.EOVERFLOW.number() : Errno.EIO.number();
    }

    static String message(Throwable e) {
        Throwable t = Rpc.cause(e);
        if (t instanceof RequestException) {
            return t.getMessage();
        }
        if (t instanceof JsonLimitException) {
            return "kvs: " + t.getMessage();
        }
        return "kvs: " + t;
    }

    static void respondError(ModuleContext ctx, Message m, Throwable e) {
        ctx.respondError(m, errno(e), message(e));
    }
}
