package org.fluxj.formats.conf;

import org.fluxj.formats.FormatException;

/**
 * A configuration value refused: its dotted key ({@code kvs.checkpoint-period}) and what is
 * wrong with it, in flux-core's words. {@link Conf.Loaded#describe} adds the file it came from.
 */
public class ConfigKeyException extends FormatException {
    private static final long serialVersionUID = 1L;
    private final String key;

    public ConfigKeyException(String key, String problem) {
        super(problem);
        this.key = key;
    }

    /** The dotted key whose value was refused. */
    public String key() {
        return key;
    }
}
