package io.leadtriage.handlers.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stream method Lambda calls: the event read into the typed method, its answer written back. */
class HttpFunctionTest {
    /** Answers with what it was asked, and keeps the events it got. */
    static final class Echo extends HttpFunction {
        final List<APIGatewayV2HTTPEvent> served = new ArrayList<>();

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            served.add(event);
            return Responses.json(200, Map.of("route", event.getRouteKey(), "ip", event.getRequestContext().getHttp().getSourceIp()));
        }
    }

    @Test
    void theTypedMethodGetsTheEventAndItsAnswerIsWritten() throws IOException {
        byte[] event = Files.readAllBytes(HttpEventReaderTest.FORM_POST);
        Echo echo = new Echo();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        echo.handleRequest(new ByteArrayInputStream(event), out, null);

        assertThat(echo.served).singleElement().isEqualTo(HttpEventReaderTest.DATA_BINDING.readValue(event, APIGatewayV2HTTPEvent.class));
        APIGatewayV2HTTPResponse expected = Responses.json(200, Map.of("route", "POST /v1/forms/{formId}", "ip", "203.0.113.24"));
        assertThat(new ObjectMapper().readValue(out.toByteArray(), APIGatewayV2HTTPResponse.class)).isEqualTo(expected);
    }

    @Test
    void aMalformedEnvelopeReachesNoHandlerAndNothingIsWritten() {
        Echo echo = new Echo();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] truncated = "{\"body\": \"{\\\"email\\\": \\\"jane".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> echo.handleRequest(new ByteArrayInputStream(truncated), out, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("API Gateway event: truncated")
                .hasMessageNotContaining("jane");
        assertThat(echo.served).isEmpty();
        assertThat(out.size()).isZero();
    }
}
