package io.leadtriage.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.handlers.FormHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A form post as a landing page's fetch makes it (the JSON envelope of events/), for tests that need leads. */
public final class FormPosts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FormPosts() {
    }

    /** Posts {@code fields} (with a fresh submissionId) to {@code formId}; expects 2xx; the lead's id. */
    public static String submit(FormHandler forms, String formId, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("submissionId", UUID.randomUUID().toString());
        APIGatewayV2HTTPResponse response = forms.handleRequest(Events.forForm(Events.withJsonBody(
                Events.load("form-get-started-json.json"), body), formId), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isIn(200, 201);
        try {
            return JSON.readTree(response.getBody()).path("leadId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
