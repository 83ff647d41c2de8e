package org.fluxj.content;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.treeobj.BlobRef;

/** Helpers shared by the content tests. */
final class Blobs {
    private Blobs() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A reproducible random blob of 0 to {@code max} bytes. */
    static byte[] random(long seed, int max) {
        Random r = new Random(seed);
        byte[] b = new byte[r.nextInt(max + 1)];
        r.nextBytes(b);
        return b;
    }

    /** The result of a future, or the ContentException it failed with, thrown. */
    static <T> T get(CompletableFuture<T> f) throws ContentException {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ContentException ce) {
                throw ce;
            }
            throw e;
        }
    }

    /** Opens a database file directly (store closed), for inspection behind the store's back. */
    static Connection jdbc(java.nio.file.Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    /** Checks every row of {@code objects}: its hash column is the digest of its object. Returns the row count. */
    static long verifyAllObjects(java.nio.file.Path file, BlobRef.Algorithm algorithm) throws SQLException {
        long rows = 0;
        try (Connection c = jdbc(file); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT hash, size, object, typeof(hash) FROM objects")) {
            while (rs.next()) {
                byte[] hash = rs.getBytes(1);
                byte[] object = rs.getBytes(3);
                if (object == null) {
                    object = new byte[0];
                }
                if (rs.getInt(2) != -1) {
                    object = Lz4.decompress(object, rs.getInt(2));
                }
                BlobRef expected = BlobRef.hash(algorithm, object);
                if (!java.util.Arrays.equals(expected.digest(), hash)) {
                    throw new AssertionError("object of " + expected + " stored under another hash");
                }
                if (!"text".equals(rs.getString(4))) {
                    throw new AssertionError("hash of " + expected + " is " + rs.getString(4) + ", flux-core keeps text");
                }
                rows++;
            }
        }
        return rows;
    }
}
