package io.leadtriage.smoke;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code sam deploy} deployed with, as far as the smoke test needs it: the stack name and the region of
 * samconfig.toml's {@code default} environment ({@code [default.global.parameters]},
 * {@code [default.deploy.parameters]}). Only plain {@code key = "value"} lines are read; a missing file reads
 * as nothing set.
 *
 * @param stackName null when not set
 * @param region    null when not set
 */
record SamConfig(String stackName, String region) {
    static final SamConfig NONE = new SamConfig(null, null);

    /** The file the smoke-test script names (-Dleadtriage.samconfig), else samconfig.toml in the working directory. */
    static Path location() {
        String configured = System.getProperty("leadtriage.samconfig");
        return Path.of(configured == null || configured.isBlank() ? "samconfig.toml" : configured);
    }

    static SamConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return NONE;
        }
    }

    static SamConfig parse(String toml) {
        String table = "";
        String stackName = null;
        String region = null;
        for (String raw : toml.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                table = line.replaceAll("[\\[\\]\\s]", "");
                continue;
            }
            boolean ours = table.equals("default.global.parameters") || table.equals("default.deploy.parameters");
            int eq = line.indexOf('=');
            if (!ours || eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = unquote(line.substring(eq + 1).strip());
            if (value == null) {
                continue;
            }
            // deploy's own setting wins over the global one, as it does for sam deploy
            if (key.equals("stack_name") && (stackName == null || table.startsWith("default.deploy"))) {
                stackName = value;
            } else if (key.equals("region") && (region == null || table.startsWith("default.deploy"))) {
                region = value;
            }
        }
        return new SamConfig(stackName, region);
    }

    /** The string of {@code "value"} (a comment after it allowed), or null for anything else (lists, numbers). */
    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"') {
            return null;
        }
        int end = value.indexOf('"', 1);
        if (end < 0) {
            return null;
        }
        String inner = value.substring(1, end).strip();
        return inner.isEmpty() ? null : inner;
    }
}
