package org.fluxj.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fluxj.formats.msg.Errno;

/**
 * The broker attributes (flux-core src/broker/attr.c): only names in flux-core's table may
 * exist; immutable ones never change once set, read-only ones may not be set on the command
 * line, and only runtime ones may be updated by a user's {@code attr.set} without force.
 * Thread-safe.
 */
public final class Attributes {
    public static final int IMMUTABLE = 0x01;
    public static final int READONLY = 0x02;
    public static final int RUNTIME = 0x04;
    public static final int CONFIG = 0x08;

    private record Registered(String glob, int flags) {
    }

    private static final List<Registered> TABLE = List.of(
            r("rank", READONLY | IMMUTABLE), r("size", READONLY | IMMUTABLE), r("version", READONLY),
            r("rundir", 0), r("rundir-cleanup", IMMUTABLE), r("statedir", 0), r("statedir-cleanup", IMMUTABLE),
            r("security.owner", READONLY | IMMUTABLE), r("local-uri", IMMUTABLE),
            r("parent-uri", READONLY | IMMUTABLE), r("instance-level", READONLY | IMMUTABLE),
            r("jobid", READONLY | IMMUTABLE), r("jobid-path", READONLY | IMMUTABLE),
            r("parent-kvs-namespace", READONLY | IMMUTABLE), r("hostlist", IMMUTABLE), r("hostname", IMMUTABLE),
            r("broker.mapping", READONLY | IMMUTABLE), r("broker.critical-ranks", IMMUTABLE),
            r("broker.boot-method", IMMUTABLE), r("broker.pid", READONLY | IMMUTABLE),
            r("broker.quorum", IMMUTABLE), r("broker.quorum-warn", IMMUTABLE),
            r("broker.shutdown-warn", IMMUTABLE), r("broker.shutdown-timeout", IMMUTABLE),
            r("broker.cleanup-timeout", 0), r("broker.unload-builtins-timeout", 0),
            r("broker.rc1_path", 0), r("broker.rc3_path", 0), r("broker.rc2_none", 0), r("broker.rc2_pgrp", 0),
            r("broker.exit-restart", RUNTIME), r("broker.module-nopanic", RUNTIME),
            r("broker.starttime", READONLY | IMMUTABLE), r("broker.sd-notify", 0),
            r("broker.sd-stop-timeout", IMMUTABLE), r("broker.exit-norestart", 0), r("broker.recovery-mode", 0),
            r("broker.uuid", READONLY | IMMUTABLE), r("conf.shell_initrc", RUNTIME),
            r("conf.shell_pluginpath", RUNTIME), r("config.path", IMMUTABLE),
            r("tbon.topo", CONFIG), r("tbon.descendants", READONLY), r("tbon.level", READONLY),
            r("tbon.maxlevel", READONLY), r("tbon.endpoint", READONLY), r("tbon.parent-endpoint", READONLY),
            r("tbon.zmqdebug", CONFIG), r("tbon.zmq_io_threads", CONFIG), r("tbon.child_rcvhwm", CONFIG),
            r("tbon.prefertcp", 0), r("tbon.interface-hint", RUNTIME | CONFIG | IMMUTABLE),
            r("tbon.torpid_min", CONFIG), r("tbon.torpid_max", CONFIG), r("tbon.tcp_user_timeout", CONFIG),
            r("tbon.connect_timeout", CONFIG),
            r("log-ring-size", IMMUTABLE), r("log-forward-level", IMMUTABLE), r("log-critical-level", IMMUTABLE),
            r("log-filename", 0), r("log-syslog-enable", IMMUTABLE), r("log-syslog-level", IMMUTABLE),
            r("log-stderr-mode", IMMUTABLE), r("log-stderr-level", RUNTIME), r("log-level", IMMUTABLE),
            r("content.backing-module", 0), r("content.hash", IMMUTABLE), r("content.dump", RUNTIME),
            r("content.restore", RUNTIME), r("cron.directory", 0),
            r("test.*", RUNTIME), r("test-ro.*", READONLY), r("test-nr.*", 0), r("test-im.*", IMMUTABLE),
            r("test-rd.*", RUNTIME), r("vendor.*", RUNTIME | IMMUTABLE), r("tbon.fanout", 0));

