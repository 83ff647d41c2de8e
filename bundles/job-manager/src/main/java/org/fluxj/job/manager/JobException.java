package org.fluxj.job.manager;

import org.fluxj.formats.msg.Errno;
import org.fluxj.kernel.api.Request;
import org.fluxj.kernel.api.RequestException;

/** An exception to raise on a job, as {@code job-manager.raise} and {@code raiseall} carry it. */
record JobException(int severity, String type, String note) {

    /** The request's {@code severity}, {@code type} and optional {@code note}, not yet checked. */
    static JobException read(Request r) throws RequestException {
        return new JobException(r.integer("severity"), r.string("type"), r.string("note", ""));
    }

    /** flux-core's raise_check_severity and raise_check_type. */
    JobException check() throws RequestException {
        if (severity < 0 || severity > 7) {
            throw new RequestException(Errno.EPROTO, "invalid exception severity");
        }
        if (type.isEmpty() || type.chars().anyMatch(ch -> Character.isWhitespace(ch) || ch == '=')) {
            throw new RequestException(Errno.EPROTO, "invalid exception type");
        }
        return this;
    }
}
