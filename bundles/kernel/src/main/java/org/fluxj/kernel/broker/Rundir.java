package org.fluxj.kernel.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.kernel.Attributes;

/**
 * The broker's run and state directories, as flux-core's rundir.c makes and checks them, and
 * the check of a {@code local-uri} given on the command line.
 */
final class Rundir {
    private Rundir() {
    }

    /**
     * flux-core's rundir_create for {@code name} (rundir or statedir): a temporary directory in
     * {@code tmpdir} if the attribute is unset, or within the named directory if that has its
     * sticky bit set; the named directory, made if missing. A directory this broker made is
     * removed at exit unless NAME-cleanup says otherwise; returns the one to remove, or null.
     */
    static Path create(Attributes attrs, String name, String tmpdir, int owner) throws FormatException, IOException {
        String given = attrs.get(name).orElse(null);
        Path dir;
        boolean cleanup = true;
        try {
            if (given == null) {
                dir = mkdtemp(tmpdir);
            } else if (!Files.exists(Path.of(given))) {
                dir = Files.createDirectory(Path.of(given));
            } else if (Files.isDirectory(Path.of(given)) && sticky(Path.of(given))) {
                dir = mkdtemp(given);
            } else {
                dir = Path.of(given);
                cleanup = false;
            }
        } catch (IOException e) {
            Errno errno = Errno.of(e);
            String why = errno != null ? errno.message() : e.getMessage();
            throw new FormatException("error creating " + (given != null ? given : "directory in " + tmpdir) + ": " + why);
        }
        attrs.setInternal(name, dir.toString());
        String problem = dirProblem(dir, owner);
        if (problem != null) {
            throw new FormatException(problem);
        }
        String flag = attrs.get(name + "-cleanup").orElse(null);
        if (flag != null) {
            cleanup = !flag.equals("0");
        } else {
            attrs.setInternal(name + "-cleanup", cleanup ? "1" : "0");
        }
        return cleanup ? dir : null;
    }

    private static Path mkdtemp(String parent) throws FormatException, IOException {
        if (parent.length() + "/flux-XXXXXX".length() >= 1024) {
            throw new FormatException("buffer overflow");
        }
        if (!Files.isDirectory(Path.of(parent))) {
            throw new FormatException("cannot create directory in " + parent + ": "
                    + (Files.exists(Path.of(parent)) ? "Not a directory" : "No such file or directory"));
        }
        return Files.createTempDirectory(Path.of(parent), "flux-");
    }

    private static boolean sticky(Path dir) throws IOException {
        return ((Integer) Files.getAttribute(dir, "unix:mode") & 01000) != 0;
    }

    /** flux-core's rundir_checkdir: a directory owned by the instance owner, rwx for it; else why not. */
    private static String dirProblem(Path dir, int owner) {
        if (!Files.exists(dir)) {
            return "cannot stat " + dir + ": No such file or directory";
        } else if (!Files.isDirectory(dir)) {
            return dir + ": Not a directory";
        }
        try {
            int uid = (Integer) Files.getAttribute(dir, "unix:uid");
            var perms = Files.getPosixFilePermissions(dir);
            if (uid != owner) {
                return dir + " is not owned by instance owner: Operation not permitted";
            } else if (!perms.containsAll(Set.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE))) {
                return dir + " does not have owner=rwx permissions";
            }
        } catch (IOException e) {
            return "cannot stat " + dir + ": " + e.getMessage();
        }
        return null;
    }

    /** flux-core's init_local_uri_attr: a local-uri given on the command line is checked before use. */
    static void checkLocalUri(String uri, int owner) throws FormatException {
        if (!uri.startsWith("local://")) {
            throw new FormatException("local-uri is malformed");
        }
        String path = uri.substring("local://".length());
        if (path.length() >= 1024) {
            throw new FormatException("buffer overflow while checking local-uri");
        }
        String problem = dirProblem(Path.of(path).toAbsolutePath().getParent(), owner);
        if (problem != null) {
            throw new FormatException("local-uri directory " + problem);
        }
        // sun_path holds 108 bytes with the terminating NUL (see flux-core #3925)
        int length = path.getBytes(StandardCharsets.UTF_8).length;
        if (length > 107) {
            throw new FormatException("local-uri length of " + length
                    + " bytes exceeds max 107 AF_UNIX socket path length");
        }
    }
}