    /** An attribute operation failed with an errno, as attr.c fails. */
    public static final class AttrException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Errno errno;

        public AttrException(Errno errno, String message) {
            super(message == null ? errno.message() : message);
            this.errno = errno;
        }

        public Errno errno() {
            return errno;
        }
    }

    private record Entry(String value, int flags) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private static Registered r(String glob, int flags) {
        return new Registered(glob, flags);
    }

    /** The flags of a registered name (glob '*' suffixes as in flux-core's table), or -1. */
    public static int registeredFlags(String name) {
        for (Registered reg : TABLE) {
            if (reg.glob.endsWith("*") ? name.startsWith(reg.glob.substring(0, reg.glob.length() - 1))
                    : reg.glob.equals(name)) {
                return reg.flags;
            }
        }
        return -1;
    }

    /** attr_set: updates an existing mutable value or creates a registered one. */
    public synchronized void set(String name, String value) throws AttrException {
        Entry e = entries.get(name);
        if (e != null) {
            if ((e.flags & IMMUTABLE) != 0) {
                throw new AttrException(Errno.EPERM, null);
            }
            entries.put(name, new Entry(value, e.flags));
            return;
        }
        int flags = registeredFlags(name);
        if (flags < 0) {
            throw new AttrException(Errno.ENOENT, null);
        }
        entries.put(name, new Entry(value, flags));
    }

    /** Sets a value the broker computes, replacing even an immutable one (broker start-up only). */
    public synchronized void setInternal(String name, String value) {
        int flags = registeredFlags(name);
        entries.put(name, new Entry(value, flags < 0 ? 0 : flags));
    }

    /** attr_set_cmdline: as {@code -S name=value} sets it. */
    public synchronized void setCmdline(String name, String value) throws AttrException {
        int flags = registeredFlags(name);
        if (flags < 0) {
            throw new AttrException(Errno.ENOENT, "unknown attribute");
        }
        if ((flags & READONLY) != 0) {
            throw new AttrException(Errno.EINVAL, "attribute may not be set on the command line");
        }
        set(name, value);
    }

    /**
     * The attr.set request: unknown names, and updates of non-runtime values without force,
     * are refused with flux-core's messages.
     */
    public synchronized void setByRequest(String name, String value, boolean force) throws AttrException {
        int flags = registeredFlags(name);
        if (flags < 0) {
            throw new AttrException(Errno.ENOENT, "unknown attribute");
        }
        if (entries.containsKey(name) && !force && (flags & RUNTIME) == 0) {
            throw new AttrException(Errno.EINVAL, "attribute may not be updated");
        }
        set(name, value);
    }

    public synchronized Optional<String> get(String name) {
        Entry e = entries.get(name);
        return e == null ? Optional.empty() : Optional.ofNullable(e.value);
    }

    /** Whether the attribute exists (possibly with no value). */
    public synchronized boolean has(String name) {
        return entries.containsKey(name);
    }

    /** The immutable flag of an existing attribute, as attr.get reports it. */
    public synchronized int exposedFlags(String name) {
        Entry e = entries.get(name);
        return e == null ? 0 : e.flags & IMMUTABLE;
    }

    /** attr_delete: immutable attributes are refused with EPERM; absent ones are no error. */
    public synchronized void delete(String name) throws AttrException {
        Entry e = entries.get(name);
        if (e != null && (e.flags & IMMUTABLE) != 0) {
            throw new AttrException(Errno.EPERM, null);
        }
        entries.remove(name);
    }

    /** Every name, in the order they were set. */
    public synchronized List<String> names() {
        return new ArrayList<>(entries.keySet());
    }
}
