package org.fluxj.formats.msg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class MessageErrnoTest {

    @Test
    void numbersAndTextsAsLinuxAndGlibc() {
        assertEquals(1, Errno.EPERM.number());
        assertEquals("Operation not permitted", Errno.EPERM.message());
        assertEquals(2, Errno.ENOENT.number());
        assertEquals("No such file or directory", Errno.ENOENT.message());
        assertEquals(11, Errno.EAGAIN.number());
        assertEquals("Resource temporarily unavailable", Errno.EAGAIN.message());
        assertEquals(17, Errno.EEXIST.number());
        assertEquals(22, Errno.EINVAL.number());
        assertEquals("Invalid argument", Errno.EINVAL.message());
        assertEquals(38, Errno.ENOSYS.number());
        assertEquals("Function not implemented", Errno.ENOSYS.message());
        assertEquals(61, Errno.ENODATA.number());
        assertEquals("No data available", Errno.ENODATA.message());
        assertEquals(71, Errno.EPROTO.number());
        assertEquals("Protocol error", Errno.EPROTO.message());
        assertEquals(95, Errno.ENOTSUP.number());
        assertEquals("Operation not supported", Errno.ENOTSUP.message());
        assertEquals(104, Errno.ECONNRESET.number());
        assertEquals("Connection reset by peer", Errno.ECONNRESET.message());
        assertEquals(110, Errno.ETIMEDOUT.number());
        assertEquals("Connection timed out", Errno.ETIMEDOUT.message());
        assertEquals(113, Errno.EHOSTUNREACH.number());
        assertEquals("No route to host", Errno.EHOSTUNREACH.message());
        assertEquals(125, Errno.ECANCELED.number());
        assertEquals(133, Errno.EHWPOISON.number());
    }

    @Test
    void aliasesAndLookups() {
        assertSame(Errno.ENOTSUP, Errno.EOPNOTSUPP);
        assertSame(Errno.EAGAIN, Errno.EWOULDBLOCK);
        assertSame(Errno.ENOTSUP, Errno.byName("EOPNOTSUPP"));
        assertSame(Errno.EHOSTUNREACH, Errno.byName("ehostunreach"));
        assertNull(Errno.byName("ENOPE"));
        assertSame(Errno.ENOSYS, Errno.of(38));
        assertNull(Errno.of(41));
        assertEquals("Unknown error 41", Errno.strerror(41));
        assertEquals("Unknown error 9999", Errno.strerror(9999));
        assertEquals("Success", Errno.strerror(0));
        assertEquals("Function not implemented", Errno.strerror(38));
    }
}
