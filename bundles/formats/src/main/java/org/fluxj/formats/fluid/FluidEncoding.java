package org.fluxj.formats.fluid;

import java.util.Locale;
import org.fluxj.formats.FormatException;

/**
 * The string forms of a FLUID: RFC 19's representations plus {@code kvs}, the dothex form under
 * the {@code job.} KVS directory. Names are those {@code flux job id --to} accepts.
 */
public enum FluidEncoding {
    /** Unsigned decimal integer, e.g. {@code 6731191091817518}. */
    DEC("dec"),
    /** Hexadecimal with a {@code 0x} prefix, e.g. {@code 0x17e9fb8df16c2e}. */
    HEX("hex"),
    /** KVS path: {@code job.} and the dothex form, e.g. {@code job.0017.e9fb.8df1.6c2e}. */
    KVS("kvs"),
    /** Dotted hexadecimal, e.g. {@code 0017.e9fb.8df1.6c2e}. */
    DOTHEX("dothex"),
    /** Mnemonicode words, e.g. {@code academy-academy-academy--academy-academy-academy}. */
    WORDS("words"),
    /** Base58 with prefix {@code ƒ}, or {@code f} when the locale is not UTF-8. */
    F58("f58"),
    /** Base58 with the ASCII prefix {@code f}. */
    F58PLAIN("f58plain"),
    /** Base-576 emoji, e.g. {@code 😳🏪🍖🍸}. */
    EMOJI("emoji");

    private final String typeName;

    FluidEncoding(String typeName) {
        this.typeName = typeName;
    }

    /** The name flux-core uses for this form ({@code dec}, {@code f58plain}, ...). */
    public String typeName() {
        return typeName;
    }

    @Override
    public String toString() {
        return typeName;
    }

    /**
     * The encoding with this name, ignoring case as flux-core's {@code flux_job_id_encode} does.
     *
     * @throws FormatException if no encoding has that name
     */
    public static FluidEncoding fromName(String name) throws FormatException {
        if (name != null) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (FluidEncoding e : values()) {
                if (e.typeName.equals(lower)) {
                    return e;
                }
            }
        }
        throw new FormatException("jobid: unknown encoding '" + FormatException.printable(String.valueOf(name)) + "'");
    }
}
