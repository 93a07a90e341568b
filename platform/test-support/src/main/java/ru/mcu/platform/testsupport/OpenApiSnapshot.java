package ru.mcu.platform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The services' OpenAPI descriptions as the web application's build reads them: committed beside the
 * front end, which generates its client from them. A service whose API changed fails its test until
 * the description is written again ({@code -Dmcu.openapi.write=true}); then the front end's type check
 * fails wherever it used what changed. So a changed endpoint breaks the build, not a user.
 */
public final class OpenApiSnapshot {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private OpenApiSnapshot() {
    }

    /** The front end's copy of a service's description, from the service module's directory. */
    public static Path committed(String service) {
        return Path.of("..", "gateway", "src", "main", "frontend", "openapi", service + ".json");
    }

    public static void assertMatches(String liveDocument, Path committed) {
        String live = normalized(liveDocument);
        try {
            if (Boolean.getBoolean("mcu.openapi.write")) {
                Files.createDirectories(committed.getParent());
                Files.writeString(committed, live, StandardCharsets.UTF_8);
            }
            assertThat(Files.exists(committed)).as("%s is missing: run the service's OpenApiTest with -Dmcu.openapi.write=true", committed).isTrue();
            assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                    .as("The API changed but %s did not: run the service's OpenApiTest with -Dmcu.openapi.write=true, then build the gateway",
                            committed)
                    .isEqualTo(live);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keys sorted and the server's random test port dropped, so the file changes only when the API does. */
    static String normalized(String document) {
        JsonNode tree = JSON.readTree(document);
        ((ObjectNode) tree).remove("servers");
        Object sorted = JSON.treeToValue(tree, Object.class);
        return JSON.writeValueAsString(sorted) + "\n";
    }
}
