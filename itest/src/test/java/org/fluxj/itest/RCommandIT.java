package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flux R}, following flux-core's t0026-flux-R.t. */
class RCommandIT {

    private static FluxCli.Result r(String stdin, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "R";
        System.arraycopy(args, 0, all, 1, args.length);
        return FluxCli.runWithInput(stdin, Map.of(), all);
    }

    private static String ok(String stdin, String... args) {
        FluxCli.Result res = r(stdin, args);
        assertEquals(0, res.status(), res.err());
        return res.out();
    }

    private static void failsWithOneLine(FluxCli.Result res, String contains) {
        assertEquals(1, res.status(), res.out());
        assertEquals(1, res.err().lines().count(), res.err());
        assertTrue(res.err().startsWith("flux-R: "), res.err());
        assertTrue(res.err().contains(contains), res.err());
    }

    @Test
    void encodeRanksCoresHosts() {
        assertEquals("{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0-3\", \"children\": {\"core\": \"0-1\"}}],"
                + " \"starttime\": 0.0, \"expiration\": 0.0, \"nodelist\": [\"foo[0-3]\"]}}\n",
                ok(null, "encode", "-r", "0-3", "-c", "0-1", "-H", "foo[0-3]"));
    }

    @Test
    void encodeDefaultsToOneRankOneCore() {
        String r = ok(null, "encode");
        assertEquals("rank0/core0\n", ok(r, "decode", "--short"));
        assertEquals("1\n", ok(r, "decode", "--count", "node"));
        assertEquals("0\n", ok(r, "decode", "--count", "gpu"));
    }

    @Test
    void decodeOptions() {
        String r = ok(null, "encode", "--hosts=foo[0-1]", "--gpus", "0", "--cores", "0-1",
                "--property", "xx:0", "--property", "yy:1", "--property", "all");
        assertEquals("foo[0-1]\n", ok(r, "decode", "--nodelist"));
        assertEquals("0-1\n", ok(r, "decode", "--ranks"));
        assertEquals("4\n", ok(r, "decode", "-c", "core"));
        assertEquals("2\n", ok(r, "decode", "-c", "gpu"));
        assertEquals("1\n", ok(r, "decode", "-c", "node", "--properties", "all,yy"));
        assertEquals("0\n", ok(r, "decode", "-c", "node", "--properties", "^all"));
        assertEquals("foo0\n", ok(r, "decode", "--nodelist", "--properties", "^yy"));
        assertEquals("rank[0-1]/core[0-1],gpu0\nfoo[0-1]\n0-1\n2\n", ok(r, "decode", "-s", "-n", "-r", "-c", "node"));
        String big = ok(null, "encode", "-r", "0-1023");
        assertEquals("rank[5-7]/core0\n", ok(big, "decode", "--include", "5-7", "--short"));
        assertEquals("rank[1-4,8-10]/core0\n", ok(ok(null, "encode", "-r", "1-10"), "decode", "--exclude", "5-7", "--short"));
    }

    @Test
    void setAlgebra() {
        String a = ok(null, "encode", "-r", "0-1", "-c", "0-1");
        String b = ok(null, "encode", "-r", "1-2", "-c", "2-3");
        assertEquals("rank0/core[0-1] rank1/core[0-3] rank2/core[2-3]\n", ok(ok(a + b, "append"), "decode", "--short"));
        failsWithOneLine(r(a + ok(null, "encode", "-r", "1-2"), "append"), "overlap");
        assertEquals("rank[0-1]/core1\n",
                ok(ok(a + ok(null, "encode", "-r", "0-1", "-c", "0"), "diff"), "decode", "--short"));
        String c = ok(null, "encode", "-r", "0-3", "-c", "0-1");
        assertEquals("rank[1-3]/core0\n",
                ok(ok(c + ok(null, "encode", "-r", "1-5", "-c", "0"), "intersect"), "decode", "--short"));
        assertEquals("rank[0-2]/core0\n", ok(ok(ok(null, "encode", "-r", "5,99,1000"), "remap"), "decode", "-s"));
        assertEquals("foo[3,2,1,0]\n", ok(ok(ok(null, "encode", "-r", "0-3", "-H", "foo[0-3]"), "rerank", "foo[3,2,1,0]"),
                "decode", "--nodelist"));
        failsWithOneLine(r(a, "diff"), "diff requires at least 2 resource sets");
    }

