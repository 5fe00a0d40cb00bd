package io.leadtriage.testing;

import io.leadtriage.local.DynamoDbLocal;
import io.leadtriage.local.SamTemplate;
import org.testcontainers.containers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The DynamoDB the integration tests use: DynamoDB Local in this JVM (default), or LocalStack with
 * -Plocalstack. Tables come from template.yaml, created once per test run.
 */
public final class DynamoBackend {
    public static final String LEADS_TABLE = "LeadsTable";
    private static DynamoDbClient client;
    private static java.net.URI endpoint;

    private DynamoBackend() {
    }

    public static synchronized DynamoDbClient client() {
        if (client == null) {
            client = switch (Backend.current()) {
                case EMBEDDED -> {
                    DynamoDbLocal local = DynamoDbLocal.start(null);
                    Runtime.getRuntime().addShutdownHook(new Thread(local::close));
                    endpoint = local.endpoint();
                    yield local.client();
                }
                case LOCALSTACK -> {
                    LocalStackContainer stack = LocalStack.require();
                    endpoint = stack.getEndpoint();
                    yield DynamoDbClient.builder()
                            .endpointOverride(stack.getEndpoint())
                            .region(Region.of(stack.getRegion()))
                            .credentialsProvider(StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create(stack.getAccessKey(), stack.getSecretKey())))
                            .httpClient(UrlConnectionHttpClient.create())
                            .build();
                }
            };
            DynamoDbLocal.createTables(client, SamTemplate.read(SamTemplate.locate()));
        }
        return client;
    }

    /**
     * A table of its own, made from the template's definition of the leads table: for tests whose data
     * must not meet other tests' (a stored model version applies to every Services on a table).
     */
    public static synchronized String freshTable(String name) {
        software.amazon.awssdk.services.dynamodb.model.CreateTableRequest leads = SamTemplate.read(SamTemplate.locate())
                .tables().stream().filter(t -> t.tableName().equals(LEADS_TABLE)).findFirst().orElseThrow();
        String table = name + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        client().createTable(leads.toBuilder().tableName(table).build());
        return table;
    }

    /** Where the backend's DynamoDB listens: for clients built the production way, or through a proxy. */
    public static synchronized java.net.URI endpoint() {
        client();
        return endpoint;
    }

    /** Every item of the table: for tests that prove what was (or was not) stored. */
    public static List<Map<String, AttributeValue>> scanAll(String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client().scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())
                .forEach(page -> items.addAll(page.items()));
        return items;
    }
}
