package org.fluxj.formats.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.fluxj.formats.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Expected texts are what Debian 12's libjansson 2.14 {@code json_dumps} printed for the same values. */
class JanssonTextTest {

    /** Input (Java double literal) | jansson 2.14's text: {@code %.17g}, ".0" if integral-looking, short exponent. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "42.0|42.0",
        "1.0|1.0",
        "0.0|0.0",
        "-0.0|-0.0",
        "1552593348.073045|1552593348.073045",
        "1552593348.09283|1552593348.0928299",
        "7.6|7.5999999999999996",
        "0.1|0.10000000000000001",
        "1e16|10000000000000000.0",
        "1e17|1e17",
        "1.2345678901234568e17|1.2345678901234568e17",
        "0.0001|0.0001",
        "1e-5|1.0000000000000001e-5",
        "0.00012345|0.00012344999999999999",
        "1.5e-7|1.4999999999999999e-7",
        "5e-324|4.9406564584124654e-324",
        "1.7976931348623157e308|1.7976931348623157e308",
        "100.0|100.0",
        "1000000000000000.0|1000000000000000.0",
        "9999999999999998.0|9999999999999998.0",
        "1700000000.1234567|1700000000.1234567",
        "1700000000.5|1700000000.5",
        "2.5|2.5",
        "-3.75|-3.75",
        "1e20|1e20",
        "1e100|1e100",
        "-1e-100|-1e-100",
        "2.2250738585072014e-308|2.2250738585072014e-308",
        "123456789012345678.0|1.2345678901234568e17",
        "2379646.2709189137|2379646.2709189137",
        "1.3042279608514273e18|1.3042279608514273e18",
        "6039200385.961945|6039200385.9619446",
        "131679915548741.36|131679915548741.36",
        "4702635075224479.0|4702635075224479.0",
        "54.96311670270055|54.963116702700553",
        "6.390681405441619e-7|6.3906814054416191e-7",
        "3.899367208872129e-11|3.8993672088721292e-11",
        "1.5939993976228116e19|1.5939993976228116e19",
        "0.05910995829313176|0.059109958293131759",
        "394963404000743.94|394963404000743.94",
        "99999999999999999.0|1e17",
        "0.30000000000000004|0.30000000000000004"
    })
    void realsAsJansson(String input, String text) {
        assertEquals(text, JanssonText.real(Double.parseDouble(input)));
    }

    @Test
    void nonFiniteRealsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> JanssonText.real(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> JanssonText.real(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> JanssonText.real(Double.NEGATIVE_INFINITY));
    }

    @Property
    void realsRoundTrip(@ForAll double d) {
        if (Double.isFinite(d)) {
            String text = JanssonText.real(d);
            assertEquals(d, Double.parseDouble(text));
            assertTrue(text.contains(".") || text.contains("e"), text);
            assertTrue(text.replaceFirst("e.*", "").replaceAll("[^0-9]", "").replaceAll("^0+|0+$", "").length() <= 17, text);
        }
    }

    static ObjectNode sample() {
        JsonNodeFactory f = Json.mapper().getNodeFactory();
        ObjectNode o = Json.object();
        o.put("s", "q\"b\\s/\b\f\n\r\t\u0001\u001f\u007f \u00e9\u20ac\ud83d\ude00");
        ArrayNode n = o.putArray("n");
        n.addNull().add(true).add(false).add(-7).add(12345678901234567L).add(0.5).addArray();
        n.addObject();
        o.putObject("e").putObject("x").putArray("y").add(f.numberNode(1e-7));
        return o;
    }

    /** {@code json_dumps(o, JSON_COMPACT)}. */
    @Test
    void compact() {
        assertEquals("{\"s\":\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001F\u007f \u00e9\u20ac\ud83d\ude00\","
                + "\"n\":[null,true,false,-7,12345678901234567,0.5,[],{}],\"e\":{\"x\":{\"y\":[9.9999999999999995e-8]}}}",
                JanssonText.compact(sample()));
    }

    /** {@code json_dumps(o, 0)}. */
    @Test
    void dumps() {
        assertEquals("{\"s\": \"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001F\u007f \u00e9\u20ac\ud83d\ude00\", "
                + "\"n\": [null, true, false, -7, 12345678901234567, 0.5, [], {}], \"e\": {\"x\": {\"y\": [9.9999999999999995e-8]}}}",
                JanssonText.dumps(sample()));
        assertEquals("[]", JanssonText.dumps(Json.mapper().createArrayNode()));
        assertEquals("{}", JanssonText.compact(Json.object()));
    }

    @Test
    void scalars() throws FormatException {
        assertEquals("\"\\u0000\\u001F\"", JanssonText.compact(Json.mapper().getNodeFactory().textNode("\u0000\u001f")));
        assertEquals("123456789012345678901234567890", JanssonText.dumps(Json.parse("123456789012345678901234567890", "t")));
        assertEquals("0.10000000000000001", JanssonText.dumps(Json.parse("0.1", "t")));
        assertEquals("null", JanssonText.compact(Json.parse("null", "t")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\"b", "tab\there", "nl\n", "ctl\u0001", "slash/\u00fc", "back\\slash"})
    void stringsRoundTrip(String s) throws FormatException {
        String text = JanssonText.dumps(Json.mapper().getNodeFactory().textNode(s));
        assertEquals(s, Json.parse("[" + text + "]", "t").get(0).textValue());
    }

    @Property
    void anyStringRoundTrips(@ForAll String s) throws FormatException {
        String text = JanssonText.compact(Json.mapper().getNodeFactory().textNode(s));
        assertEquals(s, Json.parse(text, "t").textValue());
    }
}
