package io.leadtriage.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The envelope reader against data binding, which stays here (test scope) as the reference: a form post, an envelope
 * with every field the class has, and the odd shapes (nulls, numbers for strings, repeated and unknown fields) read
 * the same; malformed envelopes fail with a message that names the field and quotes nothing. The real envelopes of
 * events/ are read in local/ (HttpEventReaderEventsTest): `sam build` builds this folder without them.
 */
class HttpEventReaderTest {
    /** A JSON form post, cut to what the handlers read; its body names jane.roe@acme-analytics.io. */
    static final Path FORM_POST = Path.of("src/test/resources/io/leadtriage/handlers/http/form-post.json");
    static final Path EVERY_FIELD = Path.of("src/test/resources/io/leadtriage/handlers/http/every-field.json");
    static final ObjectMapper DATA_BINDING = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static APIGatewayV2HTTPEvent read(String json) throws IOException {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    static APIGatewayV2HTTPEvent read(byte[] json) throws IOException {
        return HttpEventReader.read(new ByteArrayInputStream(json));
    }

    static APIGatewayV2HTTPEvent withDataBinding(String json) throws IOException {
        return DATA_BINDING.readValue(json, APIGatewayV2HTTPEvent.class);
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFormPostReadsAsDataBindingReadsIt() throws IOException {
        String json = text(FORM_POST);
        APIGatewayV2HTTPEvent ours = read(json);
        APIGatewayV2HTTPEvent theirs = withDataBinding(json);

        assertThat(ours).usingRecursiveComparison().isEqualTo(theirs);
        assertThat(ours).isEqualTo(theirs);
        // What the handlers read, spelled out.
        assertThat(ours.getRouteKey()).isEqualTo("POST /v1/forms/{formId}");
        assertThat(ours.getPathParameters()).containsEntry("formId", "get-started");
        assertThat(ours.getHeaders()).containsKeys("content-type", "accept", "origin", "referer");
        assertThat(ours.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(ours.getRequestContext().getHttp().getSourceIp()).isEqualTo("203.0.113.24");
        assertThat(ours.getRequestContext().getDomainName()).isEqualTo("abc123defg.execute-api.eu-west-1.amazonaws.com");
        assertThat(ours.getRequestContext().getTimeEpoch()).isEqualTo(1795428902000L);
        assertThat(ours.getBody()).contains("jane.roe@acme-analytics.io");
    }

    @Test
    void anEnvelopeWithEveryFieldReadsAsDataBindingReadsIt() throws IOException {
        String json = text(EVERY_FIELD);
        APIGatewayV2HTTPEvent ours = read(json);

        assertThat(ours).usingRecursiveComparison().isEqualTo(withDataBinding(json));
        assertThat(ours).isEqualTo(withDataBinding(json));
        assertThat(ours.getCookies()).containsExactly("session=abc123", "theme=dark");
        assertThat(ours.getQueryStringParameters()).containsEntry("utm_source", "a,b");
        assertThat(ours.getStageVariables()).containsEntry("stageVariable1", "value1");
        assertThat(ours.getIsBase64Encoded()).isTrue();
        APIGatewayV2HTTPEvent.RequestContext context = ours.getRequestContext();
        assertThat(context.getStage()).isEqualTo("$default");
        assertThat(context.getAuthorizer().getIam().getUserArn()).isEqualTo("arn:aws:iam::123456789012:user/marketing-ops");
        assertThat(context.getAuthorizer().getIam().getPrincipalOrgId()).isEqualTo("o-example");
        assertThat(context.getAuthorizer().getIam().getCognitoIdentity().getAmr()).hasSize(2);
        assertThat(context.getAuthorizer().getJwt().getClaims())
                .containsEntry("iat", "1516239022").containsEntry("admin", "true");
        assertThat(context.getAuthorizer().getJwt().getScopes()).containsExactly("leads:read", "leads:write");
        assertThat(context.getAuthorizer().getLambda())
                .containsEntry("tier", 3)
                .containsEntry("big", new BigInteger("98765432109876543210"))
                .containsEntry("ratio", 0.75)
                .containsEntry("nested", Map.of("roles", List.of("admin", "sales"), "since", Map.of("year", 2026)));
    }

    static Stream<Arguments> oddButValid() {
        return Stream.of(
                arguments("nulls everywhere", """
                        {"version": null, "cookies": null, "headers": null, "queryStringParameters": null, "body": null,
                         "isBase64Encoded": null, "requestContext": {"http": null, "authorizer": null, "timeEpoch": null}}"""),
                arguments("a null request context", "{\"requestContext\": null}"),
                arguments("null values in maps and lists", """
                        {"headers": {"a": null}, "cookies": [null, "x=1"],
                         "requestContext": {"authorizer": {"jwt": {"claims": {"sub": null}, "scopes": [null]},
                                                          "lambda": {"k": null}}}}"""),
                arguments("numbers and booleans where strings belong", """
                        {"rawPath": 7, "headers": {"content-length": 42, "x-ratio": 1.5, "x-flag": false},
                         "cookies": [1, true], "requestContext": {"http": {"method": 0}, "stage": true}}"""),
                arguments("a field given twice", """
                        {"body": "first", "body": "second", "isBase64Encoded": true, "isBase64Encoded": false,
                         "headers": {"a": "1", "a": "2"},
                         "requestContext": {"stage": "a"}, "requestContext": {"apiId": "b"}}"""),
                arguments("unknown fields of every shape, at every level", """
                        {"new": {"a": [1, {"b": [[], {}]}]}, "also": [null], "num": -1.5e300,
                         "requestContext": {"new": "x", "http": {"new": {"x": [1]}, "method": "GET"},
                            "authorizer": {"new": [], "iam": {"new": 1, "userArn": "arn"}, "jwt": {"new": {}}}}}"""),
                arguments("empty containers", """
                        {"cookies": [], "headers": {}, "requestContext": {"http": {}, "authorizer": {"lambda": {}}}}"""),
                arguments("an empty object", "{}"),
                arguments("whitespace around the event and a non-ASCII body", " \n {\"body\": \"\u00e9l\u00e8ve \u2014 \ud83d\ude00\"} \n "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddButValid")
    void oddButValidEnvelopesReadAsDataBindingReadsThem(String name, String json) throws IOException {
        assertThat(read(json)).usingRecursiveComparison().isEqualTo(withDataBinding(json));
    }

    @Test
    void theStreamIsReadToTheEndOfTheEventAndLeftOpen() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(text(EVERY_FIELD).getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        assertThat(HttpEventReader.read(in).getRawPath()).isEqualTo("/v1/admin/leads");
        assertThat(in.read()).isEqualTo(-1);
        assertThat(closed[0]).isFalse();
    }

    @Test
    void aFailingStreamIsAnIoErrorNotAMalformedEvent() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> HttpEventReader.read(failing)).isInstanceOf(IOException.class)
                .hasMessage("connection reset");
    }

    /** The form post with one field set to a JSON value. */
    static String with(String parentPath, String field, String valueJson) {
        try {
            ObjectNode root = (ObjectNode) DATA_BINDING.readTree(text(FORM_POST));
            ObjectNode parent = parentPath.isEmpty() ? root : (ObjectNode) root.at("/" + parentPath.replace('.', '/'));
            parent.set(field, DATA_BINDING.readTree(valueJson));
            return root.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> malformed() {
        String real = text(FORM_POST);
        int inBody = real.indexOf("jane.roe@") + 4;
        return Stream.of(
                arguments("not JSON", "{\"version\": \"2.0\", \"body\": jane.roe@example.net}", "not valid JSON (line 1, column"),
                arguments("a bare word", "jane.roe", "not valid JSON (line 1, column"),
                arguments("empty", "", "empty input"),
                arguments("only whitespace", " \r\n\t ", "empty input"),
                arguments("an array", "[{\"body\": \"jane\"}]", "expected a JSON object"),
                arguments("a string", "\"jane.roe@example.net\"", "expected a JSON object"),
                arguments("null", "null", "expected a JSON object"),
                arguments("truncated in the body", real.substring(0, inBody), "truncated: the input ends inside the event (line"),
                arguments("truncated after a field", real.substring(0, real.indexOf("\"body\"") + 7), "truncated"),
                arguments("truncated before the last brace", real.strip().substring(0, real.strip().length() - 1), "truncated"),
                arguments("a second event after the first", real + real, "data after the event's closing brace"),
                arguments("headers a string", with("", "headers", "\"content-type: text/plain\""),
                        "field headers must be an object of strings"),
                arguments("a header an object", with("headers", "x-jane-roe", "{\"email\": \"jane.roe@example.net\"}"),
                        "field headers must be an object of strings"),
                arguments("path parameters an array", with("", "pathParameters", "[\"get-started\"]"),
                        "field pathParameters must be an object of strings"),
                arguments("query parameters a number", with("", "queryStringParameters", "1"),
                        "field queryStringParameters must be an object of strings"),
                arguments("cookies a string", with("", "cookies", "\"jane=1\""), "field cookies must be an array of strings"),
                arguments("a cookie an object", with("", "cookies", "[{\"jane\": 1}]"), "field cookies must be an array of strings"),
                arguments("body an object", with("", "body", "{\"email\": \"jane.roe@example.net\"}"), "field body must be a string"),
                arguments("isBase64Encoded a string", with("", "isBase64Encoded", "\"yes\""),
                        "field isBase64Encoded must be true or false"),
                arguments("isBase64Encoded a number", with("", "isBase64Encoded", "1"),
                        "field isBase64Encoded must be true or false"),
                arguments("requestContext an array", with("", "requestContext", "[]"), "field requestContext must be an object"),
                arguments("http a string", with("requestContext", "http", "\"POST\""), "field requestContext.http must be an object"),
                arguments("method an array", with("requestContext.http", "method", "[\"POST\"]"),
                        "field requestContext.http.method must be a string"),
                arguments("sourceIp an object", with("requestContext.http", "sourceIp", "{}"),
                        "field requestContext.http.sourceIp must be a string"),
                arguments("domainName an array", with("requestContext", "domainName", "[]"),
                        "field requestContext.domainName must be a string"),
                arguments("timeEpoch a string", with("requestContext", "timeEpoch", "\"1795428902000\""),
                        "field requestContext.timeEpoch must be a whole number"),
                arguments("timeEpoch a fraction", with("requestContext", "timeEpoch", "1795428902000.5"),
                        "field requestContext.timeEpoch must be a whole number"),
                arguments("timeEpoch beyond a long", with("requestContext", "timeEpoch", "99999999999999999999"),
                        "field requestContext.timeEpoch must be a whole number"),
                arguments("authorizer a string", with("requestContext", "authorizer", "\"iam\""),
                        "field requestContext.authorizer must be an object"),
                arguments("iam an array", with("requestContext", "authorizer", "{\"iam\": []}"),
                        "field requestContext.authorizer.iam must be an object"),
                arguments("userArn an object", with("requestContext", "authorizer", "{\"iam\": {\"userArn\": {}}}"),
                        "field requestContext.authorizer.iam.userArn must be a string"),
                arguments("amr an object", with("requestContext", "authorizer", "{\"iam\": {\"cognitoIdentity\": {\"amr\": {}}}}"),
                        "field requestContext.authorizer.iam.cognitoIdentity.amr must be an array of strings"),
                arguments("claims an array", with("requestContext", "authorizer", "{\"jwt\": {\"claims\": [\"sub\"]}}"),
                        "field requestContext.authorizer.jwt.claims must be an object of strings"),
                arguments("a claim an array", with("requestContext", "authorizer", "{\"jwt\": {\"claims\": {\"jane\": [1]}}}"),
                        "field requestContext.authorizer.jwt.claims must be an object of strings"),
                arguments("scopes a string", with("requestContext", "authorizer", "{\"jwt\": {\"scopes\": \"leads:read\"}}"),
                        "field requestContext.authorizer.jwt.scopes must be an array of strings"),
                arguments("lambda context a string", with("requestContext", "authorizer", "{\"lambda\": \"jane\"}"),
                        "field requestContext.authorizer.lambda must be an object"),
                arguments("lambda context nested too deeply", real.replace("\"requestContext\": {", "\"requestContext\": "
                                + "{\"authorizer\": {\"lambda\": {\"a\": " + "[".repeat(1000) + "]".repeat(1000) + "}},"),
                        "beyond the parser's limits"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedEnvelopesFailClearlyWithoutQuotingThem(String name, String json, String expected) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("API Gateway event: ")
                .hasMessageContaining(expected)
                .hasMessageNotContaining("jane")
                .hasMessageNotContaining("@");
    }

    @Test
    void invalidUtf8IsNotJson() {
        byte[] json = "{\"body\": \"jane \u0000\"}".getBytes(StandardCharsets.UTF_8);
        json[json.length - 3] = (byte) 0xC3; // a lead byte followed by a quote: no UTF-8 sequence

        assertThatThrownBy(() -> read(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("API Gateway event: not valid JSON (line 1, column")
                .hasMessageNotContaining("jane");
    }
}
