package org.fluxj.formats.rset;

import org.fluxj.formats.conf.Conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fluxj.formats.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** [[resource.config]] as flux-core's rlist_from_config and t0026 parse-config tests. */
class ResourceConfigTest {

    static ResourceSet parse(String toml) throws FormatException {
        return ResourceConfig.fromToml(toml, "r.toml");
    }

    @Test
    void oneEntry() throws FormatException {
        ResourceSet rl = parse("[[resource.config]]\nhosts = \"foo\"\ncores = \"0-1\"\ngpus = \"0\"\n");
        assertEquals(1, rl.nnodes());
        assertEquals(2, rl.count("core"));
        assertEquals(1, rl.count("gpu"));
        assertEquals("foo", rl.nodelist().orElseThrow().encode());
    }

    @Test
    void multipleEntriesMergeAndRankInFirstAppearanceOrder() throws FormatException {
        ResourceSet rl = parse("[[resource.config]]\nhosts = \"foo[0-2]\"\ncores = \"0-1\"\n"
                + "[[resource.config]]\nhosts = \"foo2\"\ngpus = \"0\"\n"
                + "[[resource.config]]\nhosts = \"foo0\"\nproperties = [\"login\"]\n");
        assertEquals(3, rl.nnodes());
        assertEquals(6, rl.count("core"));
        assertEquals(1, rl.count("gpu"));
        assertEquals("foo[0-2]", rl.nodelist().orElseThrow().encode());
        assertEquals("rank[0-1]/core[0-1] rank2/core[0-1],gpu0", rl.dumps());
        assertEquals("0", rl.properties().get("login").toString());
        ResourceSet order = parse("[[resource.config]]\nhosts = \"b,a\"\ncores = \"0\"\n"
                + "[[resource.config]]\nhosts = \"c,a\"\ngpus = \"0\"\n");
        assertEquals("b,a,c", order.nodelist().orElseThrow().encode());
        assertEquals("rank0/core0 rank1/core0,gpu0 rank2/gpu0", order.dumps());
    }

    @Test
    void seedExample() throws FormatException {
        ResourceSet rl = parse("[resource]\n#exclude = \"test[1-2]\"\n[[resource.config]]\nhosts = \"test[1-15]\"\n"
                + "cores = \"0-7\"\ngpus = \"0\"\n[[resource.config]]\nhosts = \"test16\"\ncores = \"0-63\"\n"
                + "gpus = \"0-1\"\nproperties = [\"fatnode\"]\n");
        assertEquals("rank[0-14]/core[0-7],gpu0 rank15/core[0-63],gpu[0-1]", rl.dumps());
        assertEquals("test[1-16]", rl.nodelist().orElseThrow().encode());
        assertEquals("15", rl.properties().get("fatnode").toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[[resource.config]]|resource.config: r.toml: [[resource.config]][0]: hosts: missing",
        "[resource]\\nnoverify = true|resource.config: r.toml: resource.config is not defined",
        "resource.config = 5|resource.config: r.toml: resource config must be an array",
        "resource.config = []|resource.config: r.toml: no hosts configured",
        "resource.config = [5]|resource.config: r.toml: [[resource.config]][0]: expected a table, got integer",
        "[[resource.config]]\\nhosts = \"foo\"\\ncores = \"0-1\"\\n[[resource.config]]\\nhosts = \"\"\\ncores = \"0-3\"|resource.config: r.toml: [[resource.config]][1]: hosts: empty hostlist specified",
        "[[resource.config]]\\nhosts = \"foo[p]\"\\ncores = \"0-1\"|resource.config: r.toml: [[resource.config]][0]: hosts: invalid hostlist 'foo[p]'",
        "[[resource.config]]\\nhosts = \"n[1-\"|resource.config: r.toml: [[resource.config]][0]: hosts: invalid hostlist 'n[1-'",
        "[[resource.config]]\\nhosts = 5|resource.config: r.toml: [[resource.config]][0]: hosts: expected string, got integer",
        "[[resource.config]]\\nhosts = \"foo0\"\\ncores = \"0-\"|resource.config: r.toml: [[resource.config]][0]: cores: invalid idset '0-'",
        "[[resource.config]]\\nhosts = \"foo0\"\\ngpus = \"2,1\"|resource.config: r.toml: [[resource.config]][0]: gpus: invalid idset '2,1'",
        "[[resource.config]]\\nhosts = \"foo[0-10]\"\\ncores = \"0-1\"\\n[[resource.config]]\\nhosts = \"foo[11-12]\"|resource.config: r.toml: foo[11-12] assigned no resources",
        "[[resource.config]]\\nhosts = \"foo[0-10]\"\\ncores = \"0-1\"\\njunk = 5|resource.config: r.toml: [[resource.config]][0]: unknown key junk",
        "[[resource.config]]\\nhosts = \"foo1\"\\ncores = \"0\"\\nproperties = [\"de^bug\"]|resource.config: r.toml: [[resource.config]][0]: properties: invalid property \"de^bug\"",
        "[[resource.config]]\\nhosts = \"foo1\"\\ncores = \"0\"\\nproperties = [1]|resource.config: r.toml: [[resource.config]][0]: properties: invalid property 1",
        "[[resource.config]]\\nhosts = \"foo1\"\\ncores = \"0\"\\nproperties = \"foo\"|resource.config: r.toml: [[resource.config]][0]: properties: must be an array",
        "[[resource.config]]\\nhosts = \"foo1\"\\ncores = \"0-1\"\\n[[resource.config]]\\nhosts = \"foo1\"\\ncores = \"1-2\"|resource.config: r.toml: [[resource.config]][1]: host foo1: core 1 already configured",
        "[[resource.config]\\nhosts = \"x\"|r.toml:1: ",
    })
    void malformed(String toml, String message) {
        FormatException e = assertThrows(FormatException.class, () -> parse(toml.replace("\\n", "\n")));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void mergeReplacesArraysAndMergesTables() throws FormatException {
        var base = Conf.parseToml("[resource]\nnoverify = true\n[[resource.config]]\nhosts = \"a\"\ncores = \"0\"\n", "a");
        Conf.update(base, Conf.parseToml("[[resource.config]]\nhosts = \"b\"\ncores = \"0\"\n", "b"));
        assertEquals("{\"resource\":{\"noverify\":true,\"config\":[{\"hosts\":\"b\",\"cores\":\"0\"}]}}",
                org.fluxj.formats.json.Json.encode(base));
    }
}
