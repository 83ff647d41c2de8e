package org.fluxj.content.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.fluxj.formats.treeobj.BlobRef;

/** A content.sqlite file read behind the store's back, as the tests inspect it. */
final class SqliteFile {
    private SqliteFile() {
    }

    /** Opens a database file directly (store closed), for inspection behind the store's back. */
    static Connection jdbc(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    /** Checks every row of {@code objects}: its hash column is the digest of its object. Returns the row count. */
    static long verifyAllObjects(Path file, BlobRef.Algorithm algorithm) throws SQLException {
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
                if (!Arrays.equals(expected.digest(), hash)) {
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
