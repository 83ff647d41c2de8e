package org.fluxj.content.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.fluxj.formats.conf.Conf;
import org.fluxj.formats.conf.ConfigKeyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code [content-sqlite]}: each key's type and range, checked at load and at config reload alike. */
class ContentSqliteConfigTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            journal_mode = "FAST"   | content-sqlite.journal_mode    | invalid journal_mode config
            journal_mode = 1        | content-sqlite.journal_mode    | must be a string
            synchronous = "SOMETIMES" | content-sqlite.synchronous   | invalid synchronous config
            synchronous = true      | content-sqlite.synchronous     | must be a string
            max_checkpoints = 0     | content-sqlite.max_checkpoints | invalid max_checkpoints config
            max_checkpoints = "5"   | content-sqlite.max_checkpoints | must be an integer
            preallocate = 1         | content-sqlite.preallocate     | unknown key
            """)
    void badValuesAreRefusedNamingTheKey(String line, String key, String problem) throws Exception {
        var config = Conf.parseToml("[content-sqlite]\n" + line + "\n", "c.toml");
        ConfigKeyException e = assertThrows(ConfigKeyException.class, () -> ContentSqlite.settings(config));
        assertEquals(key, e.key());
        assertEquals(problem, e.getMessage());
    }

    @Test
    void goodValues() throws Exception {
        var config = Conf.parseToml("[content-sqlite]\njournal_mode = \"WAL\"\nsynchronous = \"NORMAL\"\n"
                + "max_checkpoints = 2\n", "c.toml");
        assertEquals(new ContentSqlite.Settings("WAL", SqliteStore.Synchronous.NORMAL, 2), ContentSqlite.settings(config));
    }
}
