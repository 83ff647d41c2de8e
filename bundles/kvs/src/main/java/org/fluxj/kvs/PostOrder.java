package org.fluxj.kvs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A tree folded children first, without recursion: a key thousands of directories deep makes a
 * tree that deep, and the module's thread stack must not bound what the KVS can store.
 */
final class PostOrder {
    private PostOrder() {
    }

    /**
     * The result for {@code root}: {@code combine} is called for each node once the results of
     * all its {@code children} are in the map it is given (nodes compared by identity).
     */
    static <N, R> R fold(N root, Function<N, List<N>> children, BiFunction<N, Map<N, R>, R> combine) {
        Map<N, R> done = new IdentityHashMap<>();
        Deque<N> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            N node = stack.peek();
            boolean ready = true;
            for (N c : children.apply(node)) {
                if (!done.containsKey(c)) {
                    stack.push(c);
                    ready = false;
                }
            }
            if (ready) {
                stack.pop();
                if (!done.containsKey(node)) {
                    done.put(node, combine.apply(node, done));
                }
            }
        }
        return done.get(root);
    }
}
