package org.fluxj.formats.json;

/**
 * JSON that a writer was asked to write exceeds one of {@link JsonLimits}: refused, since no
 * reader would read it back. The message names the limit.
 */
public class JsonLimitException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public JsonLimitException(String message) {
        super(message);
    }
}
