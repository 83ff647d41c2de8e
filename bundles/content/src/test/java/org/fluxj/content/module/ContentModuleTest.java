package org.fluxj.content.module;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.fluxj.module.testing.ModuleFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.module.testing.ModuleFixture;
import org.junit.jupiter.api.Test;

/** The content module's handlers on a {@link ModuleFixture}: rank 0 with and without a backing store, and a follower. */
class ContentModuleTest {
    private static final byte[] BLOB = "a blob".getBytes(StandardCharsets.UTF_8);
    private static final BlobRef REF = BlobRef.hash(BlobRef.Algorithm.SHA1, BLOB);
    private final ModuleFixture f = new ModuleFixture();

    @Test
    void aStoredBlobLoadsBackByItsDigest() throws Exception {
        f.start(new ContentModule());
        assertEquals("sha1", f.attribute("content.hash").orElseThrow(), "the default hash is published");
        Message s = f.callRaw("content.store", BLOB);
        assertArrayEquals(REF.digest(), s.payload());
        Message l = f.callRaw("content.load", REF.digest());
        assertArrayEquals(BLOB, l.payload());
    }

    @Test
    void malformedRequestsAreEproto() throws Exception {
        f.start(new ContentModule());
        assertError(Errno.EPROTO, null, f.callRaw("content.load", new byte[3]));
        assertError(Errno.EPROTO, "missing \"name\"", f.call("content.register-backing", "{}"));
        f.answerRaw("content-backing.store", m -> new byte[20]);
        f.call("content.register-backing", "{\"name\":\"content-files\"}");
        assertError(Errno.EPROTO, "missing \"value\"", f.call("content.checkpoint-put", "{}"));
    }

    @Test
    void withoutABackingStoreFlushAndCheckpointsAreEnosys() throws Exception {
        f.start(new ContentModule());
        assertError(Errno.ENOSYS, null, f.call("content.flush", (String) null));
        assertError(Errno.ENOSYS, "checkpoint get unavailable, no backing store", f.call("content.checkpoint-get", (String) null));
        assertError(Errno.ENOENT, null, f.callRaw("content.load", REF.digest()));
    }

    @Test
    void blobsKeptInMemoryGoToTheBackingStoreWhenItRegisters() throws Exception {
        f.answerRaw("content-backing.store", m -> BlobRef.hash(BlobRef.Algorithm.SHA1, m.payload()).digest());
        f.start(new ContentModule());
        f.callRaw("content.store", BLOB);
        assertEquals(0, f.call("content.register-backing", "{\"name\":\"content-sqlite\"}").errnum());
        assertEquals("content-sqlite", f.attribute("content.backing-module").orElseThrow());
        assertArrayEquals(BLOB, f.sent("content-backing.store").get(0).payload());
        assertError(Errno.EBUSY, "content backing store is already active",
                f.call("content.register-backing", "{\"name\":\"content-sqlite\"}"));
    }

    @Test
    void aBlobOverTheLimitIsEfbig() throws Exception {
        f.args("blob-size-limit=4").start(new ContentModule());
        assertError(Errno.EFBIG, null, f.callRaw("content.store", BLOB));
    }

    @Test
    void loadArgumentsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModuleFixture().args("nosuch=1").start(new ContentModule()));
        assertEquals("content: unknown module option: 'nosuch=1'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ModuleFixture().args("blob-size-limit=big").start(new ContentModule()));
        assertEquals("content: invalid blob-size-limit value 'big'", e.getMessage());
    }

    @Test
    void aFollowerStoresUpstreamAndPassesItsErrorsOn() throws Exception {
        ModuleFixture follower = new ModuleFixture().rank(1, 2)
                .answerRaw("content.store", m -> BlobRef.hash(BlobRef.Algorithm.SHA1, m.payload()).digest())
                .answerRaw("content.load", m -> {
                    throw new RequestException(Errno.EIO, "upstream is sad");
                });
        follower.start(new ContentModule());
        assertArrayEquals(REF.digest(), follower.callRaw("content.store", BLOB).payload());
        Message up = follower.sent("content.store").get(0);
        assertTrue(up.isUpstream(), "a follower stores to its parent");
        assertEquals(1, up.nodeid());
        BlobRef other = BlobRef.hash(BlobRef.Algorithm.SHA1, new byte[] {1});
        assertError(Errno.EIO, "upstream is sad", follower.callRaw("content.load", other.digest()));
    }
}
