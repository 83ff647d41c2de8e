package org.fluxj.client;

import java.io.IOException;

/**
 * Resolves a TARGET of one URI scheme ({@code pid:1234}, {@code jobid:f123}) to the
 * {@code local://} or {@code ssh://} URI of a Flux instance, as flux-core's
 * {@code flux.uri} resolver plugins do. Found by {@link java.util.ServiceLoader} (list the
 * class in {@code META-INF/services/org.fluxj.client.UriResolver}); {@link UriResolvers}
 * chooses one by scheme.
 */
public interface UriResolver {

    /** The scheme this resolver serves. */
    String scheme();

    /** One line for {@code flux uri --help}. */
    String describe();

    /**
     * The URI of the instance {@code path} (what follows {@code scheme:}, without its query)
     * names; an error names what was not found.
     */
    String resolve(String path) throws IOException;
}
