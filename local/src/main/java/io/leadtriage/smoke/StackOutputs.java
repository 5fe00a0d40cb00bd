package io.leadtriage.smoke;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stack's status, outputs and parameters, read with CloudFormation's Query API ({@code DescribeStacks},
 * version 2010-05-15): a form-encoded POST signed with SigV4 for service {@code cloudformation}, whose XML
 * answer is parsed with the JDK. (The SDK's cloudformation module would do the same; this module does without
 * it.) The endpoint is {@code https://cloudformation.<region>.<partition suffix>}, or
 * {@code AWS_ENDPOINT_URL_CLOUDFORMATION} / {@code AWS_ENDPOINT_URL} when set, as for the SDK's clients.
 */
final class StackOutputs {
    static final String API_VERSION = "2010-05-15";

    /**
     * One stack as DescribeStacks describes it.
     *
     * @param outputs    OutputKey → OutputValue
     * @param parameters ParameterKey → ParameterValue (NoEcho ones read as asterisks)
     */
    record Stack(String name, String status, String statusReason, Map<String, String> outputs,
                 Map<String, String> parameters) {
        /** A stack that serves requests: created or updated, possibly with an update in progress or rolled back. */
        boolean usable() {
            return !(status.endsWith("_FAILED") || status.equals("ROLLBACK_COMPLETE") || status.equals("ROLLBACK_IN_PROGRESS")
                    || status.startsWith("DELETE_") || status.equals("CREATE_IN_PROGRESS") || status.startsWith("REVIEW_"));
        }
    }

    /** DescribeStacks knows no stack of that name in that region. */
    static final class NotFound extends SmokeFailure {
        NotFound(String message) {
            super(message);
        }
    }

    /** Reads one stack by name; the smoke test's seam for tests. */
    interface Reader {
        Stack describe(String stackName) throws SmokeFailure;
    }

    private final AwsHttp http;
    private final URI endpoint;
    private final String region;

    StackOutputs(AwsHttp http, URI endpoint, String region) {
        this.http = http;
        this.endpoint = endpoint;
        this.region = region;
    }

    /** The endpoint the SDK's CloudFormation client would use in this region. */
    static URI endpointFor(String region, Map<String, String> env) {
        for (String name : List.of("AWS_ENDPOINT_URL_CLOUDFORMATION", "AWS_ENDPOINT_URL")) {
            String configured = env.get(name);
            if (configured != null && !configured.isBlank()) {
                return URI.create(configured.endsWith("/") ? configured : configured + "/");
            }
        }
        RegionMetadata metadata = Region.of(region).metadata();
        String suffix = metadata == null ? (region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com")
                : metadata.partition().dnsSuffix();
        return URI.create("https://cloudformation." + region + "." + suffix + "/");
    }

    Reader reader() {
        return this::describe;
    }

    Stack describe(String stackName) throws SmokeFailure {
        byte[] body = ("Action=DescribeStacks&StackName=" + URLEncoder.encode(stackName, StandardCharsets.UTF_8)
                + "&Version=" + API_VERSION).getBytes(StandardCharsets.UTF_8);
        AwsHttp.Response response = http.send("POST", endpoint,
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), body,
                new AwsHttp.Signing("cloudformation", region));
        if (response.status() == 200) {
            return parse(response.body(), stackName);
        }
        throw failure(response, stackName, region);
    }

    /** The first stack of a DescribeStacksResponse. */
    static Stack parse(String xml, String stackName) throws SmokeFailure {
        Element root = document(xml).getDocumentElement();
        Element stacks = child(child(root, "DescribeStacksResult"), "Stacks");
        List<Element> members = children(stacks, "member");
        if (members.isEmpty()) {
            throw new NotFound("DescribeStacks found no stack named '" + stackName + "'");
        }
        Element stack = members.get(0);
        return new Stack(text(stack, "StackName").orElse(stackName), text(stack, "StackStatus").orElse("UNKNOWN"),
                text(stack, "StackStatusReason").orElse(null),
                pairs(child(stack, "Outputs"), "OutputKey", "OutputValue"),
                pairs(child(stack, "Parameters"), "ParameterKey", "ParameterValue"));
    }

    /** What went wrong, from the ErrorResponse's code, said as what to do about it. */
    static SmokeFailure failure(AwsHttp.Response response, String stackName, String region) {
        String code = "";
        String message = "";
        try {
            Element error = child(document(response.body()).getDocumentElement(), "Error");
            code = text(error, "Code").orElse("");
            message = text(error, "Message").orElse("");
        } catch (SmokeFailure | RuntimeException e) {
            // not an AWS error document (a proxy's page, say): the status says enough
        }
        if (code.equals("ValidationError") && message.contains("does not exist")) {
            return new NotFound("no stack named '" + stackName + "' in " + region + " (" + message + ")");
        }
        return switch (code) {
            case "ExpiredToken", "ExpiredTokenException", "RequestExpired" -> new SmokeFailure(
                    "your AWS session has expired (" + code + "): refresh it (aws sso login, or new keys) and run again");
            case "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "IncompleteSignature" ->
                    new SmokeFailure("AWS refused your credentials (" + code + "): check the profile or the keys in use");
            case "AccessDenied", "AccessDeniedException" -> new SmokeFailure("your credentials may not describe the stack ("
                    + code + "): allow cloudformation:DescribeStacks on it, or pass --api-url");
            case "Throttling", "ThrottlingException" -> new SmokeFailure("CloudFormation throttled the request: run again in a moment");
            default -> new SmokeFailure("DescribeStacks answered " + response.status()
                    + (code.isEmpty() ? "" : " " + code + (message.isEmpty() ? "" : ": " + message)));
        };
    }

    private static Document document(String xml) throws SmokeFailure {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new SmokeFailure("CloudFormation's answer is not the XML expected: " + AwsHttp.oneLine(e));
        }
    }

    private static Map<String, String> pairs(Element list, String keyName, String valueName) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (Element member : children(list, "member")) {
            text(member, keyName).ifPresent(key -> pairs.put(key, text(member, valueName).orElse("")));
        }
        return pairs;
    }

    /** The first child element of that local name (namespaces aside), or null. */
    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() == null ? e.getTagName() : e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static Optional<String> text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? Optional.empty() : Optional.of(e.getTextContent().strip());
    }
}
