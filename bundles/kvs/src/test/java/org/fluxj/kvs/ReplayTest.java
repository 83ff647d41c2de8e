package org.fluxj.kvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.fluxj.formats.json.JsonLimitException;
import org.junit.jupiter.api.Test;

/** Whatever happens, a replayed request gets exactly one outcome it can answer with. */
class ReplayTest {
    private final Replay replay = new Replay(new ObjectCache(1 << 20, ref -> CompletableFuture.completedFuture(null)));

    @Test
    void anErrorInTheAttemptIsHandedOver() {
        List<Throwable> failures = new ArrayList<>();
        replay.run(() -> {
            throw new StackOverflowError();
        }, (v, e) -> failures.add(e));
        assertEquals(1, failures.size());
        assertInstanceOf(StackOverflowError.class, failures.get(0));
    }

    @Test
    void anAnswerThatCannotBeMadeIsAnsweredWithWhyNot() {
        List<Object> outcomes = new ArrayList<>();
        replay.run(() -> "a value too large to encode", (v, e) -> {
            outcomes.add(v != null ? v : e);
            if (v != null) {
                throw new JsonLimitException("JSON string of N characters exceeds the string-length limit");
            }
        });
        assertEquals(2, outcomes.size());
        assertInstanceOf(JsonLimitException.class, outcomes.get(1));
    }
}
