package org.fluxj.kvs;

import java.util.concurrent.CompletionException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;

/** How the KVS answers a failed stage: a RequestException's errno and text, anything else EIO. */
final class KvsErrors {
    private KvsErrors() {
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static int errno(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof RequestException r) {
            return r.errno().number();
        }
        return Errno.EIO.number();
    }

    static String message(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof RequestException) {
            return t.getMessage();
        }
        return "kvs: " + t;
    }

    static void respondError(ModuleContext ctx, Message m, Throwable e) {
        ctx.respondError(m, errno(e), message(e));
    }
}
