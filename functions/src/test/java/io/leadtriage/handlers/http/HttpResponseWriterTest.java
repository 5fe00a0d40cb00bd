package io.leadtriage.handlers.http;

import io.leadtriage.app.Refusal;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The answer written for API Gateway parses back, with data binding as the reference, to the answer given. */
class HttpResponseWriterTest {
    static final ObjectMapper DATA_BINDING = new ObjectMapper();

    static byte[] write(APIGatewayV2HTTPResponse response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HttpResponseWriter.write(response, out);
        return out.toByteArray();
    }

    static Stream<Arguments> responses() {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        multi.put("Set-Cookie", List.of("a=1; Secure", "b=2; HttpOnly"));
        multi.put("Vary", List.of("Origin"));
        multi.put("X-Nothing", null);
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("X-Empty", null);
        withNull.put("X-Blank", "");
        return Stream.of(
                arguments("JSON, created", Responses.json(201, Map.of("leadId", "6f1c2a9e", "next",
                        Map.of("action", "step2", "url", "https://example.com/?step=2&t=a\"b</script>")))),
                arguments("a redirect", Responses.seeOther("http://localhost:3000/?step=2&token=abc.def")),
                arguments("a page with non-ASCII text", Responses.html(200, Html.page("Merci \u2014 \u00e9l\u00e8ve \ud83d\ude00",
                        "<p>Caf\u00e9 \u00fcber \u4e2d\u6587</p>\u2028\u0001"))),
                arguments("an error with Retry-After", Responses.error(Refusal.busy("Please send it again in a moment."))),
                arguments("an error page", Responses.error(Refusal.invalidFields(Map.of("email", "is not an address")), true,
                        "http://localhost:3000/?step=2&token=abc")),
                arguments("everything set", APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                        .withHeaders(Map.of("Content-Type", "application/octet-stream"))
                        .withMultiValueHeaders(multi)
                        .withCookies(Arrays.asList("session=abc; Path=/; Secure", null))
                        .withBody("AAEC/w==").withIsBase64Encoded(true).build()),
                arguments("null and empty header values", APIGatewayV2HTTPResponse.builder().withStatusCode(204)
                        .withHeaders(withNull).withBody("").build()),
                arguments("nothing but a status", APIGatewayV2HTTPResponse.builder().withStatusCode(500).build()),
                arguments("empty lists and maps", APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                        .withHeaders(Map.of()).withMultiValueHeaders(Map.of()).withCookies(new ArrayList<>()).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void theWrittenAnswerParsesBackToTheSameAnswer(String name, APIGatewayV2HTTPResponse response) throws IOException {
        byte[] written = write(response);

        assertThat(DATA_BINDING.readValue(written, APIGatewayV2HTTPResponse.class)).isEqualTo(response);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void fieldsThatAreNotSetAreLeftOut(String name, APIGatewayV2HTTPResponse response) throws IOException {
        Map<?, ?> written = DATA_BINDING.readValue(write(response), Map.class);

        List<String> expected = new ArrayList<>(List.of("statusCode"));
        if (response.getHeaders() != null) {
            expected.add("headers");
        }
        if (response.getMultiValueHeaders() != null) {
            expected.add("multiValueHeaders");
        }
        if (response.getCookies() != null) {
            expected.add("cookies");
        }
        if (response.getBody() != null) {
            expected.add("body");
        }
        expected.add("isBase64Encoded");
        assertThat(List.copyOf(written.keySet())).isEqualTo(expected);
    }

    @Test
    void theAnswerIsUtf8AndTheStreamIsFlushedButLeftOpen() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        HttpResponseWriter.write(Responses.json(200, Map.of("name", "Zo\u00eb \u2014 \u5317\u4eac")), out);

        assertThat(closed[0]).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"statusCode\":200,\"headers\":{"
                + "\"Content-Type\":\"application/json; charset=utf-8\",\"Cache-Control\":\"no-store\","
                + "\"X-Content-Type-Options\":\"nosniff\"},\"body\":\"{\\\"name\\\":\\\"Zo\u00eb \u2014 \u5317\u4eac\\\"}\","
                + "\"isBase64Encoded\":false}");
    }
}
