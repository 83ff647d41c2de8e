package org.fluxj.formats.jobspec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.json.JsonLimits;
import org.yaml.snakeyaml.LoaderOptions;

/** Reads jobspec text, JSON or YAML, into a JSON tree; every failure is a FormatException. */
final class Documents {
    private static final YAMLMapper YAML;

    static {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(100);
        YAML = YAMLMapper.builder(YAMLFactory.builder().loaderOptions(options)
                        .streamReadConstraints(JsonLimits.readConstraints()).build())
                .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                .build();
    }

    private Documents() {
    }

    /** JSON when the text starts with '{' (after white space), YAML otherwise. */
    static JsonNode read(String text) throws FormatException {
        if (text == null) {
            throw new FormatException("jobspec: no document (null)");
        }
        return text.stripLeading().startsWith("{") ? json(text) : yaml(text);
    }

    static JsonNode json(String text) throws FormatException {
        if (text == null) {
            throw new FormatException("jobspec: no document (null)");
        }
        try {
            return Json.parse(text, "jobspec");
        } catch (RuntimeException e) {
            throw new FormatException("jobspec: invalid JSON: " + FormatException.oneLine(e.getMessage()), e);
        }
    }

    static JsonNode yaml(String text) throws FormatException {
        if (text == null) {
            throw new FormatException("jobspec: no document (null)");
        }
        JsonNode node;
        try {
            node = YAML.readTree(text);
        } catch (JacksonException e) {
            throw new FormatException("jobspec: invalid YAML: " + FormatException.oneLine(e.getOriginalMessage()), e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new FormatException("jobspec: invalid YAML: " + FormatException.oneLine(e.getMessage()), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new FormatException("jobspec: empty YAML document");
        }
        return node;
    }
}
