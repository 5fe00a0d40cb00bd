package io.leadtriage.smoke;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * CloudFormation's Query API endpoint on loopback, for DescribeStacks only: it checks the request's SigV4
 * signature for service {@code cloudformation} (as AWS does, answering {@code 403 SignatureDoesNotMatch} or
 * {@code InvalidClientTokenId} in the Query API's error shape), then answers with {@link #describeStacks} for the
 * one stack it knows, and with the {@code 400 ValidationError} CloudFormation gives for any other name.
 */
final class CloudFormationStandIn implements AutoCloseable {
    /**
     * A DescribeStacks answer in the shape of the API reference's example (DescribeStacksResponse →
     * DescribeStacksResult → Stacks → member), filled in as a leadtriage stack would be: the template's
     * parameters (TurnstileSecret is NoEcho) and its two outputs.
     */
    static String describeStacks(String stackName, String status, String apiUrl) {
        return """
                <DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
                  <DescribeStacksResult>
                    <Stacks>
                      <member>
                        <StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/%1$s/6a1d1b50-cf1e-11f0-9c0b-0a1b2c3d4e5f</StackId>
                        <StackName>%1$s</StackName>
                        <ChangeSetId>arn:aws:cloudformation:eu-west-1:123456789012:changeSet/samcli-deploy1764532800/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0</ChangeSetId>
                        <Description>leadtriage: qualifies leads from web forms.</Description>
                        <Parameters>
                          <member>
                            <ParameterKey>AllowedOrigins</ParameterKey>
                            <ParameterValue>https://www.example.com</ParameterValue>
                          </member>
                          <member>
                            <ParameterKey>SenderAddress</ParameterKey>
                            <ParameterValue>leads@example.com</ParameterValue>
                          </member>
                          <member>
                            <ParameterKey>AlertRecipients</ParameterKey>
                            <ParameterValue>sales@example.com</ParameterValue>
                          </member>
                          <member>
                            <ParameterKey>SesMaxSendRate</ParameterKey>
                            <ParameterValue>14</ParameterValue>
                          </member>
                          <member>
                            <ParameterKey>TurnstileSecret</ParameterKey>
                            <ParameterValue>****</ParameterValue>
                          </member>
                          <member>
                            <ParameterKey>LogLevel</ParameterKey>
                            <ParameterValue>INFO</ParameterValue>
                          </member>
                        </Parameters>
                        <CreationTime>2026-11-30T19:20:00.000Z</CreationTime>
                        <LastUpdatedTime>2026-11-30T19:26:41.512Z</LastUpdatedTime>
                        <RollbackConfiguration/>
                        <StackStatus>%2$s</StackStatus>
                        <DisableRollback>false</DisableRollback>
                        <NotificationARNs/>
                        <Capabilities>
                          <member>CAPABILITY_IAM</member>
                          <member>CAPABILITY_AUTO_EXPAND</member>
                        </Capabilities>
                        <Outputs>
                          <member>
                            <OutputKey>LeadsTableName</OutputKey>
                            <OutputValue>%1$s-LeadsTable-1A2B3C4D5E6F</OutputValue>
                            <Description>The DynamoDB table holding leads</Description>
                          </member>
                          <member>
                            <OutputKey>ApiUrl</OutputKey>
                            <OutputValue>%3$s</OutputValue>
                            <Description>Base URL of the API; landing pages post to {ApiUrl}/v1/forms/{formId}</Description>
                          </member>
                        </Outputs>
                        <Tags/>
                        <EnableTerminationProtection>false</EnableTerminationProtection>
                        <DriftInformation>
                          <StackDriftStatus>NOT_CHECKED</StackDriftStatus>
                        </DriftInformation>
                      </member>
                    </Stacks>
                  </DescribeStacksResult>
                  <ResponseMetadata>
                    <RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId>
                  </ResponseMetadata>
                </DescribeStacksResponse>
                """.formatted(stackName, status, apiUrl);
    }

    /** The Query API's error document. */
    static String error(String type, String code, String message) {
        return """
                <ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
                  <Error>
                    <Type>%s</Type>
                    <Code>%s</Code>
                    <Message>%s</Message>
                  </Error>
                  <RequestId>4af14eca-6b2c-4b5e-9f16-example</RequestId>
                </ErrorResponse>
                """.formatted(type, code, message);
    }

    /** A request as received: its form parameters and whether its signature held. */
    record Received(Map<String, String> form, String contentType, Optional<String> refusal) {
    }

    private final HttpServer server;
    private final SigV4Verifier verifier;
    private final String stackName;
    private final String status;
    private final String apiUrl;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    CloudFormationStandIn(AwsSessionCredentialsIdentity caller, String region, String stackName, String status, String apiUrl)
            throws IOException {
        this.verifier = new SigV4Verifier(caller, "cloudformation", region);
        this.stackName = stackName;
        this.status = status;
        this.apiUrl = apiUrl;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange);
            }
        });
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Optional<String> refusal = verifier.refusal(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestHeaders(), body);
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        received.add(new Received(form, exchange.getRequestHeaders().getFirst("Content-Type"), refusal));
        if (refusal.isPresent()) {
            String code = refusal.get().equals(SigV4Verifier.INVALID_TOKEN) ? "InvalidClientTokenId" : "SignatureDoesNotMatch";
            send(exchange, 403, error("Sender", code, refusal.get()));
        } else if (!"DescribeStacks".equals(form.get("Action")) || !StackOutputs.API_VERSION.equals(form.get("Version"))) {
            send(exchange, 400, error("Sender", "InvalidAction", "Could not find operation " + form.get("Action")
                    + " for version " + form.get("Version")));
        } else if (stackName.equals(form.get("StackName"))) {
            send(exchange, 200, describeStacks(stackName, status, apiUrl));
        } else {
            send(exchange, 400, error("Sender", "ValidationError", "Stack with id " + form.get("StackName") + " does not exist"));
        }
    }

    private static void send(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
