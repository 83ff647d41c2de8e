package org.fluxj.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UriResolversTest {
    private final UriResolvers resolvers = new UriResolvers();

    @Test
    void thePidResolverIsFound() {
        assertEquals("Get FLUX_URI for a given local PID", resolvers.describe().get("pid"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "local:///tmp/x/local-0                | local:///tmp/x/local-0",
        "ssh://h:22/tmp/x/local-0?local        | local:///tmp/x/local-0",
        "local:///tmp/x/local-0?local          | local:///tmp/x/local-0",
        "ssh://u@h/tmp/x/local-0               | ssh://u@h/tmp/x/local-0",
    })
    void localAndSshResolveToThemselves(String target, String uri) throws IOException {
        assertEquals(uri, resolvers.resolve(target));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "f1234                        | No plugin for URI scheme jobid",
        "1x:abc                       | No plugin for URI scheme jobid",
        "bar:foo                      | No plugin for URI scheme bar",
        "local:///x?local&remote      | Only one of 'local' or 'remote' is allowed",
        "pid:abc                      | invalid PID 'abc'",
        "pid:                         | invalid PID ''",
        "pid:999999999                | No such file or directory: '/proc/999999999/status'",
    })
    void badTargetsAreOneLineErrors(String target, String message) {
        IOException e = assertThrows(IOException.class, () -> resolvers.resolve(target));
        assertEquals(message, e.getMessage());
    }

    @Test
    void thisProcessHasNoFluxUriUnlessTheEnvironmentSaysSo() throws IOException {
        String pid = Long.toString(ProcessHandle.current().pid());
        String mine = System.getenv("FLUX_URI");
        if (mine == null) {
            IOException e = assertThrows(IOException.class, () -> resolvers.resolve("pid:" + pid));
            assertTrue(e.getMessage().endsWith("doesn't seem to have a FLUX_URI"), e.getMessage());
        } else {
            assertEquals(mine, resolvers.resolve("pid:" + pid));
        }
    }
}