    @Test
    void verifyAndSetProperty() {
        String expected = ok(null, "encode", "-r", "1-10", "-c", "0-3");
        assertEquals(0, r(expected + ok(null, "encode", "-r", "1", "-c", "0-3"), "verify").status());
        failsWithOneLine(r(expected + ok(null, "encode", "-r", "0", "-c", "0-3"), "verify"),
                "rank 0 not found in expected ranks");
        FluxCli.Result extra = r(ok(null, "encode", "-r", "1", "-c", "0-3") + ok(null, "encode", "-r", "1", "-c", "0-7", "-g", "1"),
                "verify");
        assertEquals(0, extra.status());
        assertTrue(extra.err().contains("has extra resources: core[4-7],gpu1"), extra.err());
        String props = ok(ok(ok(null, "encode", "-r", "0-1", "-c", "0-3", "-H", "foo[0-1]"), "set-property", "all"),
                "set-property", "xx:0", "yy:1");
        assertEquals("foo1\n", ok(props, "decode", "--nodelist", "--properties", "yy"));
        failsWithOneLine(r(ok(null, "encode", "-r", "0-1"), "set-property", "foo:1-2"),
                "failed to assign properties: rank 2 not found in target resource list");
        failsWithOneLine(r(null, "encode", "-r", "0-3", "-p", "xx:3-5"), "ranks 4-5 not found");
    }

