package org.fluxj.formats.rset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.hostlist.Hostlist;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R (RFC 20 v1) as flux-core's librlist and t0026-flux-R.t have it. */
class ResourceSetTest {

    static ResourceSet enc(String ranks, String cores) throws FormatException {
        return ResourceSet.encode(IdSet.decode(ranks), null, IdSet.decode(cores), null);
    }

    static ResourceSet enc(String ranks, String cores, String gpus, String hosts) throws FormatException {
        return ResourceSet.encode(IdSet.decode(ranks), hosts == null ? null : Hostlist.decode(hosts),
                IdSet.decode(cores), gpus == null ? null : IdSet.decode(gpus));
    }

    @Test
    void encodeIsFluxCoreText() throws FormatException {
        assertEquals("{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0-3\", \"children\": {\"core\": \"0-1\"}}],"
                + " \"starttime\": 0.0, \"expiration\": 0.0, \"nodelist\": [\"foo[0-3]\"]}}",
                enc("0-3", "0-1", null, "foo[0-3]").encode());
        assertEquals("{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0\", \"children\": {\"core\": \"0-1\", \"gpu\": \"0\"}}],"
                + " \"starttime\": 0.0, \"expiration\": 0.0}}", enc("0", "0-1", "0", null).encode());
    }

    @Test
    void rfc20Example() throws FormatException {
        String r = "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"19-22\", \"children\": {\"core\": \"0-47\", \"gpu\": \"0-7\"}}],"
                + " \"nodelist\": [\"fluke[19-22]\"], \"starttime\": 1.5, \"expiration\": 1700000000.25,"
                + " \"properties\": {\"pbatch\": \"19-22\", \"gpu\": \"19\"}}}";
        ResourceSet rl = ResourceSet.parse(r);
        assertEquals(4, rl.nnodes());
        assertEquals(192, rl.count("core"));
        assertEquals(32, rl.count("gpu"));
        assertEquals("19-22", rl.ranks().toString());
        assertEquals("fluke[19-22]", rl.nodelist().orElseThrow().encode());
        assertEquals("rank[19-22]/core[0-47],gpu[0-7]", rl.dumps());
        assertEquals(Map.of("gpu", IdSet.of(19), "pbatch", IdSet.range(19, 22)), rl.properties());
        assertEquals("{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"19-22\", \"children\": {\"core\": \"0-47\", \"gpu\": \"0-7\"}}],"
                + " \"starttime\": 1.5, \"expiration\": 1700000000.25, \"nodelist\": [\"fluke[19-22]\"],"
                + " \"properties\": {\"gpu\": \"19\", \"pbatch\": \"19-22\"}}}", rl.encode());
        assertEquals(rl, ResourceSet.parse(rl.encode()));
    }

    @Test
    void rliteIsCompressedByIdenticalChildren() throws FormatException {
        String r = "{\"version\":1,\"execution\":{\"R_lite\":[{\"rank\":\"0\",\"children\":{\"core\":\"0-1\"}},"
                + "{\"rank\":\"2\",\"children\":{\"core\":\"0-1\"}},{\"rank\":\"1\",\"children\":{\"core\":\"0-3\"}}]}}";
        ResourceSet rl = ResourceSet.parse(r);
        assertEquals("rank[0,2]/core[0-1] rank1/core[0-3]", rl.dumps());
        assertEquals("[{\"rank\":\"0,2\",\"children\":{\"core\":\"0-1\"}},{\"rank\":\"1\",\"children\":{\"core\":\"0-3\"}}]",
                Json.encode(rl.toJson().get("execution").get("R_lite")));
    }

    @Test
    void emptyRlite() throws FormatException {
        ResourceSet rl = ResourceSet.parse("{\"version\": 1, \"execution\": {\"R_lite\": {}}}");
        assertEquals(0, rl.count("core"));
        assertEquals("", rl.dumps());
        assertEquals("{\"version\": 1, \"execution\": {\"R_lite\": [], \"starttime\": 0.0, \"expiration\": 0.0, \"nodelist\": [\"\"]}}",
                rl.encode());
        assertEquals(rl, ResourceSet.parse(rl.encode()));
    }

