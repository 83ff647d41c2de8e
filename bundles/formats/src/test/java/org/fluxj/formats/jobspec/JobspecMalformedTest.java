package org.fluxj.formats.jobspec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fluxj.formats.FormatException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Garbage, wrong types, huge numbers: always a one-line FormatException, never anything else. */
class JobspecMalformedTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n", "foo: bar: baz", "{", "{\"a\":", "[1, 2", "- a\n b: c", "\t{x}", "&a [*a]",
        "!!binary xyz", "%YAML 9.9\n---\na: 1", "{\"version\": 1, \"version\": 1}", "null", "~", "42", "\"text\"",
        "[]", "{}", "---\n...\n", "a: *nowhere", "\u0000", "\ud800", "{\"resources\": NaN}"})
    void garbageIsAFormatException(String text) {
        FormatException e = assertThrows(FormatException.class, () -> Jobspec.parse(text));
        assertTrue(e.getMessage().startsWith("jobspec: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foo: bar: baz | jobspec: invalid YAML: ",
        "{\"a\": | jobspec: invalid JSON: ",
        "[1, 2] | jobspec: expected a mapping at top level, got an array",
        "42 | jobspec: expected a mapping at top level, got 42",
        "{} | jobspec: resources: required key missing",
    })
    void garbageMessagesSayWhatIsWrong(String text, String prefix) {
        FormatException e = assertThrows(FormatException.class, () -> Jobspec.parse(text));
        assertTrue(e.getMessage().startsWith(prefix.strip()), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'1e999' | jobspec: attributes.system.duration: must be a finite number >= 0, got Infinity",
        "'\"1h\"' | jobspec: attributes.system.duration: must be a number, got \"1h\"",
        "'true' | jobspec: attributes.system.duration: must be a number, got true",
        "'[]' | jobspec: attributes.system.duration: must be a number, got an array",
        "'null' | jobspec: attributes.system.duration: must be a number, got null",
    })
    void durationOfTheWrongKind(String duration, String message) {
        String json = "{\"resources\": [{\"type\": \"slot\", \"count\": 1, \"label\": \"t\", \"with\": "
                + "[{\"type\": \"core\", \"count\": 1}]}], \"tasks\": [{\"command\": [\"a\"], \"slot\": \"t\", "
                + "\"count\": {\"per_slot\": 1}}], \"attributes\": {\"system\": {\"duration\": " + duration
                + "}}, \"version\": 1}";
        FormatException e = assertThrows(FormatException.class, () -> Jobspec.parse(json));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999999999999", "1.5", "-1", "\"4\"", "true", "{}"})
    void hugeOrWrongVersion(String version) {
        String json = "{\"resources\": [], \"tasks\": [], \"attributes\": {}, \"version\": " + version + "}";
        FormatException e = assertThrows(FormatException.class, () -> Jobspec.parse(json));
        assertTrue(e.getMessage().startsWith("jobspec: version: "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"a\", [\"b\"]]", "\"a b\"", "{\"0\": \"a\"}", "null", "[null]"})
    void commandOfTheWrongKind(String command) {
        String json = "{\"resources\": [{\"type\": \"slot\", \"count\": 1, \"label\": \"t\", \"with\": "
                + "[{\"type\": \"core\", \"count\": 1}]}], \"tasks\": [{\"command\": " + command + ", \"slot\": \"t\", "
                + "\"count\": {\"per_slot\": 1}}], \"attributes\": {\"system\": {\"duration\": 0}}, \"version\": 1}";
        FormatException e = assertThrows(FormatException.class, () -> Jobspec.parse(json));
        assertTrue(e.getMessage().startsWith("jobspec: tasks[0].command"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 200, 5000})
    void deepNestingIsRefusedNotOverflowed(int depth) {
        String yaml = "[".repeat(depth) + "]".repeat(depth);
        String json = "{\"a\":" + yaml + "}";
        assertThrows(FormatException.class, () -> Jobspec.parse(yaml));
        assertThrows(FormatException.class, () -> Jobspec.parse(json));
    }

    @Property(tries = 2000)
    void anyStringParsesOrIsAFormatException(@ForAll("texts") String text) {
        try {
            Jobspec.parse(text);
        } catch (FormatException e) {
            assertTrue(e.getMessage().startsWith("jobspec: "), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Property(tries = 1000)
    void mutatedJobspecParsesOrIsAFormatException(@ForAll("mutations") String text) {
        try {
            Jobspec.parse(text);
        } catch (FormatException e) {
            assertTrue(e.getMessage().startsWith("jobspec: "), e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withChars("{}[]:,-\"' \n\t&*!|>%@`#?abc019.eE+").ofMaxLength(100));
    }

    @Provide
    Arbitrary<String> mutations() {
        String base = JobspecReadTest.yaml(JobspecReadTest.SLOT, JobspecReadTest.TASK, JobspecReadTest.ATTR);
        return Arbitraries.integers().between(0, base.length() - 1).flatMap(at ->
                Arbitraries.strings().withChars("{}[]:,-\"' \n&*|0-1aZ").ofMaxLength(4).map(ins ->
                        base.substring(0, at) + ins + base.substring(Math.min(base.length(), at + ins.length()))));
    }
}
