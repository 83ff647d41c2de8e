package org.fluxj.overlay.boot;

import org.fluxj.formats.conf.Conf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** [bootstrap] parsing: flux-core's conf_bootstrap tests, seed 001's example, and bad tables. */
class BootstrapConfigTest {
    static final String FILE = "/etc/flux/system/conf.d/bootstrap.toml";

    static ObjectNode toml(String text) throws Exception {
        return Conf.parseToml(text, FILE);
    }

    static BootstrapConfig parse(String text, String hostname) throws Exception {
        return BootstrapConfig.parse(toml(text), hostname, FILE).orElseThrow();
    }

    static String error(String text, String hostname) throws Exception {
        ObjectNode config = toml(text);
        BootException e = assertThrows(BootException.class, () -> BootstrapConfig.parse(config, hostname, FILE));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith(FILE + ": Config file error [bootstrap]: "), e.getMessage());
        return e.getMessage().substring((FILE + ": Config file error [bootstrap]: ").length());
    }

    @Test
    void seed001SystemExample() throws Exception {
        BootstrapConfig c = parse("""
                [bootstrap]
                curve_cert = "/etc/flux/system/curve.cert"
                default_port = 8050
                default_bind = "tcp://eth0:%p"
                default_connect = "tcp://%h:%p"
                hosts = [
                { host = "test[1-16]" },
                ]
                """, "test3");
        assertEquals(16, c.size());
        assertEquals(2, c.rankOf("test3"));
        assertEquals(new HostEntry("test1", "tcp://eth0:8050", "tcp://test1:8050", null), c.hosts().get(0));
        assertEquals(new HostEntry("test16", "tcp://eth0:8050", "tcp://test16:8050", null), c.hosts().get(15));
        assertEquals("/etc/flux/system/curve.cert", c.curveCert());
        assertEquals(false, c.enableIpv6());
    }

    @Test
    void fluxCoreTestParse() throws Exception {
        BootstrapConfig c = parse("""
                [bootstrap]
                default_port = 42
                default_bind = "tcp://en0:%p"
                default_connect = "tcp://x%h:%p"
                curve_cert = "foo"
                hosts = [
                  { host = "foo0" },
                  { host = "foo[1-62]" },
                  { host = "foo63" },
                ]
                """, "foo42");
        assertEquals(64, c.size());
        assertEquals(42, c.rankOf("foo42"));
        assertEquals(new HostEntry("foo42", "tcp://en0:42", "tcp://xfoo42:42", null), c.hosts().get(42));
        assertEquals(new HostEntry("foo63", "tcp://en0:42", "tcp://xfoo63:42", null), c.hosts().get(63));
    }

    @Test
    void repeatedHostsMergeMissingKeysInFirstOrder() throws Exception {
        BootstrapConfig c = parse("""
                [bootstrap]
                curve_cert = "foo"
                [[bootstrap.hosts]]
                host = "test[0-127]"
                [[bootstrap.hosts]]
                host = "test[1,64]"
                parent = "test0"
                [[bootstrap.hosts]]
                host = "test[2-63]"
                parent = "test1"
                [[bootstrap.hosts]]
                host = "test[65-127]"
                parent = "test64"
                [[bootstrap.hosts]]
                host = "test65"
                parent = "test0"
                bind = "tcp://ib0:9"
                """, "test0");
        assertEquals(128, c.size());
        assertEquals(65, c.rankOf("test65"));
        assertEquals(127, c.rankOf("test127"));
        assertEquals("test1", c.hosts().get(2).parent());
        // The first parent given wins; keys it did not have are added.
        assertEquals(new HostEntry("test65", "tcp://ib0:9", null, "test64"), c.hosts().get(65));
        TreeShape t = Trees.custom(c.hosts());
        assertEquals(64, t.parentOf(100));
        assertEquals(0, t.parentOf(64));
    }

    @Test
    void perHostBindAndConnectOverrideDefaults() throws Exception {
        BootstrapConfig c = parse("""
                [bootstrap]
                curve_cert = "/c"
                default_port = 8050
                default_bind = "tcp://eth0:%p"
                default_connect = "tcp://%h:%p"
                enable_ipv6 = true
                hosts = [
                  { host = "mgmt", bind = "tcp://ib0:9001", connect = "tcp://mgmt-ib:9001" },
                  { host = "node[1-2]", parent = "mgmt" },
                  { host = "node3", connect = "ipc:///tmp/%h%%" },
                ]
                """, "node3");
        assertEquals(List.of(new HostEntry("mgmt", "tcp://ib0:9001", "tcp://mgmt-ib:9001", null),
                new HostEntry("node1", "tcp://eth0:8050", "tcp://node1:8050", "mgmt"),
                new HostEntry("node2", "tcp://eth0:8050", "tcp://node2:8050", "mgmt"),
                new HostEntry("node3", "tcp://eth0:8050", "ipc:///tmp/node3%", null)), c.hosts());
        assertTrue(c.enableIpv6());
    }

    @Test
    void noTableIsEmptyAndNoHostsIsASingletonWithoutCert() throws Exception {
        assertEquals(Optional.empty(), BootstrapConfig.parse(toml("[tbon]\nfanout = 2\n"), "h", FILE));
        for (String hosts : List.of("", "hosts = []")) {
            BootstrapConfig c = parse("[bootstrap]\n" + hosts + "\n", "smurf");
            assertEquals(List.of(new HostEntry("smurf", null, null, null)), c.hosts());
            assertNull(c.curveCert());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            hosts = [ 42 ]                                     | invalid hosts[0]: must be a table
            hosts = [ "foo" ]                                  | invalid hosts[0]: must be a table
            hosts = [ {} ]                                     | invalid hosts[0]: host key is missing
            hosts = [ { host = 42 } ]                          | invalid hosts[0]: host must be a string
            hosts = [ { host = "foo[1-" } ]                    | invalid hosts[0]: host key is not a valid RFC 29 hostlist
            hosts = [ { host = "foo", bind = 42 } ]            | invalid hosts[0]: bind must be a string
            hosts = [ { host = "foo", wrongkey = 0 } ]         | invalid hosts[0]: unknown key 'wrongkey'
            hosts = [ { host = "bar" } ]                       | foo not found in hosts
            hosts = [ { host = "foo", bind = "x://z" } ]       | invalid hosts[0]: bind key x://z URI scheme must be tcp or ipc
            hosts = [ { host = "foo", connect = "x://z" } ]    | invalid hosts[0]: connect key x://z URI scheme must be tcp or ipc
            hosts = [ { host = "foo", connect = "" } ]         | invalid hosts[0]: connect key  has no URI scheme
            hosts = [ { host = "foo", connect = "ipc://foo:*" } ] | invalid hosts[0]: connect key ipc://foo:* contains 0MQ port wildcard
            hosts = [ { host = "foo", bind = "tcp://" } ]      | invalid hosts[0]: bind key tcp:// address is empty
            hosts = [ { host = "foo", bind = "ipc://" } ]      | invalid hosts[0]: bind key ipc:// socket path is empty
            hosts = [ { host = "foo", parent = "foo" } ]       | invalid hosts[0]: parent key refers to self
            hosts = [ { host = "foo", parent = "woo" } ]       | invalid hosts[0]: parent key refers to unknown host
            hosts = [ { host = "foo" }, { host = "-bar" } ]    | invalid hosts[1]: -bar domain label must not start or end with '-'
            hosts = [ { host = "foo" }, { host = "fo_o" } ]    | invalid hosts[1]: fo_o domain label contains invalid character '_' (0x5f)
            hosts = [ { host = "foo[0-1]" } ]                  | foo not found in hosts
            hosts = [ { host = "foo" }, { host = "bar" } ]     | curve_cert must be defined for size > 1
            hosts = { host = "foo" }                           | hosts must be an array
            default_port = 65536                               | default_port must be in the range of 0-65535
            default_port = -1                                  | default_port must be in the range of 0-65535
            default_port = "8050"                              | default_port must be an integer
            enable_ipv6 = 1                                    | enable_ipv6 must be a boolean
            curve_cert = 1                                     | curve_cert must be a string
            frobnicate = true                                  | unknown key 'frobnicate'
            """)
    void badTablesAreOneLineNamingFileAndKey(String body, String message) throws Exception {
        assertEquals(message.strip(), error("[bootstrap]\n" + body + "\n", "foo"));
    }

    @Test
    void overlongUrisAreRefused() throws Exception {
        String longPath = "x".repeat(BootstrapConfig.MAX_URI);
        assertEquals("invalid hosts[0]: bind key is too long",
                error("[bootstrap]\ndefault_bind = \"ipc://" + longPath + "\"\nhosts = [{host=\"foo\"}]\n", "foo"));
        assertEquals("invalid hosts[0]: connect key is too long",
                error("[bootstrap]\ndefault_connect = \"ipc://" + longPath + "\"\nhosts = [{host=\"foo\"}]\n", "foo"));
        String ipc109 = "ipc://" + "y".repeat(109);
        assertEquals("invalid hosts[0]: bind key " + ipc109 + " socket path must not exceed 108 bytes",
                error("[bootstrap]\nhosts = [{host=\"foo\", bind=\"" + ipc109 + "\"}]\n", "foo"));
    }

    @Test
    void formatUriAsFluxCore() {
        assertEquals("abcd", BootstrapConfig.formatUri("abcd", null, 0));
        assertEquals("abcd:42", BootstrapConfig.formatUri("abcd:%p", null, 42));
        assertEquals("a42b", BootstrapConfig.formatUri("a%pb", null, 42));
        assertEquals("42:abcd", BootstrapConfig.formatUri("%p:abcd", null, 42));
        assertEquals("%h", BootstrapConfig.formatUri("%h", null, 0));
        assertEquals("foo", BootstrapConfig.formatUri("%h", "foo", 0));
        assertEquals("%", BootstrapConfig.formatUri("%%", null, 0));
        assertEquals("a%X", BootstrapConfig.formatUri("a%X", null, 0));
        assertEquals("tcp://h:-1", BootstrapConfig.formatUri("tcp://%h:%p", "h", -1));
    }

    @Test
    void domainNamesAndZmqUris() {
        for (String ok : List.of("foo", "foo42", "foo.bar", "foo-bar")) {
            assertNull(BootstrapConfig.domainNameError(ok), ok);
        }
        for (String bad : List.of("-foo", "foo-", "fo:o", "foo.-bar", "foo.-bar.baz", "")) {
            assertTrue(BootstrapConfig.domainNameError(bad) != null, bad);
        }
        for (String ok : List.of("ipc://foo/bar/baz", "tcp://en0", "tcp://foo:42", "tcp://foo.bar.baz:42",
                "tcp://1.2.3.4:42", "tcp://[2001:0db8:85a3:0000:0000:8a2e:0370:7334]:42")) {
            assertNull(BootstrapConfig.zmqUriError(ok), ok);
        }
        for (String bad : List.of("", "pgm://xyz", "ipc://" + "0123456789".repeat(11), "ipc://", "tcp://",
                "tcp://eth1:*", "ipc://foo:*")) {
            assertTrue(BootstrapConfig.zmqUriError(bad) != null, bad);
        }
    }
}
