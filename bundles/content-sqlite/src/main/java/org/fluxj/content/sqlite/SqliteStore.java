package org.fluxj.content.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.fluxj.content.api.Checkpoint;
import org.fluxj.content.api.ContentException;
import org.fluxj.content.spi.GroupCommitStore;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.BlobRef;
import org.sqlite.SQLiteConfig;

/**
 * The content-sqlite backing store: {@code statedir/content.sqlite} in flux-core's schema
 * ({@code objects(hash, size, object, epoch)}, {@code checkpt_v2(id, value)}), so a database
 * written by either can be read by the other: hashes are kept as TEXT holding the raw digest, as
 * flux-core binds them, and objects flux-core compressed with LZ4 are read back.
 *
 * <p>Durability: WAL journal, {@code synchronous=FULL} by default (every commit syncs the WAL),
 * and group commit ({@link GroupCommitStore}) so many stores share one transaction and one
 * sync. A store's future completes only after its transaction committed. Every object read is
 * checked against its blobref.
 */
public final class SqliteStore extends GroupCommitStore {
    public static final String FILE = "content.sqlite";

    /** SQLite's {@code synchronous} settings (flux-core's content-sqlite accepts the same). */
    public enum Synchronous {
        /** No sync: commits survive a killed process but not a crashed machine. */
        OFF,
        /** WAL is synced only at checkpoints: as OFF for a crashed machine. */
        NORMAL,
        /** The WAL is synced at every commit: commits survive a crashed machine. */
        FULL,
        /** FULL, and the directory is synced too. */
        EXTRA
    }

    /**
     * How the store is opened.
     *
     * @param algorithm the hash algorithm ({@code content.hash})
     * @param synchronous the {@code synchronous} pragma
     * @param journalMode the {@code journal_mode} pragma (WAL; flux-core's choices are accepted)
     * @param maxCheckpoints how many checkpoints are kept (flux-core: 5)
     * @param truncate whether an existing database is set aside first (kept as .old until the first checkpoint)
     * @param maxGroupOps the most requests committed in one transaction (1 turns group commit off)
     * @param maxGroupBytes the most blob bytes committed in one transaction
     * @param maxBlob the largest blob accepted (EFBIG beyond)
     */
    public record Options(BlobRef.Algorithm algorithm, Synchronous synchronous, String journalMode, int maxCheckpoints,
            boolean truncate, int maxGroupOps, long maxGroupBytes, long maxBlob) {
        static final List<String> JOURNAL_MODES = List.of("DELETE", "TRUNCATE", "PERSIST", "MEMORY", "WAL", "OFF");

        public Options {
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(synchronous, "synchronous");
            if (!JOURNAL_MODES.contains(journalMode)) {
                throw new IllegalArgumentException("invalid journal_mode " + journalMode);
            }
            if (maxCheckpoints <= 0 || maxGroupOps <= 0 || maxGroupBytes <= 0 || maxBlob < 0) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }

        /** The defaults: WAL, synchronous=FULL, 5 checkpoints, groups of up to 4096 requests or 64 MiB. */
        public static Options defaults(BlobRef.Algorithm algorithm) {
            // SQLite refuses values over SQLITE_MAX_LENGTH (1e9 bytes); leave room for the row
            return new Options(algorithm, Synchronous.FULL, "WAL", 5, false, 4096, 64L << 20, 999_000_000L);
        }

        public Options withSynchronous(Synchronous s) {
            return new Options(algorithm, s, journalMode, maxCheckpoints, truncate, maxGroupOps, maxGroupBytes, maxBlob);
        }

        public Options withJournalMode(String mode) {
            return new Options(algorithm, synchronous, mode, maxCheckpoints, truncate, maxGroupOps, maxGroupBytes, maxBlob);
        }

        public Options withTruncate(boolean t) {
            return new Options(algorithm, synchronous, journalMode, maxCheckpoints, t, maxGroupOps, maxGroupBytes, maxBlob);
        }

        public Options withMaxGroupOps(int n) {
            return new Options(algorithm, synchronous, journalMode, maxCheckpoints, truncate, n, maxGroupBytes, maxBlob);
        }

        public Options withMaxCheckpoints(int n) {
            return new Options(algorithm, synchronous, journalMode, n, truncate, maxGroupOps, maxGroupBytes, maxBlob);
        }

        public Options withMaxBlob(long n) {
            return new Options(algorithm, synchronous, journalMode, maxCheckpoints, truncate, maxGroupOps, maxGroupBytes, n);
        }
    }