    @Test
    void encodeFromHwlocXmlAndFromThisMachine(@TempDir Path dir) throws IOException {
        Path xml = dir.resolve("topo.xml");
        StringBuilder cores = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            cores.append("<object type=\"Core\" os_index=\"").append(i).append("\"/>");
        }
        String gpu = "<object type=\"OSDev\" osdev_type=\"5\"><info name=\"Backend\" value=\"%s\"/></object>";
        Files.writeString(xml, "<?xml version=\"1.0\"?>\n<!DOCTYPE topology SYSTEM \"hwloc.dtd\">\n"
                + "<topology><object type=\"Machine\">" + cores
                + "<object type=\"PCIDev\">" + String.format(gpu, "CUDA") + String.format(gpu, "OpenCL") + "</object>"
                + "<object type=\"PCIDev\">" + String.format(gpu, "CUDA") + "</object></object></topology>\n");
        assertEquals("rank0/core[0-7],gpu[0-1]\n", ok(ok(null, "encode", "--xml=" + xml), "decode", "--short"));
        assertEquals("rank[0-1]/core[0-7],gpu[0-1]\n",
                ok(ok(null, "encode", "-r", "0-1", "-f", xml.toString()), "decode", "--short"));
        String local = ok(null, "encode", "--local", "--hosts=fluke[0-3]");
        assertEquals("fluke[0-3]\n", ok(local, "decode", "--nodelist"));
        int perNode = Integer.parseInt(ok(ok(null, "encode", "--local"), "decode", "--count", "core").strip());
        assertEquals(4 * perNode + "\n", ok(local, "decode", "--count", "core"));
        failsWithOneLine(r(null, "encode", "--xml", dir.resolve("none.xml").toString()), "none.xml: No such file or directory");
        failsWithOneLine(r("<topology/>", "encode", "--xml", "-"), "-: hwloc XML has no Core objects");
        failsWithOneLine(r(null, "encode", "--local", "-c", "0-1"), "do not specify --cores or --gpus with --local or --xml");
    }

    @Test
    void badInputIsOneLineAndStatusOne() {
        failsWithOneLine(r("", "decode"), "Failed to read an R object");
        failsWithOneLine(r("{}\n", "decode"), "Failed to decode R on stdin: missing version");
        failsWithOneLine(r("{\"version\": 1, \"execution\": {}}", "decode"), "missing execution.R_lite");
        failsWithOneLine(r("{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"x\", \"children\": {}}]}}", "decode"),
                "execution.R_lite[0].rank: invalid idset 'x'");
        failsWithOneLine(r(null, "encode", "-r", "x"), "Failed to decode ranks='x' as idset");
        failsWithOneLine(r(null, "encode", "-r", "0-1", "-H", "foo[0-2]"), "does not match nranks (2)");
        assertEquals("0\n", ok("{\"version\": 1, \"execution\": {\"R_lite\": {}}}", "decode", "--count", "core"));
    }

    @Test
    void schedulingKeyIsPreserved() {
        String r = ok(null, "encode", "-r", "0-3", "-c", "0-3", "-g", "0", "-H", "foo[0-3]").strip();
        r = r.substring(0, r.length() - 1) + ", \"scheduling\": 42}";
        assertTrue(ok(r, "decode", "--exclude", "0").contains("\"scheduling\": 42"));
        assertTrue(ok(r + ok(null, "encode", "-r", "4"), "append").contains("\"scheduling\": 42"));
        assertTrue(ok(r + ok(null, "encode", "-r", "1", "-H", "foo1"), "intersect").contains("\"scheduling\": 42"));
    }

    @Test
    void parseConfig(@TempDir Path dir) throws IOException {
        Path conf = Files.createDirectory(dir.resolve("conf"));
        Files.writeString(conf.resolve("resource.toml"), "[[resource.config]]\nhosts = \"foo[0-2]\"\ncores = \"0-1\"\n"
                + "[[resource.config]]\nhosts = \"foo2\"\ngpus = \"0\"\n"
                + "[[resource.config]]\nhosts = \"foo0\"\nproperties = [\"login\"]\n");
        String r = ok(null, "parse-config", conf.toString());
        assertEquals("rank[0-1]/core[0-1] rank2/core[0-1],gpu0\n", ok(r, "decode", "--short"));
        assertEquals("foo0\n", ok(r, "decode", "-p", "login", "--nodelist"));

        Files.writeString(conf.resolve("resource.toml"), "[[resource.config]]\nhosts = \"foo[p]\"\ncores = \"0-1\"\n");
        failsWithOneLine(r(null, "parse-config", conf.toString()),
                "resource.config: " + conf.resolve("resource.toml") + ": [[resource.config]][0]: hosts: invalid hostlist 'foo[p]'");
        Files.writeString(conf.resolve("resource.toml"), "[resource]\nnoverify = true\n");
        failsWithOneLine(r(null, "parse-config", conf.toString()), "resource.config or resource.path must be defined");

        Path rpath = dir.resolve("R.path");
        Files.writeString(rpath, ok(null, "encode", "-r", "0-1", "-H", "foo[0-1]"));
        Files.writeString(dir.resolve("sched.json"), "{\"sched\": true}");
        Files.writeString(conf.resolve("resource.toml"), "[resource]\npath = \"" + rpath + "\"\nscheduling = \""
                + dir.resolve("sched.json") + "\"\n");
        String fromPath = ok(null, "parse-config", conf.toString());
        assertTrue(fromPath.contains("\"scheduling\": {\"sched\": true}"), fromPath);
        assertEquals("foo[0-1]\n", ok(fromPath, "decode", "--nodelist"));
        Files.writeString(rpath, "bad json");
        failsWithOneLine(r(null, "parse-config", conf.toString()), rpath.toString());
    }

    @Test
    void noSubcommandPrintsUsage() {
        FluxCli.Result res = FluxCli.run("R");
        assertEquals(1, res.status());
        assertTrue(res.err().contains("parse-config"), res.err());
    }
}
