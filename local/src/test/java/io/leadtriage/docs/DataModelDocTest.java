package io.leadtriage.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table's layout is described in one place, docs/data-model.md, and the names live in one place,
 * {@code TableKeys}: every key part, index and attribute name that class writes must be on the page (in backticks),
 * so a new item kind or index cannot land undocumented.
 */
class DataModelDocTest {
    static final Path TABLE_KEYS = Path.of("../functions/src/main/java/io/leadtriage/adapters/dynamodb/TableKeys.java");
    static final Path PAGE = Path.of("../docs/data-model.md");
    /** A string literal that is a name: a key part ({@code LEAD#}, {@code PROFILE}), an index or an attribute. */
    static final Pattern NAME = Pattern.compile("\"([A-Za-z][A-Za-z0-9_]*(?:#(?:model)?)?)\"");

    @Test
    void everyNameTableKeysWritesIsOnTheDataModelPage() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(Files.readString(TABLE_KEYS));
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).as("names found in TableKeys").contains("LEAD#", "DueIndex", "expiresAt").hasSizeGreaterThan(40);
        String page = Files.readString(PAGE);
        assertThat(names).as("on docs/data-model.md").allSatisfy(name ->
                assertThat(page).as(name).containsPattern("`[^`]*" + Pattern.quote(name) + "[^`]*`"));
    }
}
