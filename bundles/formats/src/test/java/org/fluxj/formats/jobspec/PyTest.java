package org.fluxj.formats.jobspec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import org.fluxj.formats.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Python's number parsing and json.dumps output, as CPython 3 gives them. */
class PyTest {

    @ParameterizedTest
    @CsvSource({"3600.0,3600.0", "0.05,0.05", "0.0,0.0", "1e16,1e+16", "1.5e16,1.5e+16",
        "1234567890123456.0,1234567890123456.0", "0.0001,0.0001", "0.00001,1e-05", "1e-7,1e-07", "123.456,123.456",
        "-2.5,-2.5", "60.0,60.0", "1e300,1e+300"})
    void floatReprIsPythons(double value, String repr) {
        assertEquals(repr, Py.repr(value));
    }

    @Test
    void dumpsUsesPythonSeparatorsAndEscapes() throws Exception {
        var node = Json.parse("{\"a\": [1, 2.5, true, null, {}], \"s\": \"\\u0001\\u007f\\u00e9\\\"\\\\\\t\"}", "t");
        assertEquals("{\"a\": [1, 2.5, true, null, {}], \"s\": \"\\u0001\u007f\u00e9\\\"\\\\\\t\"}", Py.dumps(node));
    }

    @Test
    void intAndFloatAcceptWhatPythonAccepts() {
        assertEquals(BigInteger.valueOf(12), Py.parseInt(" +12 "));
        assertEquals(BigInteger.valueOf(1000), Py.parseInt("1_000"));
        assertEquals(BigInteger.valueOf(-7), Py.parseInt("-007"));
        assertNull(Py.parseInt("1.0"));
        assertNull(Py.parseInt("0x10"));
        assertNull(Py.parseInt("1__0"));
        assertNull(Py.parseInt(""));
        assertEquals(1.5, Py.parseFloat("1.5"));
        assertEquals(100.0, Py.parseFloat("1e2"));
        assertEquals(0.5, Py.parseFloat(".5"));
        assertEquals(5.0, Py.parseFloat("5."));
        assertEquals(Double.POSITIVE_INFINITY, Py.parseFloat("Infinity"));
        assertEquals(Double.NEGATIVE_INFINITY, Py.parseFloat("-inf"));
        assertEquals(Double.NaN, Py.parseFloat("nan"));
        assertNull(Py.parseFloat("1h"));
        assertNull(Py.parseFloat("5d"));
        assertNull(Py.parseFloat("0x1p3"));
        assertNull(Py.parseFloat(""));
    }
}
