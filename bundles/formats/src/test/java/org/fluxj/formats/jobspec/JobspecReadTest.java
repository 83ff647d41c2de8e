package org.fluxj.formats.jobspec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.fluxj.formats.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Valid and invalid jobspecs after the cases of flux-core's t/jobspec and RFC 14 / RFC 25. */
class JobspecReadTest {

    /** A version 1 jobspec with the given resources, tasks and attributes YAML blocks. */
    static String yaml(String resources, String tasks, String attributes) {
        return "version: 1\nresources:\n" + resources + "tasks:\n" + tasks + "attributes:\n" + attributes;
    }

    static final String SLOT = """
              - type: slot
                count: 1
                label: foo
                with:
                  - type: core
                    count: 1
            """;
    static final String TASK = """
              - command: [ "app" ]
                slot: foo
                count:
                  per_slot: 1
            """;
    static final String ATTR = """
              system:
                duration: 1
            """;

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("slot>core", yaml(SLOT, TASK, ATTR)),
                Arguments.of("node>slot>core, 4 nodes (RFC 25 use case 1.1)", yaml("""
                          - type: node
                            count: 4
                            with:
                              - type: slot
                                count: 1
                                label: default
                                with:
                                  - type: core
                                    count: 1
                        """, """
                          - command: [ "flux", "start" ]
                            slot: default
                            count:
                              per_slot: 1
                        """, """
                          system:
                            duration: 3600.
                            cwd: "/home/flux"
                            environment:
                              HOME: "/home/flux"
                        """)),
                Arguments.of("5 tasks across 4 nodes, total count (use case 2.1)", yaml("""
                          - type: node
                            count: 4
                            with:
                              - type: slot
                                count: 2
                                label: default
                                with:
                                  - type: core
                                    count: 1
                        """, """
                          - command: [ "hostname" ]
                            slot: default
                            count:
                              total: 5
                        """, ATTR)),
                Arguments.of("cores and gpus per slot (use case 2.3)", yaml("""
                          - type: slot
                            count: 10
                            label: default
                            with:
                              - type: core
                                count: 2
                              - type: gpu
                                count: 1
                        """, TASK.replace("foo", "default"), ATTR)),
                Arguments.of("gpu count zero", yaml(SLOT.replace("""
                                    count: 1
                        """, """
                                    count: 1
                                  - type: gpu
                                    count: 0
                        """), TASK, ATTR)),
                Arguments.of("exclusive node, dependencies, constraints, user attributes", yaml("""
                          - type: node
                            count: 1
                            exclusive: true
                            with:
                        """ + SLOT.replace("  - type: slot", "      - type: slot").replace("\n    ", "\n        "), TASK, """
                          system:
                            duration: 0
                            dependencies:
                              - scheme: afterok
                                value: "1234"
                            constraints:
                              and:
                                - properties: [ "foo", "^bar" ]
                                - not: [ { hostlist: [ "node[1-3]" ] } ]
                                - ranks: [ "0-3" ]
                            shell:
                              options:
                                verbose: 1
                          user:
                            comment: hello
                        """)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validYamlParses(String name, String text) throws FormatException {
        Jobspec js = Jobspec.parse(text);
        assertEquals(1, js.version());
        // and the same document as JSON
        assertEquals(js, Jobspec.parse(js.toJson()));
        assertEquals(js, Jobspec.parseJson(js.dumps()));
    }

    @Test
    void accessors() throws FormatException {
        Jobspec js = Jobspec.parseYaml(yaml(SLOT, TASK, """
                  system:
                    duration: 90.5
                    queue: batch
                """));
        assertEquals(90.5, js.duration());
        assertEquals(List.of("app"), js.command());
        assertEquals("batch", js.attribute("queue").orElseThrow().asText());
        assertEquals("batch", js.attribute("system.queue").orElseThrow().asText());
        assertEquals("batch", js.attribute("attributes.system.queue").orElseThrow().asText());
        assertEquals(true, js.attribute("user.nothing").isEmpty());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("missing attributes", "version: 1\nresources:\n" + SLOT + "tasks:\n" + TASK,
                        "jobspec: attributes: required key missing"),
                Arguments.of("missing resources", "version: 1\ntasks:\n" + TASK + "attributes:\n" + ATTR,
                        "jobspec: resources: required key missing"),
                Arguments.of("missing tasks", "version: 1\nresources:\n" + SLOT + "attributes:\n" + ATTR,
                        "jobspec: tasks: required key missing"),
                Arguments.of("missing version", "resources:\n" + SLOT + "tasks:\n" + TASK + "attributes:\n" + ATTR,
                        "jobspec: version: required key missing"),
                Arguments.of("extra top-level key", yaml(SLOT, TASK, ATTR) + "foo: 1\n",
                        "jobspec: foo: unknown key (expected resources, tasks, attributes, version)"),
                Arguments.of("version 4.2", yaml(SLOT, TASK, ATTR).replace("version: 1", "version: 4.2"),
                        "jobspec: version: must be an integer, got 4.2"),
                Arguments.of("version 0", yaml(SLOT, TASK, ATTR).replace("version: 1", "version: 0"),
                        "jobspec: version: must be >= 1, got 0"),
                Arguments.of("version null", yaml(SLOT, TASK, ATTR).replace("version: 1", "version:"),
                        "jobspec: version: must be an integer, got null"),
                Arguments.of("version 2", yaml(SLOT, TASK, ATTR).replace("version: 1", "version: 2"),
                        "jobspec: version: only version 1 is supported, got 2"),
                Arguments.of("attributes not a mapping", yaml(SLOT, TASK, " 1\n").replace("attributes:\n 1", "attributes: 1"),
                        "jobspec: attributes: must be a mapping, got 1"),
                Arguments.of("attributes null", yaml(SLOT, TASK, ""),
                        "jobspec: attributes: must be a mapping, got null"),
                Arguments.of("attributes bad entry", yaml(SLOT, TASK, ATTR + "  foo: 1\n"),
                        "jobspec: attributes.foo: unknown section (expected system or user)"),
                Arguments.of("duration missing", yaml(SLOT, TASK, "  system:\n    foo: 1\n"),
                        "jobspec: attributes.system.duration: required key missing"),
                Arguments.of("duration a string", yaml(SLOT, TASK, "  system:\n    duration: 1h\n"),
                        "jobspec: attributes.system.duration: must be a number, got \"1h\""),
                Arguments.of("duration negative", yaml(SLOT, TASK, "  system:\n    duration: -1\n"),
                        "jobspec: attributes.system.duration: must be a finite number >= 0, got -1"),
                Arguments.of("system missing", yaml(SLOT, TASK, "  user:\n    foo: 1\n"),
                        "jobspec: attributes.system: required key missing"),
                Arguments.of("user empty", yaml(SLOT, TASK, ATTR + "  user: {}\n"),
                        "jobspec: attributes.user: if present, must contain values"),
                Arguments.of("constraints not an object", yaml(SLOT, TASK, ATTR + "    constraints: [ foo, bar ]\n"),
                        "jobspec: attributes.system.constraints: must be a mapping, got an array"),
                Arguments.of("constraint operator unknown", yaml(SLOT, TASK, ATTR + "    constraints: { xor: [] }\n"),
                        "jobspec: attributes.system.constraints.xor: unknown constraint operator"),
                Arguments.of("constraint property bad character", yaml(SLOT, TASK, ATTR
                        + "    constraints: { properties: [ \"a|b\" ] }\n"),
                        "jobspec: attributes.system.constraints.properties[0]: invalid character in property \"a|b\""),
                Arguments.of("dependencies not an array", yaml(SLOT, TASK, ATTR + "    dependencies:\n      scheme: foo\n"),
                        "jobspec: attributes.system.dependencies: must be a list, got an object"),
                Arguments.of("dependency value not a string", yaml(SLOT, TASK, ATTR
                        + "    dependencies:\n      - scheme: foo\n        value: 1\n"),
                        "jobspec: attributes.system.dependencies[0].value: must be a string, got 1"),
                Arguments.of("environment not a mapping", yaml(SLOT, TASK, ATTR + "    environment: [ a ]\n"),
                        "jobspec: attributes.system.environment: must be a mapping, got an array"),
                Arguments.of("shell options not a mapping", yaml(SLOT, TASK, ATTR + "    shell: { options: 1 }\n"),
                        "jobspec: attributes.system.shell.options: must be a mapping, got 1"),
                Arguments.of("resource count zero", yaml(SLOT.replace("count: 1\n    label", "count: 0\n    label"), TASK, ATTR),
                        "jobspec: resources[0].count: must be a positive integer, got 0"),
                Arguments.of("resource count negative", yaml(SLOT.replace("type: core\n        count: 1",
                        "type: core\n        count: -1"), TASK, ATTR),
                        "jobspec: resources[0].with[0].count: must be a positive integer, got -1"),
                Arguments.of("gpu count negative", yaml(SLOT.replace("count: 1\n", "count: 1\n").replace(
                        "        count: 1\n", "        count: 1\n      - type: gpu\n        count: -1\n"), TASK, ATTR),
                        "jobspec: resources[0].with[1].count: must be a non-negative integer, got -1"),
                Arguments.of("resource count a word", yaml(SLOT.replace("count: 1\n    label", "count: bar\n    label"), TASK, ATTR),
                        "jobspec: resources[0].count: count string must be a valid idset or range, got \"bar\""),
                Arguments.of("resource count a list", yaml(SLOT.replace("count: 1\n    label", "count: [1, 2]\n    label"), TASK, ATTR),
                        "jobspec: resources[0].count: must be an integer, range mapping or string, got an array"),
                Arguments.of("resource count range in version 1", yaml(SLOT.replace("count: 1\n    label",
                        "count: { min: 1, max: 2 }\n    label"), TASK, ATTR),
                        "jobspec: resources[0].count: must be an integer in version 1, got an object"),
                Arguments.of("range min zero", yaml(SLOT.replace("count: 1\n    label", "count: { min: 0 }\n    label"), TASK, ATTR),
                        "jobspec: resources[0].count.min: must be a positive integer, got 0"),
                Arguments.of("range min not int", yaml(SLOT.replace("count: 1\n    label", "count: { min: \"1\" }\n    label"), TASK, ATTR),
                        "jobspec: resources[0].count.min: must be a positive integer, got \"1\""),
                Arguments.of("range max < min", yaml(SLOT.replace("count: 1\n    label",
                        "count: { min: 2, max: 1, operand: 1, operator: \"+\" }\n    label"), TASK, ATTR),
                        "jobspec: resources[0].count.max: must be >= min, got 1"),
                Arguments.of("range bad operator", yaml(SLOT.replace("count: 1\n    label",
                        "count: { min: 1, max: 2, operand: 1, operator: \"-\" }\n    label"), TASK, ATTR),
                        "jobspec: resources[0].count.operator: must be one of +, *, ^, got \"-\""),
                Arguments.of("range operator not a char", yaml(SLOT.replace("count: 1\n    label",
                        "count: { min: 1, max: 2, operand: 1, operator: addition }\n    label"), TASK, ATTR),
                        "jobspec: resources[0].count.operator: must be a single character string, got \"addition\""),
                Arguments.of("range * operand 1", yaml(SLOT.replace("count: 1\n    label",
                        "count: { min: 1, max: 2, operand: 1, operator: \"*\" }\n    label"), TASK, ATTR),
                        "jobspec: resources[0].count.operand: must be > 1 for operator *, got 1"),
                Arguments.of("range ^ min 1", yaml(SLOT.replace("count: 1\n    label",
                        "count: { min: 1, max: 2, operand: 2, operator: \"^\" }\n    label"), TASK, ATTR),
                        "jobspec: resources[0].count.min: must be > 1 for operator ^, got 1"),
                Arguments.of("range operand without operator", yaml(SLOT.replace("count: 1\n    label",
                        "count: { min: 1, max: 2, operand: 1 }\n    label"), TASK, ATTR),
                        "jobspec: resources[0].count: operand and operator must both be given if either is"),
                Arguments.of("range operand zero", yaml(SLOT.replace("count: 1\n    label",
                        "count: { min: 1, max: 2, operand: 0, operator: \"+\" }\n    label"), TASK, ATTR),
                        "jobspec: resources[0].count.operand: must be a positive integer, got 0"),
                Arguments.of("exclusive not a boolean", yaml(SLOT.replace("label: foo", "label: foo\n    exclusive: blah"), TASK, ATTR),
                        "jobspec: resources[0].exclusive: must be a boolean, got \"blah\""),
                Arguments.of("id not a scalar", yaml(SLOT.replace("label: foo", "label: foo\n    id: [ foo, bar ]"), TASK, ATTR),
                        "jobspec: resources[0].id: must be a string, got an array"),
                Arguments.of("label not a scalar", yaml(SLOT.replace("label: foo", "label: [ foo, bar ]"), TASK, ATTR),
                        "jobspec: resources[0].label: must be a string, got an array"),
                Arguments.of("unit not a scalar", yaml(SLOT.replace("label: foo", "label: foo\n    unit: [ foo ]"), TASK, ATTR),
                        "jobspec: resources[0].unit: must be a string, got an array"),
                Arguments.of("resource missing count", yaml(SLOT.replace("type: core\n        count: 1", "type: core"), TASK, ATTR),
                        "jobspec: resources[0].with[0].count: required key missing"),
                Arguments.of("resource missing type", yaml(SLOT.replace("- type: core\n        count: 1", "- count: 1"), TASK, ATTR),
                        "jobspec: resources[0].with[0].type: required key missing"),
                Arguments.of("resource type not a string", yaml(SLOT.replace("type: core", "type: [ core ]"), TASK, ATTR),
                        "jobspec: resources[0].with[0].type: must be a string, got an array"),
                Arguments.of("resource not a mapping", yaml("  - - type: slot\n    - count: 1\n", TASK, ATTR),
                        "jobspec: resources[0]: resource must be a mapping, got an array"),
                Arguments.of("resources not a sequence", yaml("  type: slot\n  count: 1\n", TASK, ATTR),
                        "jobspec: resources: must be a list, got an object"),
                Arguments.of("slot not labelled", yaml(SLOT.replace("    label: foo\n", ""), TASK, ATTR),
                        "jobspec: resources[0].label: required key missing (a slot must have a label)"),
                Arguments.of("slot with not an array", yaml("  - type: slot\n    label: foo\n    count: 1\n    with: 42\n", TASK, ATTR),
                        "jobspec: resources[0].with: must be a list, got 42"),
                Arguments.of("node with not an array", yaml("  - type: node\n    count: 4\n    with: 42\n", TASK, ATTR),
                        "jobspec: resources[0].with: must be a list, got 42"),
                Arguments.of("slot with node (version 1)", yaml(SLOT.replace("type: core", "type: node"), TASK, ATTR),
                        "jobspec: resources[0].with[0].type: must be core or gpu in version 1, got \"node\""),
                Arguments.of("unknown top resource type (version 1)", yaml("  - type: smurf\n    count: 4\n    with:\n"
                        + SLOT.replace("\n  ", "\n      ").replace("  - type: slot", "      - type: slot"), TASK, ATTR),
                        "jobspec: resources[0].type: must be node or slot in version 1, got \"smurf\""),
                Arguments.of("node without count", yaml("  - type: node\n    with:\n"
                        + SLOT.replace("\n  ", "\n      ").replace("  - type: slot", "      - type: slot"), TASK, ATTR),
                        "jobspec: resources[0].count: required key missing"),
                Arguments.of("node with two vertices", yaml("  - type: node\n    count: 1\n    with:\n"
                        + SLOT.replace("\n  ", "\n      ").replace("  - type: slot", "      - type: slot")
                        + "      - type: core\n        count: 2\n", TASK, ATTR),
                        "jobspec: resources[0].with: must have exactly 1 element in version 1, got 2"),
                Arguments.of("slot with three vertices", yaml(SLOT + "      - type: gpu\n        count: 1\n"
                        + "      - type: smurf\n        count: 1\n", TASK, ATTR),
                        "jobspec: resources[0].with: must have 1 to 2 elements in version 1, got 3"),
                Arguments.of("slot without core", yaml(SLOT.replace("type: core", "type: gpu"), TASK, ATTR),
                        "jobspec: resources[0].with: must contain a core resource in version 1"),
                Arguments.of("two resources (version 1)", yaml(SLOT + SLOT, TASK, ATTR),
                        "jobspec: resources: must contain exactly one resource in version 1, got 2"),
                Arguments.of("count too big for version 1", yaml(SLOT.replace("count: 1\n    label",
                        "count: 99999999999999999999\n    label"), TASK, ATTR),
                        "jobspec: resources[0].count: must be at most 2147483647, got 99999999999999999999"),
                Arguments.of("command not an array", yaml(SLOT, TASK.replace("[ \"app\" ]", "app"), ATTR),
                        "jobspec: tasks[0].command: must be a list of strings, got \"app\""),
                Arguments.of("command of numbers", yaml(SLOT, TASK.replace("[ \"app\" ]", "[1,2,3]"), ATTR),
                        "jobspec: tasks[0].command[0]: must be a string, got 1"),
                Arguments.of("command empty", yaml(SLOT, TASK.replace("[ \"app\" ]", "[]"), ATTR),
                        "jobspec: tasks[0].command: must not be empty"),
                Arguments.of("task count empty", yaml(SLOT, TASK.replace("count:\n      per_slot: 1", "count: {}"), ATTR),
                        "jobspec: tasks[0].count: must have exactly one of per_slot, per_resource, total, got 0 keys"),
                Arguments.of("task count not a mapping", yaml(SLOT, TASK.replace("count:\n      per_slot: 1", "count: 1"), ATTR),
                        "jobspec: tasks[0].count: must be a mapping, got 1"),
                Arguments.of("task per_slot zero", yaml(SLOT, TASK.replace("per_slot: 1", "per_slot: 0"), ATTR),
                        "jobspec: tasks[0].count.per_slot: must be a positive integer, got 0"),
                Arguments.of("task total zero", yaml(SLOT, TASK.replace("per_slot: 1", "total: 0"), ATTR),
                        "jobspec: tasks[0].count.total: must be a positive integer, got 0"),
                Arguments.of("task total and per_slot", yaml(SLOT, TASK.replace("per_slot: 1", "per_slot: 1\n      total: 1"), ATTR),
                        "jobspec: tasks[0].count: must have exactly one of per_slot, per_resource, total, got 2 keys"),
                Arguments.of("task per_resource (version 1)", yaml(SLOT, TASK.replace("per_slot: 1",
                        "per_resource: { type: core, count: 1 }"), ATTR),
                        "jobspec: tasks[0].count.per_resource: not supported in version 1 (use per_slot or total)"),
                Arguments.of("task missing command", yaml(SLOT, TASK.replace("- command: [ \"app\" ]\n    slot", "- slot"), ATTR),
                        "jobspec: tasks[0].command: required key missing"),
                Arguments.of("task missing count", yaml(SLOT, "  - command: [ app ]\n    slot: foo\n", ATTR),
                        "jobspec: tasks[0].count: required key missing"),
                Arguments.of("task missing slot", yaml(SLOT, TASK.replace("    slot: foo\n", ""), ATTR),
                        "jobspec: tasks[0].slot: required key missing"),
                Arguments.of("task not a mapping", yaml(SLOT, "  - foo\n", ATTR),
                        "jobspec: tasks[0]: task must be a mapping, got \"foo\""),
                Arguments.of("tasks not a sequence", yaml(SLOT, "  command: [ app ]\n", ATTR),
                        "jobspec: tasks: must be a list, got an object"),
                Arguments.of("two tasks (version 1)", yaml(SLOT, TASK + TASK, ATTR),
                        "jobspec: tasks: must contain exactly one task in version 1, got 2"),
                Arguments.of("task extra key (version 1)", yaml(SLOT, TASK + "    attributes: {}\n", ATTR),
                        "jobspec: tasks[0].attributes: key not allowed in version 1 task"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidYamlIsRefusedWithItsReason(String name, String text, String message) {
        FormatException e = assertThrows(FormatException.class, () -> Jobspec.parse(text));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidAsJsonIsRefusedTheSameWay(String name, String text, String message) throws Exception {
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = Documents.yaml(text);
        } catch (FormatException e) {
            return;
        }
        String json = org.fluxj.formats.json.Json.encode(tree);
        FormatException e = assertThrows(FormatException.class, () -> Jobspec.parseJson(json));
        assertEquals(message, e.getMessage());
    }

    @Test
    void canonicalJobspecAllowsRangesAndMoreResources() throws FormatException {
        String text = yaml(SLOT.replace("count: 1\n    label", "count: { min: 2, max: 8, operand: 2, operator: \"*\" }\n    label")
                + SLOT.replace("count: 1\n    label", "count: \"1-4:2\"\n    label"), TASK + TASK, "  user:\n    x: 1\n");
        assertEquals(1, Jobspec.parseCanonical(text).version());
        assertThrows(FormatException.class, () -> Jobspec.parse(text));
        assertEquals(2, Jobspec.parseCanonical(text.replace("version: 1", "version: 2")).version());
        FormatException e = assertThrows(FormatException.class, () -> Jobspec.parseCanonical(
                text.replace("\"1-4:2\"", "\"1-4:1:*\"")));
        assertEquals("jobspec: resources[1].count.operand: must be > 1 for operator *, got 1", e.getMessage());
    }

    @Test
    void validateChecksABuiltJobspec() throws FormatException {
        Jobspec js = new JobspecBuilder().command(List.of("true")).environment(java.util.Map.of())
                .setattr(".foo=1").build();
        FormatException e = assertThrows(FormatException.class, js::validate);
        assertEquals("jobspec: attributes.foo: unknown section (expected system or user)", e.getMessage());
    }
}