    private static final String NAME = "content-sqlite";

    private static final String SQL_CREATE_OBJECTS = "CREATE TABLE if not exists objects("
            + "  hash BLOB PRIMARY KEY,"
            + "  size INT,"
            + "  object BLOB,"
            + "  epoch INT DEFAULT 0"
            + ");";
    private static final String SQL_CREATE_CHECKPT = "CREATE TABLE if not exists checkpt_v2("
            + "  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,"
            + "  value TEXT"
            + ");";
    // flux-core binds the raw digest with sqlite3_bind_text: the key is TEXT holding those bytes
    private static final String SQL_LOAD = "SELECT object,size FROM objects WHERE hash = CAST(?1 AS TEXT) LIMIT 1";
    private static final String SQL_STORE = "INSERT INTO objects (hash,size,object,epoch) "
            + "values (CAST(?1 AS TEXT), ?2, ?3, ?4) ON CONFLICT(hash) DO UPDATE SET epoch = excluded.epoch";
    private static final String SQL_VALIDATE = "SELECT EXISTS(SELECT 1 FROM objects WHERE hash = CAST(?1 AS TEXT))";
    private static final String SQL_CHECKPT_GET = "SELECT value FROM checkpt_v2 ORDER BY id DESC";
    private static final String SQL_CHECKPT_PUT = "INSERT INTO checkpt_v2 (value) values (?1)";
    private static final String SQL_CHECKPT_PRUNE = "DELETE FROM checkpt_v2 WHERE id IN ("
            + "SELECT id FROM checkpt_v2 ORDER BY id DESC LIMIT -1 OFFSET ?1)";

    private final Path file;
    private final Options options;
    private final Connection db;
    private final PreparedStatement loadStmt;
    private final PreparedStatement storeStmt;
    private final PreparedStatement validateStmt;
    private final PreparedStatement checkptGetStmt;
    private final PreparedStatement checkptPutStmt;
    private final PreparedStatement checkptPruneStmt;
    private final PreparedStatement lastRowidStmt;
    private final Statement control;
    private long epoch;

