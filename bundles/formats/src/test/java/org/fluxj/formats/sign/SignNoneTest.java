package org.fluxj.formats.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.fluxj.formats.FormatException;
import org.junit.jupiter.api.Test;

class SignNoneTest {

    @Test
    void wrapsAsFluxCoreDoes() {
        // flux-core's sign_none_wrap ("{}", 1000): the header words each end with NUL
        String header = Base64.getEncoder().encodeToString(
                "version\0i1\0userid\0i1000\0mechanism\0snone\0".getBytes(StandardCharsets.UTF_8));
        assertEquals(header + ".e30=.none", SignNone.wrap("{}".getBytes(StandardCharsets.UTF_8), 1000));
    }

    @Property
    void unwrapGivesBackWhatWasWrapped(@ForAll byte[] payload, @ForAll int uid) throws FormatException {
        long userid = Integer.toUnsignedLong(uid);
        SignNone.Unwrapped u = SignNone.unwrap(SignNone.wrap(payload, userid));
        assertEquals(userid, u.userid());
        assertArrayEquals(payload, u.payload());
    }

    @Property
    void anyTextIsRefusedWithAFormatExceptionOrRead(@ForAll String s) {
        try {
            SignNone.unwrap(s);
        } catch (FormatException e) {
            // refused in one line
        }
    }

    @Test
    void malformedRequestsAreNamed() {
        assertEquals("sign-none: expected HEADER.PAYLOAD.SIGNATURE, got 1 part(s)",
                assertThrows(FormatException.class, () -> SignNone.unwrap("abc")).getMessage());
        assertEquals("sign-none: unknown signature 'munge'",
                assertThrows(FormatException.class, () -> SignNone.unwrap("a.b.munge")).getMessage());
        assertEquals("sign-none: header is not base64",
                assertThrows(FormatException.class, () -> SignNone.unwrap("!!.e30=.none")).getMessage());
        String noUser = Base64.getEncoder().encodeToString("version\0i1\0mechanism\0snone\0".getBytes(StandardCharsets.UTF_8));
        assertEquals("sign-none: malformed header",
                assertThrows(FormatException.class, () -> SignNone.unwrap(noUser + ".e30=.none")).getMessage());
    }
}
