package io.leadtriage.testing;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.leadtriage.app.events.LeadEventType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The lead events' JSON Schemas as the repository holds them ({@code functions/schemas/events/<name>.v<version>.json},
 * draft 2020-12), and the check every event a test sees goes through.
 */
public final class LeadEventSchemas {
    /** From functions/ (its own tests) or from a sibling module (local/'s end-to-end tests). */
    public static final Path FOLDER = Files.isDirectory(Path.of("schemas", "events")) ? Path.of("schemas", "events")
            : Path.of("..", "functions", "schemas", "events");
    private static final Map<LeadEventType, Schema> SCHEMAS = load();

    private LeadEventSchemas() {
    }

    /** The schema file of an event's current version. */
    public static Path file(LeadEventType type) {
        return FOLDER.resolve(type.wireName() + ".v" + LeadEventType.SCHEMA_VERSION + ".json");
    }

    /** What is wrong with the event, as the schema of its type says; empty when it is valid. */
    public static List<String> problems(String type, String detail) {
        LeadEventType known = LeadEventType.ofWireName(type).orElse(null);
        if (known == null) {
            return List.of("no schema for an event named " + type);
        }
        return SCHEMAS.get(known).validate(detail, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    /** Throws, naming every problem, unless the event is valid against its schema. */
    public static void check(String type, String detail) {
        List<String> problems = problems(type, detail);
        if (!problems.isEmpty()) {
            throw new AssertionError(type + " does not match " + file(LeadEventType.ofWireName(type).orElseThrow())
                    + ": " + problems + "\n" + detail);
        }
    }

    private static Map<LeadEventType, Schema> load() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Map<LeadEventType, Schema> schemas = new EnumMap<>(LeadEventType.class);
        for (LeadEventType type : LeadEventType.values()) {
            try {
                schemas.put(type, registry.getSchema(Files.readString(file(type)), InputFormat.JSON));
            } catch (IOException e) {
                throw new UncheckedIOException("no schema for " + type.wireName() + " at " + file(type), e);
            }
        }
        return schemas;
    }
}
