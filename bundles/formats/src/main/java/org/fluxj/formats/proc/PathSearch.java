package org.fluxj.formats.proc;

import java.io.File;
import org.fluxj.formats.msg.Errno;

/**
 * Finds the program a command names as execvp(3) does: a name with a slash is taken as it is
 * (relative to the working directory), else each PATH directory is tried (glibc's default
 * "/bin:/usr/bin" if there is no PATH). Failures are execvp's: ENOENT, or EACCES if only
 * unexecutable files were found. Shared by the subprocess server and the broker's rc scripts.
 */
public final class PathSearch {
    /** glibc's search path when PATH is unset. */
    public static final String DEFAULT_PATH = "/bin:/usr/bin";

    private PathSearch() {
    }

    /** Why no program was found: the errno execvp(3) would set. */
    public static final class NotFound extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Errno errno;

        NotFound(Errno errno) {
            super(errno.message());
            this.errno = errno;
        }

        public Errno errno() {
            return errno;
        }
    }

    /** The program execvp(3) would run, or null where it would find none. */
    public static File find(String name, String path, File cwd) {
        try {
            return new File(resolve(name, path, cwd));
        } catch (NotFound e) {
            return null;
        }
    }

    /** The path of the program execvp(3) would run for {@code name}. */
    public static String resolve(String name, String path, File cwd) throws NotFound {
        if (name.isEmpty()) {
            throw new NotFound(Errno.ENOENT);
        }
        if (name.indexOf('/') >= 0) {
            File f = new File(name);
            if (!f.isAbsolute()) {
                f = new File(cwd, name);
            }
            if (!f.exists()) {
                throw new NotFound(Errno.ENOENT);
            }
            if (!executable(f)) {
                throw new NotFound(Errno.EACCES);
            }
            return f.getPath();
        }
        boolean denied = false;
        for (String dir : (path != null ? path : DEFAULT_PATH).split(":", -1)) {
            File f = new File(dir.isEmpty() ? cwd : dirFile(dir, cwd), name);
            if (executable(f)) {
                return f.getPath();
            }
            denied |= f.exists();
        }
        throw new NotFound(denied ? Errno.EACCES : Errno.ENOENT);
    }

    private static File dirFile(String dir, File cwd) {
        File d = new File(dir);
        return d.isAbsolute() ? d : new File(cwd, dir);
    }

    private static boolean executable(File f) {
        return f.isFile() && f.canExecute();
    }
}
