package io.leadtriage.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.leadtriage.json.JsonTree;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the event API Gateway hands a function for an HTTP API route (payload format 2.0) into the
 * {@link APIGatewayV2HTTPEvent} the handlers take, with Jackson's streaming parser: no reflection and no data
 * binding. Every field of the class is read; fields it does not have are skipped, so a field API Gateway adds
 * later costs nothing. A field given twice keeps its last value, and a field given as null stays unset.
 *
 * <p>Strings take numbers and booleans as their text, as data binding does; objects and arrays where a string
 * belongs, and anything but true, false or null for {@code isBase64Encoded}, are errors.
 *
 * <p>Input that is not such an event fails with an {@link IllegalArgumentException} that names the field at
 * fault (never a header, parameter or claim name, which clients choose) and never quotes the input: bodies
 * and headers carry personal data, and the message ends up in the function's log.
 */
public final class HttpEventReader {
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private HttpEventReader() {
    }

    /** Reads one event, all of the input; an I/O error of the stream itself is thrown as it is. */
    public static APIGatewayV2HTTPEvent read(InputStream input) throws IOException {
        try (JsonParser p = JSON.createParser(input)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw invalid("empty input");
            }
            if (first != JsonToken.START_OBJECT) {
                throw invalid("expected a JSON object");
            }
            APIGatewayV2HTTPEvent event = object(p, "the event", new APIGatewayV2HTTPEvent(), HttpEventReader::eventField);
            if (p.nextToken() != null) {
                throw invalid("data after the event's closing brace");
            }
            return event;
        } catch (JsonEOFException e) {
            throw invalid("truncated: the input ends inside the event" + at(e.getLocation()));
        } catch (StreamConstraintsException e) {
            throw invalid("beyond the parser's limits (nesting depth or length of a value)");
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the offending text; only the position is safe to repeat.
            throw invalid("not valid JSON" + at(e.getLocation()));
        }
    }

    private static void eventField(APIGatewayV2HTTPEvent event, String name, JsonParser p) throws IOException {
        switch (name) {
            case "version" -> event.setVersion(text(p, "version"));
            case "routeKey" -> event.setRouteKey(text(p, "routeKey"));
            case "rawPath" -> event.setRawPath(text(p, "rawPath"));
            case "rawQueryString" -> event.setRawQueryString(text(p, "rawQueryString"));
            case "cookies" -> event.setCookies(texts(p, "cookies"));
            case "headers" -> event.setHeaders(textMap(p, "headers"));
            case "queryStringParameters" -> event.setQueryStringParameters(textMap(p, "queryStringParameters"));
            case "pathParameters" -> event.setPathParameters(textMap(p, "pathParameters"));
            case "stageVariables" -> event.setStageVariables(textMap(p, "stageVariables"));
            case "body" -> event.setBody(text(p, "body"));
            case "isBase64Encoded" -> event.setIsBase64Encoded(bool(p, "isBase64Encoded"));
            case "requestContext" -> event.setRequestContext(
                    object(p, "requestContext", new RequestContext(), HttpEventReader::contextField));
            default -> p.skipChildren();
        }
    }

    private static void contextField(RequestContext context, String name, JsonParser p) throws IOException {
        switch (name) {
            case "accountId" -> context.setAccountId(text(p, "requestContext.accountId"));
            case "apiId" -> context.setApiId(text(p, "requestContext.apiId"));
            case "domainName" -> context.setDomainName(text(p, "requestContext.domainName"));
            case "domainPrefix" -> context.setDomainPrefix(text(p, "requestContext.domainPrefix"));
            case "requestId" -> context.setRequestId(text(p, "requestContext.requestId"));
            case "routeKey" -> context.setRouteKey(text(p, "requestContext.routeKey"));
            case "stage" -> context.setStage(text(p, "requestContext.stage"));
            case "time" -> context.setTime(text(p, "requestContext.time"));
            case "timeEpoch" -> context.setTimeEpoch(wholeNumber(p, "requestContext.timeEpoch"));
            case "http" -> context.setHttp(
                    object(p, "requestContext.http", new RequestContext.Http(), HttpEventReader::httpField));
            case "authorizer" -> context.setAuthorizer(
                    object(p, "requestContext.authorizer", new RequestContext.Authorizer(), HttpEventReader::authorizerField));
            default -> p.skipChildren();
        }
    }

    private static void httpField(RequestContext.Http http, String name, JsonParser p) throws IOException {
        switch (name) {
            case "method" -> http.setMethod(text(p, "requestContext.http.method"));
            case "path" -> http.setPath(text(p, "requestContext.http.path"));
            case "protocol" -> http.setProtocol(text(p, "requestContext.http.protocol"));
            case "sourceIp" -> http.setSourceIp(text(p, "requestContext.http.sourceIp"));
            case "userAgent" -> http.setUserAgent(text(p, "requestContext.http.userAgent"));
            default -> p.skipChildren();
        }
    }

    private static void authorizerField(RequestContext.Authorizer authorizer, String name, JsonParser p) throws IOException {
        switch (name) {
            case "iam" -> authorizer.setIam(object(p, "requestContext.authorizer.iam", new RequestContext.IAM(),
                    HttpEventReader::iamField));
            case "jwt" -> authorizer.setJwt(object(p, "requestContext.authorizer.jwt", new RequestContext.Authorizer.JWT(),
                    HttpEventReader::jwtField));
            case "lambda" -> authorizer.setLambda(anyMap(p, "requestContext.authorizer.lambda"));
            default -> p.skipChildren();
        }
    }

    private static void iamField(RequestContext.IAM iam, String name, JsonParser p) throws IOException {
        switch (name) {
            case "accessKey" -> iam.setAccessKey(text(p, "requestContext.authorizer.iam.accessKey"));
            case "accountId" -> iam.setAccountId(text(p, "requestContext.authorizer.iam.accountId"));
            case "callerId" -> iam.setCallerId(text(p, "requestContext.authorizer.iam.callerId"));
            case "principalOrgId" -> iam.setPrincipalOrgId(text(p, "requestContext.authorizer.iam.principalOrgId"));
            case "userArn" -> iam.setUserArn(text(p, "requestContext.authorizer.iam.userArn"));
            case "userId" -> iam.setUserId(text(p, "requestContext.authorizer.iam.userId"));
            case "cognitoIdentity" -> iam.setCognitoIdentity(object(p, "requestContext.authorizer.iam.cognitoIdentity",
                    new RequestContext.CognitoIdentity(), HttpEventReader::cognitoField));
            default -> p.skipChildren();
        }
    }

    private static void cognitoField(RequestContext.CognitoIdentity identity, String name, JsonParser p) throws IOException {
        switch (name) {
            case "amr" -> identity.setAmr(texts(p, "requestContext.authorizer.iam.cognitoIdentity.amr"));
            case "identityId" -> identity.setIdentityId(text(p, "requestContext.authorizer.iam.cognitoIdentity.identityId"));
            case "identityPoolId" -> identity.setIdentityPoolId(
                    text(p, "requestContext.authorizer.iam.cognitoIdentity.identityPoolId"));
            default -> p.skipChildren();
        }
    }

    private static void jwtField(RequestContext.Authorizer.JWT jwt, String name, JsonParser p) throws IOException {
        switch (name) {
            case "claims" -> jwt.setClaims(textMap(p, "requestContext.authorizer.jwt.claims"));
            case "scopes" -> jwt.setScopes(texts(p, "requestContext.authorizer.jwt.scopes"));
            default -> p.skipChildren();
        }
    }

    /** Reads one field of an object into its target; the parser is on the field's value. */
    @FunctionalInterface
    private interface FieldReader<T> {
        void read(T target, String name, JsonParser p) throws IOException;
    }

    /** The object at the parser's current token, its fields read into {@code target}; null for a JSON null. */
    private static <T> T object(JsonParser p, String path, T target, FieldReader<T> fields) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw invalid("field " + path + " must be an object");
        }
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            fields.read(target, name, p);
        }
        return target;
    }

    private static String text(JsonParser p, String path) throws IOException {
        return scalarText(p, path, "must be a string");
    }

    /** A string, or the text of a number or boolean; null for a JSON null; otherwise "field {path} {expected}". */
    private static String scalarText(JsonParser p, String path, String expected) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!token.isScalarValue()) {
            throw invalid("field " + path + " " + expected);
        }
        return p.getText();
    }

    private static List<String> texts(JsonParser p, String path) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw invalid("field " + path + " must be an array of strings");
        }
        List<String> texts = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            texts.add(scalarText(p, path, "must be an array of strings"));
        }
        return texts;
    }

    private static Map<String, String> textMap(JsonParser p, String path) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw invalid("field " + path + " must be an object of strings");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            map.put(name, scalarText(p, path, "must be an object of strings"));
        }
        return map;
    }

    /** {@code authorizer.lambda}: whatever the Lambda authorizer returned as its context. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> anyMap(JsonParser p, String path) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw invalid("field " + path + " must be an object");
        }
        return (Map<String, Object>) JsonTree.read(p);
    }

    private static boolean bool(JsonParser p, String path) {
        return switch (p.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            default -> throw invalid("field " + path + " must be true or false");
        };
    }

    private static long wholeNumber(JsonParser p, String path) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (token != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw invalid("field " + path + " must be a whole number");
        }
        return p.getLongValue();
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("API Gateway event: " + problem);
    }
}
