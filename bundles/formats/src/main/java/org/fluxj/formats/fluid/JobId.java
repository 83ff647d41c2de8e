package org.fluxj.formats.fluid;

import org.fluxj.formats.FormatException;
import org.fluxj.formats.internal.CNumbers;

/**
 * Job ids as flux-core's {@code flux_job_id_parse} and {@code flux_job_id_encode} handle them:
 * any FLUID form, optionally under the KVS {@code job.} prefix.
 */
public final class JobId {
    private JobId() {
    }

    /**
     * Parses a job id in any form: leading white space and a {@code job.} prefix are skipped,
     * then the rest is parsed as {@link Fluid#parse(String)} does.
     *
     * @throws FormatException naming the string, e.g. {@code jobid: invalid FLUID 'ƒzz0'}
     */
    public static long parse(String s) throws FormatException {
        if (s == null || s.isEmpty()) {
            throw new FormatException("jobid: invalid FLUID ''");
        }
        int i = 0;
        while (i < s.length() && CNumbers.isCSpace(s.charAt(i))) {
            i++;
        }
        String rest = s.substring(i);
        if (rest.startsWith("job.")) {
            rest = rest.substring(4);
        }
        try {
            return Fluid.parse(rest);
        } catch (FormatException e) {
            throw new FormatException("jobid: invalid FLUID '" + FormatException.printable(s) + "'", e);
        }
    }

    /** True if {@code s} parses as a job id. */
    public static boolean isValid(String s) {
        try {
            parse(s);
            return true;
        } catch (FormatException e) {
            return false;
        }
    }

    /** The id in the given form; F58 uses {@code ƒ} only in a UTF-8 locale. */
    public static String encode(long id, FluidEncoding encoding) {
        return Fluid.encode(id, encoding);
    }

    /**
     * The id in the form named as {@code flux job id --to} names it ({@code dec}, {@code hex},
     * {@code kvs}, {@code dothex}, {@code words}, {@code f58}, {@code f58plain}, {@code emoji};
     * any case). A null type means {@code dec}.
     *
     * @throws FormatException if the type is unknown
     */
    public static String encode(long id, String type) throws FormatException {
        return Fluid.encode(id, type == null ? FluidEncoding.DEC : FluidEncoding.fromName(type));
    }
}