    private SqliteStore(Path file, Options options, Connection db) throws SQLException {
        super(NAME, options.algorithm(), new Limits(options.maxGroupOps(), options.maxGroupBytes(), options.maxBlob()));
        this.file = file;
        this.options = options;
        this.db = db;
        this.loadStmt = db.prepareStatement(SQL_LOAD);
        this.storeStmt = db.prepareStatement(SQL_STORE);
        this.validateStmt = db.prepareStatement(SQL_VALIDATE);
        this.checkptGetStmt = db.prepareStatement(SQL_CHECKPT_GET);
        this.checkptPutStmt = db.prepareStatement(SQL_CHECKPT_PUT);
        this.checkptPruneStmt = db.prepareStatement(SQL_CHECKPT_PRUNE);
        this.lastRowidStmt = db.prepareStatement("SELECT last_insert_rowid()");
        this.control = db.createStatement();
        try (ResultSet rs = control.executeQuery("SELECT MAX(id) FROM checkpt_v2")) {
            this.epoch = rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Opens (creating if need be) {@code statedir/content.sqlite}. */
    public static SqliteStore open(Path statedir, Options options) throws ContentException {
        Path file = statedir.resolve(FILE);
        if (!Files.isDirectory(statedir)) {
            throw new ContentException(Files.exists(statedir) ? Errno.ENOTDIR : Errno.ENOENT,
                    NAME + ": statedir " + statedir + ": " + (Files.exists(statedir) ? "not a directory" : "does not exist"));
        }
        List<Path> setAside = List.of();
        if (options.truncate()) {
            try {
                setAside = setAside(List.of("", "-wal", "-shm", "-journal").stream()
                        .map(suffix -> statedir.resolve(FILE + suffix)).toList());
            } catch (IOException e) {
                throw new ContentException(Errno.EIO, NAME + ": truncate " + file + ": " + e.getMessage(), e);
            }
        }
        if (readOnly(statedir)) {
            throw new ContentException(Errno.EROFS, NAME + ": statedir " + statedir + ": read-only file system");
        }
        if (Files.exists(file) && !(Files.isReadable(file) && Files.isWritable(file))) {
            throw new ContentException(Errno.EPERM, NAME + ": " + file + ": not readable and writable");
        }
        Connection db = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setBusyTimeout(0); // one broker per statedir: another holder is an error, not a wait
            db = config.createConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                // exclusive first, so WAL keeps its index in memory and makes no -shm file
                s.execute("PRAGMA locking_mode=EXCLUSIVE");
                try (ResultSet rs = s.executeQuery("PRAGMA journal_mode=" + options.journalMode())) {
                    String mode = rs.next() ? rs.getString(1) : "";
                    if (!mode.equalsIgnoreCase(options.journalMode())) {
                        throw new ContentException(Errno.EIO, NAME + ": " + file + ": could not set journal_mode="
                                + options.journalMode() + " (it is " + mode + ")");
                    }
                }
                s.execute("PRAGMA synchronous=" + options.synchronous().name());
                try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                    String result = rs.next() ? rs.getString(1) : "no result";
                    if (!"ok".equals(result)) {
                        throw new ContentException(Errno.EIO, NAME + ": " + file + ": database is corrupt: "
                                + oneLine(result));
                    }
                }
                s.execute(SQL_CREATE_OBJECTS);
                s.execute(SQL_CREATE_CHECKPT);
                migrate(s);
            }
            SqliteStore store = new SqliteStore(file, options, db);
            store.keepUntilCheckpoint(setAside);
            store.start();
            return store;
        } catch (SQLException e) {
            closeQuietly(db);
            throw error("open " + file, e);
        } catch (ContentException e) {
            closeQuietly(db);
            throw e;
        }
    }

    static boolean readOnly(Path dir) {
        try {
            return Files.getFileStore(dir).isReadOnly();
        } catch (IOException e) {
            return false; // the open that follows reports what is wrong
        }
    }

    /** Brings a database of an older flux-core up to date: the epoch column, the v1 checkpoint table. */
    private static void migrate(Statement s) throws SQLException, ContentException {
        boolean hasEpoch = false;
        try (ResultSet rs = s.executeQuery("PRAGMA table_info(objects)")) {
            while (rs.next()) {
                hasEpoch |= "epoch".equals(rs.getString("name"));
            }
        }
        if (!hasEpoch) {
            s.execute("ALTER TABLE objects ADD COLUMN epoch INT DEFAULT 0");
        }
        boolean hasV1 = false;
        try (ResultSet rs = s.executeQuery("SELECT tbl_name FROM sqlite_master WHERE type = 'table' AND tbl_name = 'checkpt'")) {
            hasV1 = rs.next();
        }
        if (hasV1) {
            String value = null;
            try (ResultSet rs = s.executeQuery("SELECT value FROM checkpt WHERE key = 'kvs-primary'")) {
                if (rs.next()) {
                    value = rs.getString(1);
                }
            }
            if (value != null) {
                try {
                    Checkpoint.decode(value);
                } catch (FormatException e) {
                    throw new ContentException(Errno.EINVAL, NAME + ": invalid checkpoint format in legacy checkpt table");
                }
                try (PreparedStatement p = s.getConnection().prepareStatement(SQL_CHECKPT_PUT)) {
                    p.setString(1, value);
                    p.executeUpdate();
                }
            }
            s.execute("DROP TABLE IF EXISTS checkpt");
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    // ---------------------------------------------------------------- on the writer thread

    @Override
    protected void commit(List<Write> writes) throws ContentException {
        long epochBefore = epoch;
        try {
            control.execute("BEGIN IMMEDIATE");
            for (Write w : writes) {
                if (w instanceof StoreWrite s) {
                    storeStmt.setBytes(1, s.ref().digest());
                    storeStmt.setInt(2, -1); // not compressed
                    storeStmt.setBytes(3, s.blob());
                    storeStmt.setLong(4, epoch);
                    storeStmt.executeUpdate();
                } else if (w instanceof CheckpointWrite c) {
                    checkptPutStmt.setString(1, c.checkpoint().encode());
                    checkptPutStmt.executeUpdate();
                    try (ResultSet rs = lastRowidStmt.executeQuery()) {
                        rs.next();
                        epoch = rs.getLong(1);
                    }
                    checkptPruneStmt.setInt(1, options.maxCheckpoints());
                    checkptPruneStmt.executeUpdate();
                }
            }
            control.execute("COMMIT");
        } catch (SQLException e) {
            epoch = epochBefore;
            try {
                control.execute("ROLLBACK");
            } catch (SQLException ignored) {
                // SQLite may have rolled back already (full disk, I/O error)
            }
            throw error("store", e);
        }
    }

    @Override
    protected byte[] read(BlobRef ref) throws ContentException {
        byte[] object;
        int size;
        try {
            loadStmt.setBytes(1, ref.digest());
            try (ResultSet rs = loadStmt.executeQuery()) {
                if (!rs.next()) {
                    throw new ContentException(Errno.ENOENT, NAME + ": load: " + ref + ": not stored");
                }
                object = rs.getBytes(1);
                size = rs.getInt(2);
                if (rs.wasNull()) {
                    throw new ContentException(Errno.EIO, NAME + ": load: " + ref + ": object has no size");
                }
            }
        } catch (SQLException e) {
            throw error("load " + ref, e);
        }
        if (object == null) {
            object = new byte[0];
        }
        if (size != -1) {
            try {
                object = Lz4.decompress(object, size);
            } catch (IllegalArgumentException e) {
                throw new ContentException(Errno.EIO, NAME + ": load: " + ref + ": " + e.getMessage());
            }
        }
        if (!ref.matches(object)) {
            throw new ContentException(Errno.EIO, NAME + ": load: " + ref + ": stored object does not match its hash");
        }
        return object;
    }

    @Override
    protected boolean contains(BlobRef ref) throws ContentException {
        try {
            validateStmt.setBytes(1, ref.digest());
            try (ResultSet rs = validateStmt.executeQuery()) {
                return rs.next() && rs.getInt(1) != 0;
            }
        } catch (SQLException e) {
            throw error("validate " + ref, e);
        }
    }

    @Override
    protected List<Checkpoint> readCheckpoints() throws ContentException {
        List<Checkpoint> list = new ArrayList<>();
        try (ResultSet rs = checkptGetStmt.executeQuery()) {
            while (rs.next()) {
                String value = rs.getString(1);
                try {
                    list.add(Checkpoint.decode(value));
                } catch (FormatException e) {
                    throw new ContentException(Errno.EINVAL, NAME + ": checkpoint-get: " + e.getMessage());
                }
            }
        } catch (SQLException e) {
            throw error("checkpoint-get", e);
        }
        return list;
    }

    @Override
    protected void shutdown() throws ContentException {
        try {
            try (ResultSet rs = control.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                rs.next();
            }
        } catch (SQLException e) {
            closeQuietly(db);
            throw error("close " + file, e);
        }
        try {
            db.close();
        } catch (SQLException e) {
            throw error("close " + file, e);
        }
    }

    // ---------------------------------------------------------------- errors

    /** An SQLite error as flux-core's content-sqlite reports it (errno from the result code). */
    static ContentException error(String op, SQLException e) {
        int code = e.getErrorCode() & 0xff;
        Errno errno = switch (code) {
            case 10 -> Errno.EIO; // SQLITE_IOERR
            case 7 -> Errno.ENOMEM; // SQLITE_NOMEM
            case 3, 4, 8 -> Errno.EPERM; // SQLITE_PERM, SQLITE_ABORT, SQLITE_READONLY
            case 18 -> Errno.EFBIG; // SQLITE_TOOBIG
            case 13 -> Errno.ENOSPC; // SQLITE_FULL
            case 11, 26, 14 -> Errno.EIO; // SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_CANTOPEN
            case 5, 6 -> Errno.EBUSY; // SQLITE_BUSY, SQLITE_LOCKED: another process holds the database
            default -> Errno.EINVAL;
        };
        return new ContentException(errno, NAME + ": " + op + ": " + oneLine(e.getMessage()), e);
    }

    private static String oneLine(String s) {
        return s == null ? "unknown error" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    private static void closeQuietly(Connection db) {
        if (db != null) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // already failing
            }
        }
    }

    @Override
    public String toString() {
        return NAME + "(" + file + ", synchronous=" + options.synchronous().name().toLowerCase(Locale.ROOT) + ")";
    }
}
