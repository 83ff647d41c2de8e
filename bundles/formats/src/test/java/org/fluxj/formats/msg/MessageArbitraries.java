package org.fluxj.formats.msg;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random messages for property tests: every type, flag, header value and part, including lengths around 255. */
final class MessageArbitraries {
    private MessageArbitraries() {
    }

    static Arbitrary<String> text(int maxLength) {
        return Arbitraries.strings()
                .withCharRange('\u0001', '\u007f')
                .withCharRange('\u00a0', '\ud7ff')
                .ofMaxLength(maxLength);
    }

    static Arbitrary<Integer> u32() {
        return Arbitraries.oneOf(
                Arbitraries.integers(),
                Arbitraries.of(0, 1, -1, -2, 254, 255, 256, Integer.MAX_VALUE, Integer.MIN_VALUE));
    }

    static Arbitrary<byte[]> payload() {
        Arbitrary<byte[]> small = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> edge = Arbitraries.of(253, 254, 255, 256, 600).flatMap(n ->
                Arbitraries.bytes().array(byte[].class).ofSize(n));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, small),
                net.jqwik.api.Tuple.of(1, edge));
    }

    static Arbitrary<List<String>> routes() {
        Arbitrary<String> id = Arbitraries.oneOf(
                text(40).filter(s -> !s.isEmpty()),
                Arbitraries.strings().withCharRange('a', 'f').numeric().ofLength(36),
                Arbitraries.strings().alpha().ofMinLength(254).ofMaxLength(256));
        return id.list().ofMaxSize(5);
    }

    /** Any message the wire can carry, including combinations flux-core's setters would not make. */
    static Arbitrary<Message> messages() {
        Arbitrary<MessageType> type = Arbitraries.of(MessageType.class);
        Arbitrary<Integer> flags = Arbitraries.integers().between(0, 255);
        Arbitrary<List<String>> routes = routes().injectNull(0.3);
        Arbitrary<String> topic = Arbitraries.oneOf(text(20), text(300)).injectNull(0.2);
        Arbitrary<byte[]> payload = payload().injectNull(0.3);
        return Combinators.combine(type, flags, u32(), u32(), u32(), u32(), routes,
                Combinators.combine(topic, payload).as((t, p) -> new Object[] {t, p}))
                .as((ty, fl, uid, role, a1, a2, r, tp) -> new Message(ty, fl, uid, role, a1, a2,
                        r == null ? null : List.copyOf(r), (String) tp[0], (byte[]) tp[1]));
    }
}