    @Test
    void schedulingAndNslotsPassThrough() throws FormatException {
        ResourceSet rl = ResourceSet.parse("{\"version\":1,\"scheduling\":{\"graph\":[1,2.5,\"x\"]},"
                + "\"execution\":{\"R_lite\":[{\"rank\":\"0\",\"children\":{\"core\":\"0\"}}],\"nslots\":3}}");
        assertEquals("{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0\", \"children\": {\"core\": \"0\"}}],"
                + " \"nslots\": 3, \"starttime\": 0.0, \"expiration\": 0.0}, \"scheduling\": {\"graph\": [1, 2.5, \"x\"]}}",
                rl.encode());
        ResourceSet other = enc("1", "0");
        assertTrue(rl.union(other).scheduling().isPresent());
        assertTrue(other.union(rl).scheduling().isPresent());
        assertTrue(rl.diff(other).scheduling().isPresent());
        assertTrue(rl.copyRanks(IdSet.of(0)).scheduling().isPresent());
        assertFalse(rl.copyRanks(IdSet.of(1)).scheduling().isPresent());
        assertFalse(rl.intersect(other).scheduling().isPresent());
        assertTrue(rl.remap().scheduling().isPresent());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|R: empty JSON document",
        "[]|R: expected object, got array",
        "{}|R: missing version",
        "{\"version\": 1}|R: missing execution",
        "{\"version\": 1, \"execution\": {}}|R: missing execution.R_lite",
        "{\"version\": 2, \"execution\": {\"R_lite\": []}}|R: invalid version=2",
        "{\"version\": \"1\", \"execution\": {\"R_lite\": []}}|R: version: expected integer, got string",
        "{\"version\": 1, \"execution\": 5}|R: execution: expected object, got integer",
        "{\"version\": 1, \"execution\": {\"R_lite\": [5]}}|R: execution.R_lite[0]: expected object, got integer",
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"children\": {}}]}}|R: missing execution.R_lite[0].rank",
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": 0, \"children\": {}}]}}|R: execution.R_lite[0].rank: expected string, got integer",
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"x\", \"children\": {}}]}}|R: execution.R_lite[0].rank: invalid idset 'x'",
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0\"}]}}|R: missing execution.R_lite[0].children",
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0\", \"children\": {\"core\": \"1-0\"}}]}}|R: execution.R_lite[0].children.core: invalid idset '1-0'",
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0\", \"children\": {\"core\": 1}}]}}|R: execution.R_lite[0].children.core: expected string, got integer",
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0\", \"children\": {\"core\": \"0-1\"}}, {\"rank\": \"0\", \"children\": {\"core\": \"1\"}}]}}|R: execution.R_lite[1]: rank 0: core 1 already present",
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0-1\", \"children\": {\"core\": \"0\"}}], \"nodelist\": [\"foo\"]}}|R: execution.nodelist: 1 hosts for 2 ranks",
        "{\"version\": 1, \"execution\": {\"R_lite\": [], \"nodelist\": \"foo\"}}|R: execution.nodelist: expected array, got string",
        "{\"version\": 1, \"execution\": {\"R_lite\": [], \"nodelist\": [\"foo[\"]}}|R: execution.nodelist[0]: invalid hostlist 'foo['",
        "{\"version\": 1, \"execution\": {\"R_lite\": [], \"starttime\": \"now\"}}|R: execution.starttime: expected real, got string",
        "{\"version\": 1, \"execution\": {\"R_lite\": [], \"nslots\": 1.5}}|R: execution.nslots: expected integer, got real",
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0\", \"children\": {\"core\": \"0\"}}], \"properties\": {\"a\": \"1\"}}}|R: execution.properties: rank 1 not found in target resource list",
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0\", \"children\": {\"core\": \"0\"}}], \"properties\": {\"a&b\": \"0\"}}}|R: execution.properties: invalid character '&' in property \"a&b\"",
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0\", \"children\": {\"core\": \"0\"}}], \"properties\": {\"a\": 0}}}|R: execution.properties: properties value '0' not a string",
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0\", \"children\": {\"core\": \"0\"}}], \"properties\": {\"a\": [0.1, \"/\"]}}}|R: execution.properties: properties value '[0.10000000000000001,\"/\"]' not a string",
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0\", \"children\": {\"core\": \"0\"}}], \"properties\": {\"a\": \"x\"}}}|R: execution.properties: invalid idset 'x' specified for property \"a\"",
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0\", \"children\": {\"core\": \"0\"}}], \"properties\": []}}|R: execution.properties: properties must be an object",
    })
    void malformedR(String json, String message) {
        FormatException e = assertThrows(FormatException.class, () -> ResourceSet.parse(json));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void streamReadsConcatenatedObjects() throws FormatException {
        String two = enc("0-1", "0").encode() + "\n" + enc("2", "0").encode() + "\n";
        assertEquals(2, ResourceSet.parseStream(two).size());
        assertEquals(2, ResourceSet.parseStream(two + "garbage").size());
        assertEquals("R: no R object: '[' or '{' expected near end of file",
                assertThrows(FormatException.class, () -> ResourceSet.parseStream("")).getMessage());
        assertThrows(FormatException.class, () -> ResourceSet.parseStream("5"));
        assertThrows(FormatException.class, () -> ResourceSet.parseStream(two + "{}"));
    }

    // t0026-flux-R.t, as library calls

    @Test
    void appendDisjointMergesRanks() throws FormatException {
        ResourceSet rl = enc("0-1", "0-1").append(enc("1-2", "2-3"));
        assertEquals("rank0/core[0-1] rank1/core[0-3] rank2/core[2-3]", rl.dumps());
        ResourceSet gpus = enc("0-1", "0-1").append(enc("2-3", "0-1", "0-1", null));
        assertEquals("rank[0-1]/core[0-1] rank[2-3]/core[0-1],gpu[0-1]", gpus.dumps());
        assertThrows(FormatException.class, () -> enc("0-1", "0").append(enc("1-2", "0")));
    }

    @Test
    void diffIntersectRemapRerank() throws FormatException {
        assertEquals("rank[0-1]/core1", enc("0-1", "0-1").diff(enc("0-1", "0")).dumps());
        assertEquals("rank[1-3]/core0", enc("0-3", "0-1").intersect(enc("1-5", "0")).dumps());
        assertEquals("", enc("0-3", "0-1").intersect(enc("4-5", "0")).dumps());
        assertEquals("rank[0-2]/core0", enc("5,99,1000", "0").remap().dumps());
        assertEquals("rank0/core[0-1],gpu[2-3]", enc("7", "4-5", "2-3", null).remap().dumps());
        ResourceSet re = enc("0-3", "0", null, "foo[0-3]").rerank(Hostlist.decode("foo[3,2,1,0]"));
        assertEquals("foo[3,2,1,0]", re.nodelist().orElseThrow().encode());
        assertEquals("Host bar not found in resources", assertThrows(FormatException.class,
                () -> enc("0-1", "0", null, "foo[0-1]").rerank(Hostlist.decode("foo0,bar"))).getMessage());
        assertEquals("Number of hosts (1) is less than node count (2)", assertThrows(FormatException.class,
                () -> enc("0-1", "0", null, "foo[0-1]").rerank(Hostlist.decode("foo0"))).getMessage());
    }

    @Test
    void includeExcludeAndCounts() throws FormatException {
        assertEquals("rank[5-7]/core0", enc("0-1023", "0").copyRanks(IdSet.range(5, 7)).dumps());
        assertEquals("rank[1-4,8-10]/core0", enc("1-10", "0").removeRanks(IdSet.range(5, 7)).dumps());
        ResourceSet rl = enc("0-1", "0-1", "0", null);
        assertEquals(4, rl.count("core"));
        assertEquals(2, rl.count("gpu"));
        assertEquals(0, rl.count("cores"));
        assertTrue(rl.nodelist().isEmpty());
    }

    @Test
    void propertiesFilter() throws FormatException {
        ResourceSet rl = enc("0-1", "0-1", "0", "foo[0-1]").withProperties(Map.of("xx", "0", "yy", "1", "all", "0-1"));
        assertEquals(2, rl.copyProperties(List.of("all")).nnodes());
        assertEquals(1, rl.copyProperties(List.of("xx")).nnodes());
        assertEquals(0, rl.copyProperties(List.of("^all")).nnodes());
        assertEquals(1, rl.copyProperties(List.of("all", "yy")).nnodes());
        assertEquals("foo0", rl.copyProperties(List.of("^yy")).nodelist().orElseThrow().encode());
        assertEquals("foo1", rl.copyProperties(List.of("foo1")).nodelist().orElseThrow().encode());
        assertEquals("invalid character '|' in property \"a|b\"",
                assertThrows(FormatException.class, () -> rl.copyProperties(List.of("a|b"))).getMessage());
        assertEquals("ranks 4-5 not found in target resource list", assertThrows(FormatException.class,
                () -> enc("0-3", "0").withProperties(Map.of("xx", "3-5"))).getMessage());
        assertEquals("rank 2 not found in target resource list", assertThrows(FormatException.class,
                () -> enc("0-1", "0").withProperties(Map.of("foo", "1-2"))).getMessage());
    }

    @Test
    void verify() throws FormatException {
        assertEquals(ResourceSet.Verdict.OK, enc("1-10", "0-3").verify(enc("1", "0-3")).verdict());
        ResourceSet.Verification v = enc("1-10", "0-3").verify(enc("0", "0-3"));
        assertEquals(new ResourceSet.Verification(ResourceSet.Verdict.FAILED, "rank 0 not found in expected ranks"), v);
        assertEquals("rank 1 got hostname 'foo12', expected 'foo1'",
                enc("1", "0-3", null, "foo1").verify(enc("1", "0-3", null, "foo12")).message());
        assertEquals("rank 1 (unknown) missing resources: core3", enc("1", "0-3").verify(enc("1", "0-2")).message());
        ResourceSet.Verification extra = enc("1", "0-3").verify(enc("1", "0-7", "1", null));
        assertEquals(ResourceSet.Verdict.EXTRA, extra.verdict());
        assertEquals("rank 1 (unknown) has extra resources: core[4-7],gpu1", extra.message());
        assertEquals("Verification supported on single rank only", enc("1", "0").verify(enc("1-2", "0")).message());
    }
}
