package io.leadtriage.handlers.http;

import java.util.stream.Collectors;
import java.util.regex.Pattern;
import java.util.regex.Matcher;
import java.util.Set;
import io.leadtriage.local.SamTemplate;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real envelopes of events/ (the ones `sam local invoke` takes) read by the functions' envelope reader as data
 * binding reads them. Here, not in functions/, because `sam build` builds functions/ without events/; the reader's
 * own cases are functions' HttpEventReaderTest.
 */
class HttpEventReaderEventsTest {
    static final ObjectMapper DATA_BINDING = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The files of events/ that are HTTP API (payload 2.0) events, not the EventBridge ones. */
    static List<Path> httpApiEvents() throws IOException {
        try (Stream<Path> files = Files.list(Events.dir())) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().filter(f -> {
                try {
                    JsonNode event = DATA_BINDING.readTree(f.toFile());
                    return event.path("version").asText().equals("2.0") && event.path("requestContext").has("http");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    /** The routes template.yaml declares, as API Gateway writes them in routeKey: "POST /v1/forms/{formId}". */
    static Set<String> templateRoutes() {
        return SamTemplate.read(SamTemplate.locate()).functions().values().stream()
                .flatMap(f -> f.routes().stream()).map(r -> r.method() + " " + r.path()).collect(Collectors.toSet());
    }

    @Test
    void everyHttpApiEventOfEventsIsARouteOfTheTemplate() throws IOException {
        List<Path> events = httpApiEvents();

        assertThat(events).extracting(f -> f.getFileName().toString())
                .contains("form-demo-multipart.json", "form-get-started-browser.json", "form-get-started-json.json",
                        "form-get-started-step2.json");
        for (Path file : events) {
            assertThat(DATA_BINDING.readTree(file.toFile()).path("routeKey").asText()).as(file.getFileName().toString())
                    .isIn(templateRoutes());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpApiEvents")
    void everyHttpApiEventOfEventsReadsAsDataBindingReadsIt(Path file) throws IOException {
        APIGatewayV2HTTPEvent ours;
        try (InputStream in = Files.newInputStream(file)) {
            ours = HttpEventReader.read(in);
        }
        APIGatewayV2HTTPEvent theirs = DATA_BINDING.readValue(Files.readString(file), APIGatewayV2HTTPEvent.class);

        assertThat(ours).usingRecursiveComparison().isEqualTo(theirs);
        assertThat(ours).isEqualTo(theirs);
        // What the handlers read, spelled out: the route and its path parameters, the method, the caller's address.
        String[] route = ours.getRouteKey().split(" ", 2);
        assertThat(ours.getRequestContext().getHttp().getMethod()).isEqualTo(route[0]);
        Matcher parameter = Pattern.compile("\\{(\\w+)}").matcher(route[1]);
        while (parameter.find()) {
            assertThat(ours.getPathParameters()).containsKey(parameter.group(1));
        }
        assertThat(ours.getRequestContext().getHttp().getSourceIp()).isNotBlank();
        assertThat(ours.getRequestContext().getDomainName()).endsWith(".amazonaws.com");
        assertThat(ours.getRequestContext().getTimeEpoch()).isPositive();
        if (route[1].startsWith("/v1/forms/")) {
            assertThat(ours.getHeaders()).containsKeys("content-type", "accept", "origin", "referer");
            assertThat(ours.getBody()).isNotBlank();
        }
    }
}
