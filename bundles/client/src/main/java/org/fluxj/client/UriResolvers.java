package org.fluxj.client;

import java.io.IOException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.fluxj.formats.proc.Identity;

/**
 * flux-core's FluxURIResolver: a TARGET with no scheme is a job id; {@code local://} and
 * {@code ssh://} URIs resolve to themselves; any other scheme goes to its {@link UriResolver}.
 * The query {@code ?local} or {@code ?remote} converts the result, as {@code flux uri
 * --local} and {@code --remote} do.
 */
public final class UriResolvers {
    private final Map<String, UriResolver> resolvers = new TreeMap<>();

    /** The resolvers {@link ServiceLoader} finds beside this library. */
    public UriResolvers() {
        for (UriResolver r : ServiceLoader.load(UriResolver.class, UriResolvers.class.getClassLoader())) {
            resolvers.putIfAbsent(r.scheme(), r);
        }
    }

    /** Scheme and description of each resolver, by scheme. */
    public Map<String, String> describe() {
        Map<String, String> m = new TreeMap<>();
        resolvers.forEach((s, r) -> m.put(s, r.describe()));
        return m;
    }

    /** The URI TARGET names; errors are one line, as flux-uri's. */
    public String resolve(String target) throws IOException {
        String path = target;
        Set<String> query = Set.of();
        int q = target.indexOf('?');
        if (q >= 0) {
            path = target.substring(0, q);
            query = Set.of(target.substring(q + 1).split("&"));
        }
        String scheme = scheme(path);
        if (scheme.isEmpty()) {
            scheme = "jobid";
        } else {
            path = path.substring(scheme.length() + 1);
        }
        if (query.contains("local") && query.contains("remote")) {
            throw new IOException("Only one of 'local' or 'remote' is allowed");
        }
        String uri;
        if (scheme.equals("local") || scheme.equals("ssh")) {
            uri = scheme + ":" + path;
        } else {
            UriResolver r = resolvers.get(scheme);
            if (r == null) {
                throw new IOException("No plugin for URI scheme " + scheme);
            }
            uri = r.resolve(path);
        }
        if (query.contains("local")) {
            return local(uri);
        }
        return query.contains("remote") ? remote(uri) : uri;
    }

    /** An ssh:// URI as the local:// URI of the same socket. */
    public static String local(String uri) throws IOException {
        if (uri.startsWith("local://")) {
            return uri;
        } else if (uri.startsWith("ssh://")) {
            String rest = uri.substring("ssh://".length());
            int slash = rest.indexOf('/');
            return "local://" + (slash < 0 ? "" : rest.substring(slash));
        }
        throw new IOException("Cannot convert JobURI with scheme " + scheme(uri) + " to local");
    }

    /** A local:// URI as an ssh:// URI to this host. */
    public static String remote(String uri) throws IOException {
        if (uri.startsWith("ssh://")) {
            return uri;
        } else if (uri.startsWith("local://")) {
            return "ssh://" + Identity.hostname() + uri.substring("local://".length());
        }
        throw new IOException("Cannot convert JobURI with scheme " + scheme(uri) + " to remote");
    }

    /** RFC 3986's scheme: a letter, then letters, digits, '+', '-', '.', before the first ':'. */
    private static String scheme(String s) {
        int colon = s.indexOf(':');
        if (colon < 1 || !Character.isLetter(s.charAt(0))) {
            return "";
        }
        for (int i = 1; i < colon; i++) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '+' && c != '-' && c != '.') {
                return "";
            }
        }
        return s.substring(0, colon);
    }
}
